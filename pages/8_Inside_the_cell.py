"""Inside the cell: one step of the recurrence with live numbers, input saliency, and the Jacobian."""

import streamlit as st

from ui import page_setup, settings_sidebar
from ui.glue.inside import holdout_size, inside_settings
from ui.glue.inside_views import draw_view
from ui.runs.flow import page_run
from ui.views.blocks import need_run

t = page_setup("inside")
cfg = settings_sidebar()
st.title(f":material/memory: {t('nav.inside')}")
st.caption(t("in.caption"))
res = need_run(page_run(cfg, t), t)  # the run drawn: every view reads res.config, never the sidebar's cfg
if holdout_size(res) == 0:
    st.info(t("view.no_run"), icon=":material/info:")
    st.stop()
if res.config.model.directions == 2:  # one step of one recurrence: a bidirectional layer has two
    st.info(t("in.one_way_only"), icon=":material/info:")
    st.stop()
draw_view(res, inside_settings(res, t), t)
