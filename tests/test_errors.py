"""Engine errors shown to people are translated: each ``UserError`` the engine raises names a catalog key
whose English is the engine's own message, and a Chinese page shows it in Chinese."""

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rnn_core.config import RunConfig, TrainConfig
from rnn_core.data.csv_series import DataError, load_csv
from rnn_core.errors import UserError
from rnn_core.limits.budget import BudgetError, check
from ui.state.layout import Translator
from ui.text.catalog import TEXT
from ui.text.errors import error_text
from ui.text.safe import plain

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
SERIES = b"price\n" + b"\n".join(str(v).encode() for v in range(40))


def _told() -> dict[str, str]:
    """key -> English template of every ``X.told(key, template, ...)`` and ``SeveralColumns(..., key, ...)``
    in rnn_core (a template split over lines is one string constant to ast)."""
    out = {}
    for path in (ROOT / "rnn_core").rglob("*.py"):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "told"
                    and len(n.args) >= 2 and all(isinstance(a, ast.Constant) for a in n.args[:2])):
                out[n.args[0].value] = n.args[1].value
    out["csv.several"] = "Several numeric columns ({names}); pick the one to use as the series."
    return out


def test_every_engine_message_is_in_the_catalog_word_for_word():
    told = _told()
    assert len(told) >= 25, sorted(told)
    for key, template in told.items():
        assert TEXT[f"err.{key}"]["en"] == template, key  # the CLI's English and the app's are one text
        assert CJK.search(TEXT[f"err.{key}"]["zh"]), key
    catalog = {k.removeprefix("err.") for k in TEXT if k.startswith("err.") and not k.startswith("err.budget.part.")}
    assert catalog == set(told), catalog ^ set(told)  # no message without a raise, no raise without a message


def _raised(fn, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as info:
        fn(*args, **kwargs)
    return info.value


@pytest.mark.parametrize("source, key", [
    (b"", "csv.empty"),
    (b"price\n1\n2\n", "csv.too_short"),
    (SERIES.replace(b"\n7\n", b"\nseven\n"), "csv.not_number"),
    (SERIES.replace(b"\n7\n", b"\nNA\n"), "csv.missing"),
    (b"price\n" + b"3\n" * 40, "csv.constant"),
    (b"\x00\x01binary", "csv.binary"),
])
def test_a_csv_error_reads_the_same_in_english_and_is_translated(source, key):
    err = _raised(load_csv, source)
    assert isinstance(err, DataError) and err.key == key
    assert error_text(Translator("en"), err) == plain(err, 400) == error_text(None, err)
    zh = error_text(Translator("zh"), err)
    assert CJK.search(zh) and not re.search(r"\b(file|values?|series|rows?|line)\b", zh, re.I), zh


def test_a_budget_error_with_a_translated_part():
    err = _raised(check, RunConfig(train=TrainConfig(time_budget=300.0)))
    assert isinstance(err, BudgetError) and err.key == "budget.time"
    assert error_text(Translator("en"), err) == plain(err, 400)
    err = BudgetError.told("budget.memory", TEXT["err.budget.memory"]["en"], total="900 MB", limit="300 MB",
                           part="the data (n_samples, seq_len)", part_key="budget.part.data", size="800 MB")
    assert error_text(Translator("en"), err) == plain(err, 400)
    zh = error_text(Translator("zh"), err)
    assert plain(TEXT["err.budget.part.data"]["zh"], 400) in zh and "the data" not in zh


def test_an_error_without_a_key_shows_its_own_message():
    assert error_text(Translator("zh"), ValueError("lag must be < seq_len")) == plain("lag must be < seq_len", 400)


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def test_a_chinese_page_shows_engine_errors_in_chinese():
    at = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    at.query_params["lang"] = "zh"
    at.query_params["time_budget"] = "300"  # within the setting's range, above this server's limit
    at.switch_page("pages/2_Train.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e for e in _errors(at) if "time\\_budget" in e]
    assert shown, _errors(at)
    assert all(CJK.search(e) and "more than this server" not in e for e in shown), shown

    data = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    data.query_params["lang"] = "zh"
    data.switch_page("pages/1_Data.py")
    data.session_state["_csv_msg"] = ("error", _raised(load_csv, b"value\n1\n2\n"))  # as an upload leaves it
    data.run()
    assert not data.exception, [e.value for e in data.exception]
    shown = [e for e in _errors(data) if "30" in e]
    assert shown and all(CJK.search(e) and "rows" not in e for e in shown), _errors(data)
