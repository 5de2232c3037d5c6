"""A test page: the shared settings block, the config it returns and the params links carry."""

import json

import streamlit as st

from ui.state.layout import link_params
from ui.state.settings import settings_sidebar

sections = tuple(st.query_params.get("sections", "data,model,train").split(","))
cfg = settings_sidebar(sections)
st.code(cfg.to_json(), language="json")
st.code(json.dumps(link_params(), sort_keys=True), language="json")
