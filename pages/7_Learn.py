"""Learn: the ideas behind every view of the playground, with small interactive plots."""

import streamlit as st

from charts.diagrams import KINDS, rnn_kind_figure
from charts.learn import (
    ACTIVATIONS,
    activation_figure,
    gradient_factor,
    gradient_product,
    time_series_figure,
    vanishing_figure,
)
from ui import page_setup
from ui.glue.compare import direction_button
from ui.glue.learn_code import scratch_code, torch_code
from ui.state.layout import link_params
from ui.text.catalog import labels
from ui.views.blocks import cached_figure, chart

t = page_setup("learn")
NAMES = {"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"}

def _chart(name: str, builder, *args, **kwargs) -> None:
    chart(cached_figure(builder, *args, **kwargs), name, key=f"chart_{name}")  # no run: built once per server


st.title(f":material/school: {t('l.title')}")
st.caption(t("l.intro"))

st.header(t("l.ts.h"), divider="gray")
st.markdown(t("l.ts.body"))
_chart("time_series", time_series_figure, labels=labels(t, "chart.time_series_figure"))

st.header(t("l.rec.h"), divider="gray")
st.markdown(t("l.rec.body"))
st.latex(r"a^{\langle t \rangle} = g\left(W_{aa}\, a^{\langle t-1 \rangle} + W_{ax}\, x^{\langle t \rangle}"
         r" + b_a\right)")
st.latex(r"y^{\langle t \rangle} = g\left(W_{ya}\, a^{\langle t \rangle} + b_y\right)")
st.markdown(t("l.rec.symbols"))
st.page_link("pages/8_Inside_the_cell.py", label=t("in.learn_link"), icon=":material/memory:",
             query_params=link_params() or None)

LIVE = {"one_to_many": "pages/10_Generate_names.py", "encoder_decoder": "pages/11_Translate_dates.py"}
st.header(t("l.kinds.h"), divider="gray")
st.markdown(t("l.kinds.body"))
diagram_labels = labels(t, "chart.rnn_kind_figure")
for kind, tab in zip(KINDS, st.tabs([t(f"l.k.{kind}") for kind in KINDS]), strict=True):
    with tab:
        left, right = st.columns([3, 2], vertical_alignment="center")
        with left:
            _chart(f"rnn_{kind}", rnn_kind_figure, kind, labels=diagram_labels)
        with right:
            st.markdown(t(f"l.k.{kind}.desc"))
            st.markdown(f"**{t('l.example')}:** {t(f'l.k.{kind}.ex')}")
            st.markdown(f"**{t('l.here')}:** {t(f'l.k.{kind}.here')}")
            if kind in LIVE:  # a live language example of this kind
                st.page_link(LIVE[kind], label=t(f"l.k.{kind}.live"), icon=":material/arrow_forward:",
                             query_params=link_params() or None)
            if kind == "many_to_many":  # aligned outputs may read the whole sequence: one way against both ways
                direction_button(t, "learn_direction_kind")

st.header(t("l.sw.h"), divider="gray")
good, bad = st.columns(2)
with good:
    st.markdown(f"##### :material/thumb_up: {t('l.sw.strengths')}")
    st.markdown(t("l.sw.s"))
with bad:
    st.markdown(f"##### :material/thumb_down: {t('l.sw.weaknesses')}")
    st.markdown(f"{t('l.sw.w')}\n{t('l.sw.future')}")  # one list: the tutorial's weaknesses, the future last
    direction_button(t, "learn_direction")

st.header(t("l.act.h"), divider="gray")
st.markdown(t("l.act.body"))
act = st.segmented_control(t("l.act.pick"), ACTIVATIONS, format_func=NAMES.get, default="tanh",
                           key="learn_act", required=True)
_chart("activation", activation_figure, act, labels=labels(t, "chart.activation_figure"))
st.info(t(f"l.act.note.{act}"), icon=":material/lightbulb:")

st.header(t("l.van.h"), divider="gray")
st.markdown(t("l.van.body"))
st.latex(r"\frac{\partial a^{\langle T \rangle}}{\partial a^{\langle t \rangle}} = \prod_{k=t+1}^{T}"
         r" W_{aa}^{\top}\, \mathrm{diag}\!\left(g'(z^{\langle k \rangle})\right)")
st.markdown(t("l.van.scalar"))
st.latex(r"\left|\frac{\partial a^{\langle T \rangle}}{\partial a^{\langle T-k \rangle}}\right|"
         r" = \left|\, w \cdot g'(z) \,\right|^{k}")
c1, c2, c3, c4 = st.columns(4)
w = c1.slider(t("l.van.w"), 0.1, 3.0, 0.9, 0.05, key="learn_w")
k = c2.slider(t("l.van.k"), 1, 100, 50, key="learn_k")
z = c3.slider(t("l.van.z"), -3.0, 3.0, 0.0, 0.1, key="learn_z")
van_act = c4.selectbox(t("l.act.pick"), ACTIVATIONS, format_func=NAMES.get, key="learn_van_act")
factor = gradient_factor(w, z, van_act)
after = float(gradient_product(w, k, z, van_act)[-1])
m1, m2 = st.columns(2)
m1.metric(t("l.van.factor"), f"{factor:.3g}")
m2.metric(t("l.van.after", k=k), f"{after:.2e}")
_chart("vanishing", vanishing_figure, w, k, z, van_act, labels=labels(t, "chart.vanishing_figure"))
if abs(factor - 1.0) < 1e-9:
    st.success(t("l.van.stable"), icon=":material/balance:")
elif factor < 1.0:
    st.warning(t("l.van.vanish", k=k, value=after), icon=":material/trending_down:")
else:
    st.error(t("l.van.explode", k=k, value=after), icon=":material/trending_up:")
st.markdown(t("l.van.fix"))

st.header(t("l.lin.h"), divider="gray")
st.markdown(t("l.lin.body"))
st.latex(r"\text{LRU:}\quad a^{\langle t \rangle} = \lambda \odot a^{\langle t-1 \rangle} + \gamma \odot "
         r"\left(B\, x^{\langle t \rangle}\right),\quad y^{\langle t \rangle} = \mathrm{Re}\left(C\, "
         r"a^{\langle t \rangle}\right) + D\, x^{\langle t \rangle},\quad \lambda = e^{-e^{\nu} + i e^{\theta}}")
st.latex(r"\text{minGRU:}\quad z^{\langle t \rangle} = \sigma\left(W_z\, x^{\langle t \rangle}\right),\quad "
         r"a^{\langle t \rangle} = \left(1 - z^{\langle t \rangle}\right) \odot a^{\langle t-1 \rangle} + "
         r"z^{\langle t \rangle} \odot g\left(W_h\, x^{\langle t \rangle}\right)")
st.markdown(t("l.lin.why"))
for cell in ("lru", "mingru"):
    st.page_link("pages/4_Gradients.py", label=t(f"l.lin.{'grad' if cell == 'lru' else 'mingru'}_link"),
                 icon=":material/trending_down:", query_params={**link_params(), "cell": cell})
st.page_link("pages/6_Long_range_lab.py", label=t("l.lin.lab_link"), icon=":material/science:",
             query_params=link_params() or None)

st.header(t("l.code.h"), divider="gray")
st.markdown(t("l.code.body"))
left, right = st.columns(2)
with left:
    st.markdown(f"##### {t('l.code.scratch')}")
    st.code(scratch_code(t), language="python", wrap_lines=True)
with right:
    st.markdown(f"##### {t('l.code.torch')}")
    st.code(torch_code(t), language="python", wrap_lines=True)
