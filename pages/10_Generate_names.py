"""Generate names: a character-level RNN writes surnames in a language, letter by letter (one-to-many)."""

import pandas as pd
import streamlit as st

from charts.namegen import gen_loss_figure, next_letter_figure
from rnn_core.namegen.sample import novelty
from rnn_core.names import ALPHABET
from ui import page_setup
from ui.glue.namegen import SECONDS_PER_EPOCH, gen_model, gen_settings, samples_of, train_gen
from ui.runs.ticks import trained_or_button
from ui.state.fields import current_params, share_link
from ui.text.catalog import labels
from ui.text.labels import option_label
from ui.views.blocks import chart, csv_button

t = page_setup("generate")
st.title(f":material/auto_awesome: {t('nav.generate')}")
st.caption(t("gen.caption"))
cfg = gen_settings(t)
share_link(current_params(), t)
res = trained_or_button(gen_model(cfg), t, t("gen.none", s=round(SECONDS_PER_EPOCH * cfg.gen_epochs)),
                        t("gen.train"), "gen_train", lambda: train_gen(cfg, t))
if res.stopped == "stopped":
    st.warning(t("gen.stopped", n=len(res.history["epoch"])), icon=":material/pause_circle:")

lang = labels(t, "names.lang").get(cfg.gen_lang, cfg.gen_lang)
sub = t("gen.subtitle", cell=option_label(t, "cell", res.config.gen_cell), H=res.config.gen_hidden,
        seed=res.config.gen_seed, lang=lang, temp=cfg.gen_temp, sample=cfg.gen_sample)
samples = samples_of(res, cfg)
kinds = novelty(samples)
cols = st.columns(4)
cols[0].metric(t("gen.test_loss"), f"{res.test_loss:.3f}", border=True, help=t("gen.test_loss_help"))
cols[1].metric(t("gen.bigram"), f"{res.bigram_loss:.3f}", border=True, help=t("gen.bigram_help"))
cols[2].metric(t("gen.new"), t("gen.new_value", k=kinds["new"], n=len(samples)), border=True,
               help=t("gen.new_help"))
cols[3].metric(t("gen.time"), t("names.seconds", s=res.elapsed), border=True)

left, right = st.columns([3, 5])
with left:
    table = pd.DataFrame({t("gen.col_name"): [s.name for s in samples],
                          t("gen.col_kind"): [t(f"gen.kind.{s.kind}") for s in samples],
                          t("gen.col_logp"): [s.log_prob / len(s.chosen) for s in samples]})
    st.dataframe(table, hide_index=True, height=min(38 + 35 * len(samples), 420),
                 column_config={t("gen.col_logp"): st.column_config.NumberColumn(format="%.2f",
                                                                                  help=t("gen.col_logp_help"))})
    csv_button(pd.DataFrame({"name": [s.name for s in samples], "kind": [s.kind for s in samples],
                             "log_prob": [s.log_prob for s in samples]}), "generated_names", t)
with right:
    pick = st.selectbox(t("gen.pick"), range(len(samples)), format_func=lambda i: f"{i + 1}. {samples[i].name}",
                        key="gen_pick_view")
    s = samples[pick]
    chart(next_letter_figure(s.name, s.probs, s.chosen, ALPHABET, labels=labels(t, "chart.next_letter_figure")),
          "next_letter", subtitle=sub)
    st.caption(t("gen.read", temp=cfg.gen_temp))
chart(gen_loss_figure(res.history, res.bigram_loss, labels=labels(t, "chart.gen_loss_figure"),
                      loss_labels=labels(t, "chart.loss_figure")), "generator_loss", subtitle=sub)
