"""Home: what the playground is, a trained example at once, and where to go."""

import streamlit as st

from charts.forecast import forecast_figure
from charts.gradients import grad_norm_figure
from ui.layout import page_links, page_setup
from ui.runs import default_run
from ui.text_charts import chart_labels
from ui.traces import trace_of
from ui.views import chart, run_subtitle
from ui.warm import warm_in_background

t = page_setup("home")
st.title(f":material/neurology: {t('app.name')}")
st.markdown(f"#### {t('app.tagline')}")
st.markdown(t("home.intro"))

res = default_run()
sd = res.data.series
st.subheader(t("home.example"))
st.caption(t("home.example_caption", mape=res.metrics["model"]["one_step"]["mape"],
             rec=res.metrics["model"]["recursive"]["mape"], s=res.elapsed, epochs=len(res.history["epoch"])))
left, right = st.columns(2)
with left:
    fc = res.metrics["forecasts"]
    chart(forecast_figure(sd.index, sd.values, sd.n_test, fc["one_step"], fc["recursive"],
                          labels=chart_labels(t, "forecast_figure", title=t("train.forecast_title"),
                                              y=t("unit.air_passengers"))),
          "home_forecast")  # half width: the legend takes the subtitle's lines; the caption names the run
with right:
    tr = trace_of(res, "train", 0, 128)
    chart(grad_norm_figure(tr.grad_norms, labels=chart_labels(t, "grad_norm_figure", title=t("home.grad_title"))),
          "home_gradients", subtitle=run_subtitle(res.config, t))
    st.caption(t("read.grad"))
st.subheader(t("home.pages"))
page_links(t)
warm_in_background()  # last: the page is already drawn
