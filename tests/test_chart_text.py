"""Chart labels live only in the catalog: every builder takes ``labels`` (required) and finds each label it
reads under ``chart.<builder>.`` in both languages; no label's English is written in charts/ as well; and a
Chinese Train page has Chinese charts and table."""

import ast
import importlib
import inspect
import json
import re
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from charts import forecast, gradients
from rnn_core.data import tasks
from ui.text.catalog import LANGS, TEXT, labels

ROOT = Path(__file__).resolve().parent.parent
CHART_FILES = sorted((ROOT / "charts").glob("*.py"))
MODULES = [importlib.import_module(f"charts.{p.stem}") for p in CHART_FILES if p.stem != "__init__"]
# builder name -> function: every public function of charts/ that takes labels
BUILDERS = {name: fn for module in MODULES for name, fn in inspect.getmembers(module, inspect.isfunction)
            if fn.__module__ == module.__name__ and not name.startswith("_")
            and "labels" in inspect.signature(fn).parameters}
LABEL_NAMES = ("lab", "lb", "labels")  # what a builder calls its labels dict

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"\b(epoch|loss|forecast|observed|validation|training|naive|seasonal|time step|"
                           r"value|date|test period|best|this model|forecaster|one-step|recursive)\b", re.I)


def fields(text: str) -> list[str]:
    """The placeholders of a format string, in order, with their format specs."""
    return [f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None]


def _read_keys(fn) -> set[str]:
    """The label keys a builder reads itself: ``lab["x"]`` and ``lab.get("x")``."""
    tree = ast.parse(inspect.getsource(fn))
    out = set()
    for n in ast.walk(tree):
        if (isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in LABEL_NAMES
                and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str)):
            out.add(n.slice.value)
        elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get"
              and isinstance(n.func.value, ast.Name) and n.func.value.id in LABEL_NAMES
              and n.args and isinstance(n.args[0], ast.Constant)):
            out.add(n.args[0].value)
    return out


def test_the_builders_are_found():
    assert len(BUILDERS) >= 40, sorted(BUILDERS)
    assert {"loss_figure", "forecast_figure", "step_figure", "letter_predictions_figure", "rnn_kind_figure",
            "seed_ratio_figure", "grad_reading", "metrics_table"} <= set(BUILDERS)


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_each_builder_requires_labels_and_finds_them_in_the_catalog(builder):
    param = inspect.signature(BUILDERS[builder]).parameters["labels"]
    assert param.default is inspect.Parameter.empty, builder  # no English default to fall back on
    table = labels("en", f"chart.{builder}")  # KeyError when the catalog has no table for it
    # channel names come with the data; cell names are the cells' option labels (opt.cell.*), passed by the page
    read = _read_keys(BUILDERS[builder]) - {"channel_names", "cell_names"}
    assert read <= set(table), sorted(read - set(table))


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_both_languages_with_the_same_placeholders(builder):
    keys = [k for k in TEXT if k.startswith(f"chart.{builder}.")]
    assert keys, builder
    for key in keys:
        entry = TEXT[key]
        assert set(entry) == set(LANGS) and all(entry[lang] for lang in LANGS), key
        assert sorted(fields(entry["zh"])) == sorted(fields(entry["en"])), key
        if ENGLISH_WORDS.search(entry["en"]) and key.count(".") == 2:  # a table of names may keep English
            assert CJK.search(entry["zh"]), key


# --- no label written twice: a string in charts/ equal to a chart label's English is a copy of the catalog

TEXT_KWARGS = {"name", "text", "title", "title_text", "xaxis_title", "yaxis_title", "annotation_text",
               "hovertemplate", "ticktext", "label"}


def label_literals(source: str, values: set[str]) -> list[tuple[int, str]]:
    """(line, text) of the string literals in ``source`` that equal one of ``values``. Docstrings and the
    keys a builder reads (``lab["x"]``, ``lab.get("x")``, dict keys, comparisons) are not labels; a literal that
    is a plain identifier (``"train"``, ``"h"``) counts only where text goes (``name=``, ``title=``...)."""
    tree = ast.parse(source)
    skip, text_args = set(), set()
    for n in ast.walk(tree):
        body = getattr(n, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(n, ast.Subscript):
            skip.add(id(n.slice))
        elif isinstance(n, ast.Call):
            if isinstance(n.func, ast.Attribute) and n.func.attr == "get" and n.args:
                skip.add(id(n.args[0]))
            text_args.update(id(k.value) for k in n.keywords if k.arg in TEXT_KWARGS)
        elif isinstance(n, ast.Dict):
            skip.update(id(k) for k in n.keys if k is not None)
        elif isinstance(n, ast.Compare):
            skip.update(id(c) for c in (n.left, *n.comparators))
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in values and id(n) not in skip:
            if not n.value.isidentifier() or id(n) in text_args:
                out.append((n.lineno, n.value))
    return out


def _english_labels() -> set[str]:
    return {entry["en"] for key, entry in TEXT.items() if key.startswith("chart.")}


def test_the_scan_finds_a_label_written_in_python():
    values = _english_labels()
    source = ('X = {"title": "Loss per epoch"}\n'
              'def f(lab):\n    """Loss per epoch."""\n'
              '    fig.update_layout(xaxis_title="epoch", legend=dict(orientation="h"))\n'
              '    return lab["epoch"], lab.get("loss"), mode == "recursive"\n')
    assert label_literals(source, values) == [(1, "Loss per epoch"), (4, "epoch")]


@pytest.mark.parametrize("path", CHART_FILES, ids=lambda p: p.name)
def test_no_chart_label_is_written_in_charts(path):
    found = label_literals(path.read_text(encoding="utf-8"), _english_labels())
    assert not found, found  # the label belongs in locales/*.toml only, passed in as labels=


def test_class_names_cover_the_tasks():
    zh, en = labels("zh", "class"), labels("en", "class")
    for name in (*tasks.FIRST_VALUE_CLASSES, *tasks.WAVEFORM_CLASSES):
        assert CJK.search(zh[name]), name
    assert zh["sine"] == "正弦波" and en["sine"] == "sine"


def test_labels_picks_the_language_and_keeps_overrides():
    class T:
        lang = "zh"

    lab = labels(T(), "chart.loss_figure", title="自定义")
    assert lab["title"] == "自定义" and lab["x"] == "训练轮次" and lab["val"] == "验证损失"
    assert labels("en", "chart.loss_figure")["x"] == "epoch"
    assert labels("fr", "chart.loss_figure")["x"] == "epoch"
    assert labels("zh", "chart.window_figure", t="步")["t"] == "步"  # a label key may be named t
    names = labels("zh", "chart.forecast_figure", baseline_names={"sarima": "S"})["baseline_names"]
    assert names["sarima"] == "S" and names["naive"] == "朴素法（重复上一个值）"
    with pytest.raises(KeyError):
        labels("en", "chart.no_such_builder")
    table = forecast.metrics_table({"one_step": {"mape": 1.0, "rmse": 2.0}},
                                   {"naive": {"one_step": {"mape": 3.0, "rmse": 4.0}}},
                                   labels=labels("zh", "chart.metrics_table"), modes=("one_step",))
    assert list(table.columns) == ["预测方法", "单步 MAPE %", "单步 RMSE"]
    assert list(table["预测方法"]) == ["本模型", "朴素法（重复上一个值）"]
    assert gradients.grad_reading([[1e-6, 1.0]], labels=labels("zh", "chart.grad_reading")).endswith("梯度消失了。")


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
