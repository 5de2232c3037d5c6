"""The floor of this stack: a bare Streamlit page with a title and two tiny plotly charts, none of the playground.

``bench/bench_browser.py`` serves it beside the app and gives every page's time as a ratio to this one's.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")
st.title("Floor")
for k in range(2):
    st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[k, k + 1, k])), key=f"chart{k}")
