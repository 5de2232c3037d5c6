"""Words for people: a label for every config choice in both languages, numbers to 3 significant digits,
run names and tables without identifiers, captions that fit the cell."""

import math
import re
from types import SimpleNamespace

import pytest

from rnn_core.config import RunConfig
from tests.identifiers import CHOICES, found
from ui.glue.lab_seeds import horizon_text, sweep_table
from ui.state.layout import Translator
from ui.text import labels
from ui.text.catalog import LANGS, TEXT

EN, ZH = Translator("en"), Translator("zh")
CJK = re.compile(r"[\u4e00-\u9fff]")
SAME_IN_EVERY_LANGUAGE = {("nonlinearity", "tanh")}  # the function's own name, as in every textbook


def no_identifier(text: str, t=None) -> bool:
    lang = getattr(t, "lang", "en")
    return not found(text, lang)


@pytest.mark.parametrize("name", sorted(CHOICES))
def test_every_choice_has_a_label_in_both_languages(name):
    for value in CHOICES[name]:
        entry = TEXT[f"opt.{name}.{value}"]
        assert set(entry) == set(LANGS) and all(entry.values()), (name, value)
        if (name, value) not in SAME_IN_EVERY_LANGUAGE:
            assert entry["en"] != value, (name, value)
            assert labels.option_label(EN, name, value) == entry["en"]
            assert labels.option_label(ZH, name, value) == entry["zh"]
    assert labels.option_label(EN, name, "not-a-choice") == "not-a-choice"


def test_numbers_for_people():
    f = labels.fmt_num
    assert [f(2.2989), f(0.0234), f(1234.5), f(132), f(9.999), f(-0.5)] == ["2.30", "0.0234", "1,230", "132",
                                                                            "10.0", "−0.500"]
    assert [f(math.inf), f(-math.inf), f(math.nan), f(None), f(0.0)] == ["∞", "−∞", "—", "—", "0"]
    assert f(2.5e-5) == "2.5×10⁻⁵" and f(1e7) == "10⁷"
    assert labels.fmt_horizon(EN, math.inf) == "no decay" and labels.fmt_horizon(ZH, math.inf) == "不衰减"
    assert labels.fmt_horizon(EN, 12.345) == "12.3"


def test_run_subtitle_names_the_run_in_words():
    cfg = RunConfig()
    assert labels.run_subtitle(cfg, EN) == "LSTM · 2 layers × 32 units · Airline passengers (1949–1960) · seed 0"
    zh = labels.run_subtitle(cfg, ZH)
    assert CJK.search(zh) and "LSTM" in zh and "航空旅客" in zh
    lab = cfg.replace(cell="scratch", nonlinearity="relu", num_layers=1, task="adding", lag=50)
    assert labels.run_subtitle(lab, EN) == ("Elman (scratch, ReLU) · 1 layer × 32 units · Adding problem, lag 50 · "
                                            "seed 0")
    assert labels.cell_label(ZH, "scratch", "relu") == "Elman（手写，ReLU）"
    both = cfg.replace(task="denoise", dataset="sine", transform="none", cell="gru", bidirectional="on")
    assert labels.run_subtitle(both, EN).startswith("GRU ↔ both ways · 2 layers × 32 units · ")
    assert labels.run_subtitle(both, ZH).startswith("GRU ↔ 双向 · ")
    for c in (cfg, lab, cfg.replace(task="denoise", dataset="noisy_sine", transform="none"),
              cfg.replace(init="spectral", rho=1.5)):
        for t in (EN, ZH):
            assert no_identifier(labels.run_label(c, t), t), labels.run_label(c, t)
            assert no_identifier(labels.data_subtitle(c, t, steps=True), t), labels.data_subtitle(c, t, steps=True)


def _run(cell, stopped="early stop"):
    metrics = {"val_loss": 0.012345, "baseline_loss": 1.0, "model": {"one_step": {"mape": 5.4321},
                                                                     "recursive": {"mape": 12.0}}}
    return SimpleNamespace(metrics=metrics, elapsed=1.23456, history={"epoch": list(range(132))}, best_epoch=102,
                           stopped=stopped, config=RunConfig().replace(cell=cell))


def test_tables_show_labels_and_readable_numbers():
    for t in (EN, ZH):
        table = labels.compare_table({c: _run(c) for c in ("rnn", "lstm", "gru")}, t)
        assert list(table.iloc[:, 0]) == ["RNN", "LSTM", "GRU"]
        text = table.to_string()
        assert no_identifier(text, t) and "0.0123" in text and "1.23" in text and "Infinity" not in text
        assert "102" in table.iloc[0, -1] and len(table.iloc[0, -1]) < 40  # the outcome fits its column
    assert horizon_text(7.2541, EN) == "7.25" and "no decay" in horizon_text(math.inf, EN)
    rows = [{"cell": "gru", "lag": 5, "val_loss": 0.1, "baseline_loss": 0.2, "ratio": 0.5, "horizon": math.inf,
             "elapsed": 1.0, "epochs": 20, "stopped": "completed"}]
    for t in (EN, ZH):
        assert no_identifier(sweep_table(rows, t).to_string(), t)
    assert sweep_table(rows, ZH).iloc[0, 0] == "GRU" and "不衰减" in sweep_table(rows, ZH).to_string()


def test_captions_fit_the_cell():
    gru = labels.saturation_caption(EN, "gru", 64)
    assert "forget" not in gru and "reset gate r" in gru and "update gate z" in gru
    assert "forget gate" in labels.saturation_caption(EN, "lstm", 64)
    assert "explode" in labels.spectrum_caption(EN, "rnn") and "explode" in labels.spectrum_caption(EN, "scratch")
    gated = labels.spectrum_caption(EN, "gru")
    assert "does not decide" in gated and "GRU" in gated
    assert CJK.search(labels.spectrum_caption(ZH, "lstm"))
