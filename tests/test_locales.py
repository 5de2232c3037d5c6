"""The catalogs in locales/: the same keys and placeholders in every language, every key used by the code,
every key the code asks for present, and a new language (a wrapped copy of English) renders every page."""

import ast
import json
import re
import string
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.state.layout import PAGES
from ui.text import catalog

ROOT = Path(__file__).resolve().parent.parent
# the cell registry names each cell's caption keys (its label key is opt.cell.<cell>)
CODE = [ROOT / "streamlit_app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py")),
        ROOT / "rnn_core" / "cells.py"]
CHART_CODE = sorted((ROOT / "charts").glob("*.py"))
# Key prefixes the code builds at run time (f"nav.{key}", "f." + name, ...); each is checked against the code.
DYNAMIC = {
    "data.", "desc.", "err.", "f.", "grad.horizon_", "h.", "in.cap_", "in.regime.", "in.sal_",
    "in.tab_", "in.term.", "l.act.note.", "l.k.", "l.lin.", "lab.action.", "lab.outcome.", "lab.reading.",
    "lab.shape_why.", "lab.verdict.", "met.one_step_", "met.recursive_",
    "gen.kind.", "met.why_", "names.weights_", "nav.", "opt.", "opt.cell.", "opt.lab_task.", "run.no_forecast.",
    "run.queued", "set.", "stop.", "task.", "unit.",
}
DYNAMIC_TUPLE = tuple(DYNAMIC)
KEY = re.compile(r"^[a-z_]+\.[A-Za-z0-9_.]*$")


def _trees(files):
    return [ast.parse(p.read_text(encoding="utf-8")) for p in files]


def _constants(files) -> set[str]:
    """Every string literal."""
    return {n.value for tree in _trees(files) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _tables(files) -> set[str]:
    """The prefixes the code reads as tables: ``labels(t, "chart.loss_figure")``, ``labels(t, "class")``."""
    out = set()
    for tree in _trees(files):
        for n in ast.walk(tree):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "labels"
                    and len(n.args) > 1 and isinstance(n.args[1], ast.Constant)):
                out.add(n.args[1].value)
    return out


def _dynamic_prefixes(files) -> set[str]:
    """Key prefixes of f-strings and of ``"prefix." + expr`` in the code."""
    out = set()
    for tree in _trees(files):
        for n in ast.walk(tree):
            head = None
            if isinstance(n, ast.JoinedStr) and n.values and isinstance(n.values[0], ast.Constant):
                head = n.values[0].value
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add) and isinstance(n.left, ast.Constant):
                head = n.left.value
            if isinstance(head, str) and re.fullmatch(r"[a-z]+\.[a-z_.]*", head):
                out.add(head)
    return out


def _fields(text: str) -> list[str]:
    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


def _catalogs() -> dict[str, dict[str, str]]:
    return catalog.read_catalogs(ROOT / "locales")


def test_every_catalog_has_every_key_with_the_same_placeholders():
    cats = _catalogs()
    assert {"en", "zh"} <= set(cats)
    en = cats["en"]
    for lang, cat in cats.items():
        assert set(cat) == set(en), (lang, sorted(set(cat) ^ set(en))[:10])
        for key, text in cat.items():
            assert isinstance(text, str) and (text or not en[key]), (lang, key)
            assert _fields(text) == _fields(en[key]), (lang, key)


def test_a_key_defined_twice_is_an_error(tmp_path):
    (tmp_path / "en.toml").write_text('"nav.train" = "Train"\n"nav.train" = "Training"\n', encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        catalog.read_catalogs(tmp_path)


def test_the_dynamic_prefixes_are_the_ones_the_code_builds():
    found = _dynamic_prefixes(CODE)
    assert found == DYNAMIC, {"new in the code": found - DYNAMIC, "gone from the code": DYNAMIC - found}
    keys = _catalogs()["en"]
    for prefix in DYNAMIC:
        assert any(k.startswith(prefix) for k in keys), prefix


# chart labels looked up by a name that comes with the data: metrics_table's columns are the engine's metrics
DATA_LABELS = {"chart.metrics_table.smape", "chart.metrics_table.mae"}


def _affixes(files) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The constant heads and tails of f-strings: ``lab[f"title_{kind}"]``, ``lab[f"{kind}_names"]``."""
    heads, tails = set(), set()
    for tree in _trees(files):
        for n in ast.walk(tree):
            if isinstance(n, ast.JoinedStr) and len(n.values) == 2:
                first, last = n.values
                if isinstance(first, ast.Constant) and first.value.isidentifier():
                    heads.add(first.value)
                if isinstance(last, ast.Constant) and last.value.isidentifier():
                    tails.add(last.value)
    return tuple(heads), tuple(tails)


def test_no_key_is_unused():
    """A key is used when the code names it, builds its prefix, or reads its table with ``labels``; a chart
    label (``chart.<builder>.<label>``) also needs a builder to read ``lab["<label>"]``."""
    keys = _catalogs()["en"]
    literals, chart_literals, tables = _constants(CODE), _constants(CHART_CODE), _tables(CODE)
    heads, tails = _affixes(CHART_CODE)
    unused = []
    for key in keys:
        if key in literals or key.startswith(DYNAMIC_TUPLE):
            continue
        table, _, label = key.rpartition(".")
        if table not in tables:  # a key of a table of tables: chart.gate_figure.gate_names.i
            table, _, label = table.rpartition(".")
        read = label in chart_literals or label.startswith(heads) or label.endswith(tails) or key in DATA_LABELS
        if table in tables and (not table.startswith("chart.") or read):
            continue
        unused.append(key)
    assert not unused, unused



def test_no_key_the_code_asks_for_is_missing():
    keys = _catalogs()["en"]
    asked = set()
    for tree in _trees(CODE):
        for n in ast.walk(tree):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "t" and n.args
                    and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)):
                asked.add(n.args[0].value)
    assert len(asked) > 200
    assert not asked - set(keys), sorted(asked - set(keys))
    families = tuple({f"{k.split('.')[0]}." for k in keys})
    looks_like_key = {s for s in _constants(CODE) if KEY.match(s) and s.startswith(families)}
    tables = _tables(CODE)
    assert not {s for s in looks_like_key if s not in keys and not s.startswith(DYNAMIC_TUPLE)} - tables
    assert len(tables) > 30
    for table in tables:  # every table the code reads has keys
        assert any(k.startswith(table + ".") for k in keys), table


# --- a third language: every English value wrapped in «», so an unwrapped English word is a string in Python

WRAPPED = re.compile(r"«[^«»]*»")


@pytest.fixture(scope="module")
def wrapped_lang(tmp_path_factory):
    folder = tmp_path_factory.mktemp("locales")
    for path in (ROOT / "locales").glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    en = _catalogs()["en"]
    lines = [f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(f'«{v}»', ensure_ascii=False)}" for k, v in en.items()]
    (folder / "qx.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog.use(folder)
    assert "qx" in catalog.LANGS
    yield "qx"
    catalog.use()


def _unwrapped(text: str) -> str:
    """What of ``text`` is outside every «…» (wraps nest when a translated value fills a placeholder),
    less the Material icons of titles."""
    text = re.sub(r":material/[a-z_]+:", "", text)
    while WRAPPED.search(text):
        text = WRAPPED.sub("", text)
    return text


def _english(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3,}", _unwrapped(text)))


WIDGETS = ("button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "slider", "select_slider",
           "number_input", "text_input", "text_area", "segmented_control", "pills", "file_uploader")


@pytest.mark.parametrize("page", [p for _, p, _ in PAGES])
def test_a_new_language_renders_every_page(page, wrapped_lang):
    at = AppTest.from_file("../streamlit_app.py", default_timeout=300)
    at.query_params["lang"] = wrapped_lang
    if page != "streamlit_app.py":
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    heads = [el.value for kind in ("title", "header", "subheader") for el in at.get(kind)]
    assert heads, page
    assert not [h for h in heads if _english(h)], page
    assert not [m.label for m in at.metric if _english(m.label)], page
    nav = [el.proto.label for el in at.get("page_link")]
    assert len(nav) >= len(PAGES), nav
    assert all(label.startswith("«") and not _english(label) for label in nav), nav
    for el in at.get("plotly_chart"):
        title = json.loads(el.proto.spec)["layout"].get("title", {})
        text = title.get("text", "") if isinstance(title, dict) else str(title)
        assert not _english(text), (page, text)
    assert not [c.value for c in at.caption if _english(c.value)], page
    widgets = [el for kind in WIDGETS for el in at.get(kind)]
    assert widgets, page
    assert not [(w.proto.label, w.proto.help) for w in widgets
                if _english(w.proto.label) or _english(w.proto.help)], page


# ASCII math a reader would have to decode: x^k, e^(…), W_hh, h_t (outside `code` and $LaTeX$)
RAW_NOTATION = re.compile(r"[\w)\]|]\^[\w(]|\b[A-Za-z]_[a-z]{1,2}\b")


def test_the_catalogs_typeset_their_symbols():
    """Powers and indices are typeset (|λ|ᵏ, exp(−exp(ν)), hₜ, a⟨t⟩); PyTorch's own names stay in backticks."""
    raw = {(key, lang): RAW_NOTATION.findall(re.sub(r"`[^`]*`|\$[^$]*\$", "", text))
           for key, texts in catalog.TEXT.items() for lang, text in texts.items()}
    assert not {k: v for k, v in raw.items() if v}
    assert RAW_NOTATION.findall("fades as |λ|^k, like W_hh and e^loss") == ["|^k", "W_hh", "e^l"]
