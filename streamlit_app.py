"""Home: what the playground is, a trained example at once, and where to go.

The example is drawn from the shipped summary (``ui.views.example``), so a cold server paints Home before torch
is imported; the engine loads in the background once the page is drawn."""

import streamlit as st

from ui.runs.provenance import shipped_note
from ui.runs.warm import warm_in_background
from ui.state.layout import page_links, page_setup
from ui.views.blocks import chart
from ui.views.example import example_figures, home_example

t = page_setup("home")
st.title(f":material/neurology: {t('app.name')}")
st.markdown(f"#### {t('app.tagline')}")
st.markdown(t("home.intro"))

ex = home_example()
forecast, grads = example_figures(t.lang)  # built once per server and language
st.subheader(t("home.example"))
st.caption(t("home.example_caption", mape=ex.mape["one_step"], rec=ex.mape["recursive"], s=ex.elapsed,
             epochs=ex.epochs))
shipped_note(t)  # once the engine has checked this server's numerics: if they differ, it says so
left, right = st.columns(2)
with left:
    chart(forecast, "home_forecast")  # half width: the legend takes the subtitle's lines; the caption names the run
with right:
    chart(grads, "home_gradients")  # its subtitle names the run
    st.caption(t("read.grad"))
st.subheader(t("home.pages"))
page_links(t)
warm_in_background()  # last: the page is already drawn
