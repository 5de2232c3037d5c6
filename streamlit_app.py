"""Home: what the playground is, a trained example at once, and where to go.

The example is drawn from the shipped summary (``ui.example``), so a cold server paints Home before torch
is imported; the engine loads in the background once the page is drawn."""

import streamlit as st

from charts.forecast import forecast_figure
from charts.gradients import grad_norm_figure
from ui.example import home_example
from ui.layout import page_links, page_setup
from ui.text_charts import chart_labels
from ui.views import chart, run_subtitle
from ui.warm import warm_in_background

t = page_setup("home")
st.title(f":material/neurology: {t('app.name')}")
st.markdown(f"#### {t('app.tagline')}")
st.markdown(t("home.intro"))

ex = home_example()
st.subheader(t("home.example"))
st.caption(t("home.example_caption", mape=ex.mape["one_step"], rec=ex.mape["recursive"], s=ex.elapsed,
             epochs=ex.epochs))
left, right = st.columns(2)
with left:
    chart(forecast_figure(ex.index, ex.values, ex.n_test, ex.one_step, ex.recursive,
                          labels=chart_labels(t, "forecast_figure", title=t("train.forecast_title"),
                                              y=t("unit.air_passengers"))),
          "home_forecast")  # half width: the legend takes the subtitle's lines; the caption names the run
with right:
    chart(grad_norm_figure(ex.grad_norms, labels=chart_labels(t, "grad_norm_figure", title=t("home.grad_title"))),
          "home_gradients", subtitle=run_subtitle(ex.config, t))
    st.caption(t("read.grad"))
st.subheader(t("home.pages"))
page_links(t)
warm_in_background()  # last: the page is already drawn
