"""Chart labels in table form: every builder's label keys in both languages, and a Chinese Train page."""

import importlib
import inspect
import json
import re
import string

import pytest
from streamlit.testing.v1 import AppTest

from charts import data, disk, forecast, gradients, prediction, states, training, weights
from rnn_core.data import tasks
from ui.text.catalog import CHART_TEXT, LANGS, TEXT, chart_labels, class_names

# builder -> its module's label defaults
DEFAULTS = {
    "loss_figure": training.LOSS_LABELS,
    "loss_overlay_figure": training.LOSS_OVERLAY_LABELS,
    "forecast_figure": forecast.FORECAST_LABELS,
    "forecast_overlay_figure": forecast.FORECAST_OVERLAY_LABELS,
    "metrics_table": forecast.METRIC_LABELS,
    "sample_prediction_figure": prediction.SAMPLE_LABELS,
    "series_split_figure": data.DEFAULT_LABELS,
    "transformed_figure": data.DEFAULT_LABELS,
    "window_figure": data.DEFAULT_LABELS,
    "samples_figure": data.DEFAULT_LABELS,
    "state_heatmap": states.HEATMAP_LABELS,
    "layer_states_figure": states.LAYER_LABELS,
    "gate_figure": states.GATE_LABELS,
    "unit_traces_figure": states.UNIT_LABELS,
    "gate_saturation_figure": states.SATURATION_LABELS,
    "grad_norm_figure": gradients.GRAD_LABELS,
    "grad_overlay_figure": gradients.OVERLAY_LABELS,
    "grad_evolution_figure": gradients.EVOLUTION_LABELS,
    "grad_snapshot_frames_figure": gradients.FRAMES_LABELS,
    "clipping_figure": weights.CLIP_LABELS,
    "spectrum_figure": weights.SPECTRUM_LABELS,
    "disk_figure": disk.DISK_LABELS,
    "grad_reading": gradients.READING_LABELS,
}
MODULES = [training, forecast, prediction, data, states, gradients, weights, disk]
try:
    lab = importlib.import_module("charts.lab")
    DEFAULTS["sweep_figure"] = lab.SWEEP_LABELS
    MODULES.append(lab)
except (ImportError, AttributeError):
    pass

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"\b(epoch|loss|forecast|observed|validation|training|naive|seasonal|time step|"
                           r"value|date|test period|best|this model|forecaster|one-step|recursive)\b", re.I)


def fields(text: str) -> list[str]:
    """The placeholders of a format string, in order, with their format specs."""
    return [f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None]


def entries(builder: str):
    """(key, name or None, entry) for every translated string of a builder."""
    for key, entry in CHART_TEXT[builder].items():
        if key.endswith("_names"):
            for name, sub in entry.items():
                yield key, name, sub
        else:
            yield key, None, entry


def test_every_builder_with_labels_has_a_table_entry():
    builders = {name for module in MODULES for name, fn in inspect.getmembers(module, inspect.isfunction)
                if fn.__module__ == module.__name__ and not name.startswith("_")
                and "labels" in inspect.signature(fn).parameters}
    assert builders <= set(DEFAULTS), builders - set(DEFAULTS)
    assert set(DEFAULTS) <= builders, set(DEFAULTS) - builders  # MODULES names every module with a builder
    assert set(DEFAULTS) <= set(CHART_TEXT), set(DEFAULTS) - set(CHART_TEXT)


@pytest.mark.parametrize("builder", sorted(DEFAULTS))
def test_table_covers_the_builder_keys_and_repeats_the_english_defaults(builder):
    defaults, table = DEFAULTS[builder], CHART_TEXT[builder]
    expected = {k for k, v in defaults.items() if v is not None}  # None: data-specific, e.g. channel_names
    assert set(table) == expected, (set(table) ^ expected)
    for key in expected:
        if key.endswith("_names"):
            assert set(table[key]) == set(defaults[key]), key
            for name, text in defaults[key].items():
                assert table[key][name]["en"] == text, (key, name)
        else:
            assert table[key]["en"] == defaults[key], key


@pytest.mark.parametrize("builder", sorted(CHART_TEXT))
def test_both_languages_with_the_same_placeholders(builder):
    for key, name, entry in entries(builder):
        assert set(entry) == set(LANGS), (key, name)
        assert all(entry[lang] for lang in LANGS), (key, name)
        assert sorted(fields(entry["zh"])) == sorted(fields(entry["en"])), (key, name)
        if ENGLISH_WORDS.search(entry["en"]) and not key.endswith("_names"):
            assert CJK.search(entry["zh"]), (builder, key)


def test_class_names_cover_the_tasks():
    for name in (*tasks.FIRST_VALUE_CLASSES, *tasks.WAVEFORM_CLASSES):
        assert CJK.search(TEXT[f"class.{name}"]["zh"]), name
    assert class_names("zh", ("sine", "other")) == ["正弦波", "other"]
    assert class_names("en", ("sine",)) == ["sine"]


def test_chart_labels_picks_the_language_and_keeps_overrides():
    class T:
        lang = "zh"

    lab = chart_labels(T(), "loss_figure", title="自定义")
    assert lab["title"] == "自定义" and lab["x"] == "训练轮次" and lab["val"] == "验证损失"
    assert chart_labels("en", "loss_figure")["x"] == "epoch"
    assert chart_labels("fr", "loss_figure")["x"] == "epoch"
    assert chart_labels("zh", "window_figure", t="步")["t"] == "步"  # a label key may be named t
    names = chart_labels("zh", "forecast_figure", baseline_names={"sarima": "S"})["baseline_names"]
    assert names["sarima"] == "S" and names["naive"] == "朴素法（重复上一个值）"
    table = forecast.metrics_table({"one_step": {"mape": 1.0, "rmse": 2.0}},
                                   {"naive": {"one_step": {"mape": 3.0, "rmse": 4.0}}},
                                   labels=chart_labels("zh", "metrics_table"), modes=("one_step",))
    assert list(table.columns) == ["预测方法", "单步 MAPE %", "单步 RMSE"]
    assert list(table["预测方法"]) == ["本模型", "朴素法（重复上一个值）"]
    assert gradients.grad_reading([[1e-6, 1.0]], labels=chart_labels("zh", "grad_reading")).endswith("梯度消失了。")


def _texts(spec: dict) -> tuple[list[str], list[str]]:
    """The title and axis titles of a plotly figure JSON, and its trace names, hover texts and annotations."""
    layout = spec.get("layout", {})
    titles = []
    for key, value in layout.items():
        if key == "title" or re.fullmatch(r"[xy]axis\d*", key):
            title = value.get("text") if key == "title" else (value.get("title") or {}).get("text")
            if title:
                titles.append(title)
    other = [a.get("text", "") for a in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        other.append(trace.get("name") or "")
        other.append(re.sub(r"%\{[^}]*\}", "", trace.get("hovertemplate") or ""))
    return titles, [o for o in other if o]


def test_train_page_in_chinese_has_chinese_charts_and_table():
    at = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    for k, v in {"lang": "zh", "epochs": "10", "patience": "0", "hidden_size": "8"}.items():
        at.query_params[k] = v
    at.switch_page("pages/2_Train.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    charts = at.get("plotly_chart")
    assert len(charts) >= 2  # the forecast and the loss curves
    for el in charts:
        titles, other = _texts(json.loads(el.proto.spec))
        assert len(titles) >= 3, titles  # a title and both axis titles
        for text in titles:
            assert CJK.search(text), text
        for text in titles + other:
            assert not ENGLISH_WORDS.search(text), text
    table = at.dataframe[0].value
    assert all(CJK.search(str(c)) for c in table.columns), list(table.columns)
    assert "本模型" in list(table.iloc[:, 0])
