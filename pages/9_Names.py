"""Names: type a surname and watch a character-level RNN guess its language letter by letter."""

import pandas as pd
import streamlit as st

from charts.names import (
    accuracy_compare_figure,
    confusion_figure,
    letter_predictions_figure,
    name_grad_figure,
    name_states_figure,
    per_class_figure,
)
from charts.states import gate_figure
from rnn_core.names import dataset, fold
from ui import page_setup, settings_sidebar
from ui.glue.names import (
    MAX_CHARS,
    TUTORIAL_EPOCHS,
    ensure_names_task,
    flips,
    letters_frame,
    letters_of,
    name_states_frame,
    names_run,
    report_of,
    several_languages,
    subtitle,
    tutorial_configs,
)
from ui.runs.access import lookup_run
from ui.runs.flow import page_run
from ui.runs.live import train_live
from ui.text.catalog import labels
from ui.text.labels import cell_label
from ui.views.blocks import chart, csv_button

t = page_setup("names")
switched = ensure_names_task()
cfg = settings_sidebar()
st.title(f":material/abc: {t('nav.names')}")
st.caption(t("names.caption"))
if switched:
    st.toast(t("names.switched"), icon=":material/swap_horiz:")
if cfg.data.task != "names":  # the sidebar's settings are not valid for the surname task
    st.info(t("names.other_task"), icon=":material/info:")
    st.stop()

res = names_run(cfg, t)
if res is None:
    st.info(t("names.none"), icon=":material/info:")
    if st.button(t("names.train"), type="primary", icon=":material/play_arrow:", key="names_train"):
        page_run(cfg, t, go=True, auto=False, label=t("names.label_run"))
        st.rerun()
    st.stop()
if res.stopped == "stopped":
    st.warning(t("names.stopped"), icon=":material/pause_circle:")

sub = subtitle(res.config, t)
langs = [labels(t, "names.lang").get(c, c) for c in res.data.class_names]
rep = report_of(res)
majority = langs[int(rep["frequency"].argmax())]
cols = st.columns(4)
cols[0].metric(t("names.accuracy"), f"{rep['accuracy']:.1%}", border=True,
               help=t("names.accuracy_help", **several_languages(res)))
cols[1].metric(t("names.balanced"), f"{rep['balanced_accuracy']:.1%}", border=True, help=t("names.balanced_help"))
cols[2].metric(t("names.majority", lang=majority), f"{rep['majority_accuracy']:.1%}", border=True,
               help=t("names.majority_help"))
cols[3].metric(t("names.time"), t("names.seconds", s=res.elapsed), border=True)
st.caption(t(f"names.weights_{res.config.train.class_weight}"))

# one typed name: no training here, only the stored run's weights
typed = st.text_input(t("names.type"), value="Dostoevsky", max_chars=MAX_CHARS, key="names_name",
                      help=t("names.type_help", n=MAX_CHARS))
name = fold(typed.strip())
if not name:
    st.warning(t("names.empty"), icon=":material/keyboard:")
else:
    if name != typed.strip():
        st.caption(t("names.folded", name=name))
    probs, tr = letters_of(res, name)
    path = flips(probs)
    top = int(probs[-1].argmax())
    st.markdown(t("names.guess", name=name, lang=langs[top], p=probs[-1, top]))
    if len(path) > 1:
        st.caption(t("names.flips" if len(path) > 2 else "names.flips_one", k=len(path) - 1,
                     path=" → ".join(f"{langs[c]} ({name[:k]})" for k, c in path)))
    else:
        st.caption(t("names.no_flip"))
    chart(letter_predictions_figure(name, probs, langs, labels=labels(t, "chart.letter_predictions_figure")),
          "names_letters", key="names_letters", subtitle=sub)
    csv_button(letters_frame(name, probs, res.data.class_names), "names_letters", t)
    tabs = st.tabs([t("names.tab_states"), t("names.tab_grads"), t("names.tab_gates")])
    hiddens = tr.hiddens[-1, 0]  # (T, H), last layer
    with tabs[0]:
        chart(name_states_figure(name, hiddens, labels=labels(t, "chart.name_states_figure")), "names_hidden",
              subtitle=sub)
        csv_button(name_states_frame(name, hiddens), "names_hidden", t)
    with tabs[1]:
        chart(name_grad_figure(name, tr.grad_norms[-1], labels=labels(t, "chart.name_grad_figure")), "names_grad_norms",
              subtitle=sub)
        st.caption(t("names.grad_caption", lang=langs[top]))
        csv_button(pd.DataFrame({"position": range(1, len(name) + 1), "letter": list(name),
                                 "grad_norm": tr.grad_norms[-1]}), "names_grad_norms", t)
    with tabs[2]:
        if tr.gates:
            chart(gate_figure({k: v[-1, 0] for k, v in tr.gates.items()}, res.config.model.cell,
                              labels=labels(t, "chart.gate_figure", cell_names=labels(t, "opt.cell"))),
                  "names_gates", subtitle=sub)
        else:
            st.info(t("names.no_gates"), icon=":material/info:")

st.header(t("names.test_title"))
chart(confusion_figure(rep["confusion"], langs, labels=labels(t, "chart.confusion_figure")), "names_confusion",
      subtitle=sub)
conf = pd.DataFrame(rep["confusion"], columns=list(res.data.class_names))
conf.insert(0, "true", list(res.data.class_names))
csv_button(conf, "names_confusion", t)
left, right = st.columns(2)
with left:
    chart(per_class_figure(rep["recall"], rep["frequency"], langs, rep["balanced_accuracy"],
                           labels=labels(t, "chart.per_class_figure")), "names_per_language", subtitle=sub)
    st.caption(t("names.arabic_note"))
with right:
    test_names = dataset(res.config.data.data_seed)["test"][0]
    wrong = sorted(rep["wrong"], key=lambda w: -w[3])
    frame = pd.DataFrame({t("names.col_name"): [test_names[i] for i, *_ in wrong],
                          t("names.col_true"): [langs[y] for _, y, _, _ in wrong],
                          t("names.col_pred"): [langs[p] for _, _, p, _ in wrong],
                          t("names.col_prob"): [f"{q:.0%}" for *_, q in wrong]})
    frame = frame.drop_duplicates().head(12)  # a name repeated in the data (Arabic) is one mistake, shown once
    st.markdown(f"**{t('names.wrong')}**")
    st.dataframe(frame, hide_index=True, height=460)

st.header(t("names.tutorial_title"))
st.markdown(t("names.tutorial_text", epochs=t("names.epochs_one") if TUTORIAL_EPOCHS == 1
              else t("names.epochs", n=TUTORIAL_EPOCHS)))
tut = tutorial_configs(res.config)
runs = {c: lookup_run(k) for c, k in tut.items()}
if any(r is None for r in runs.values()):
    if st.button(t("names.tutorial_go"), icon=":material/play_arrow:", key="names_tutorial"):
        for c, k in tut.items():
            if runs[c] is None:
                runs[c] = train_live(k, t, label=t(f"opt.cell.{c}"))
rows = [{"label": t("names.row_majority"), "accuracy": rep["majority_accuracy"], "balanced": 1 / len(langs)},
        {"label": t("names.row_this", cell=cell_label(t, res.config.model.cell)), "accuracy": rep["accuracy"],
         "balanced": rep["balanced_accuracy"]}]
done = {c: report_of(r) for c, r in runs.items() if r is not None}
rows += [{"label": t(f"opt.cell.{c}"), "accuracy": d["accuracy"], "balanced": d["balanced_accuracy"]}
         for c, d in done.items()]
chart(accuracy_compare_figure(rows, labels=labels(t, "chart.accuracy_compare_figure")), "names_tutorial", subtitle=sub)
if len(done) == 2:
    a, b = done["tutorial"], done["tutorial_tanh"]
    st.info(t("names.tutorial_cost", a=a["accuracy"], b=a["balanced_accuracy"], c=b["accuracy"],
              d=b["balanced_accuracy"]), icon=":material/lightbulb:")
