"""Translate dates: an RNN encoder reads a date as people write it, an RNN decoder writes it as ISO 8601,
with and without attention (encoder–decoder)."""

import pandas as pd
import streamlit as st

from charts.dates import accuracy_by_length_figure, attention_figure, exact_per_epoch_figure
from rnn_core.dates.data import EXAMPLE, FORMATS, clean, is_date
from ui import page_setup
from ui.glue.dates import SECONDS_PER_EPOCH, date_pair, date_settings, other_teacher, train_pair, translation
from ui.runs.ticks import trained_or_button
from ui.state.fields import current_params, share_link
from ui.text.catalog import labels
from ui.text.labels import option_label
from ui.text.safe import code
from ui.views.blocks import chart

t = page_setup("dates")
st.title(f":material/translate: {t('nav.dates')}")
st.caption(t("dt.caption"))
cfg = date_settings(t)
share_link(current_params(), t)
pair = trained_or_button(date_pair(cfg), t, t("dt.none", s=round(SECONDS_PER_EPOCH * cfg.dt_epochs)),
                         t("dt.train"), "dt_train", lambda: train_pair(cfg, t))
if any(r.stopped == "stopped" for r in pair):
    st.warning(t("dt.stopped"), icon=":material/pause_circle:")

attn, plain = pair
names = {True: t("dt.with"), False: t("dt.without")}
sub = t("dt.subtitle", cell=option_label(t, "cell", attn.config.dt_cell), H=attn.config.dt_hidden,
        epochs=attn.config.dt_epochs, teacher=option_label(t, "dt_teacher", attn.config.dt_teacher),
        seed=attn.config.dt_seed)
text = clean(cfg.dt_text)
if not text:
    st.warning(t("dt.empty"), icon=":material/keyboard:")
else:
    if text != cfg.dt_text.casefold():
        st.caption(t("dt.cleaned", text=code(text)))
    (iso_a, weights), (iso_p, _) = translation(pair, text)
    cols = st.columns(3)
    for col, res, iso in ((cols[0], attn, iso_a), (cols[1], plain, iso_p)):
        valid = t("dt.valid" if is_date(iso) else "dt.invalid")
        col.metric(names[res.attention], iso, border=True, help=t("dt.metric_help", acc=res.exact))
        col.caption(valid)
    cols[2].metric(t("dt.test_exact"), f"{attn.exact:.1%} · {plain.exact:.1%}", border=True,
                   help=t("dt.test_exact_help"))
    chart(attention_figure(text, iso_a, weights[:, :len(text)], labels=labels(t, "chart.attention_figure")),
          "attention", subtitle=sub)
    st.caption(t("dt.read_attention"))

rows = [{"label": names[r.attention], "attention": r.attention, "bands": list(r.by_length),
         "accuracy": [v[0] for v in r.by_length.values()], "count": [v[1] for v in r.by_length.values()]}
        for r in pair]
left, right = st.columns(2)
with left:
    chart(accuracy_by_length_figure(rows, labels=labels(t, "chart.accuracy_by_length_figure")), "exact_by_length",
          subtitle=sub)
with right:  # beside the pair shown, the same pair trained the other way (teacher forcing), when there is one
    other = date_pair(other_teacher(attn.config))
    pairs = [(pair, False)] + ([(other, True)] if other is not None else [])
    per_epoch = [{"label": t("dt.teacher_label", model=names[r.attention],
                        teacher=option_label(t, "dt_teacher", r.config.dt_teacher)) if other is not None
             else names[r.attention], "attention": r.attention, "history": r.history, "dash": dash}
            for p, dash in pairs for r in p]
    chart(exact_per_epoch_figure(per_epoch, labels=labels(t, "chart.exact_per_epoch_figure")), "exact_per_epoch",
          subtitle=sub)
st.caption(t("dt.read_bottleneck"))
st.caption(t("dt.read_teacher" if other is not None else "dt.read_teacher_none",
             other=option_label(t, "dt_teacher", other_teacher(attn.config).dt_teacher)))
fmt = labels(t, "dt.format")
st.dataframe(pd.DataFrame({t("dt.col_format"): [fmt[f] for f in FORMATS],
                           t("dt.col_example"): [FORMATS[f](EXAMPLE) for f in FORMATS],
                           names[True]: [attn.by_format.get(f, float("nan")) for f in FORMATS],
                           names[False]: [plain.by_format.get(f, float("nan")) for f in FORMATS]}),
             hide_index=True, width="stretch", height=38 + 35 * len(FORMATS),
             column_config={names[k]: st.column_config.NumberColumn(format="percent") for k in names})
