"""The engine hands the app keys and numbers, never sentences: every ending of a run has its sentence in each
catalog, naming only the numbers the ending carries, and the modules a person's input reaches raise keyed
errors (``UserError.told``), not bare ``ValueError``s the app could only show in English."""

import ast
import string
from pathlib import Path

import pytest

from rnn_core.engine.ending import ENGLISH, OUTCOME_KEYS, STOPPED, VALUES, Ending
from ui.text.catalog import TEXT

ROOT = Path(__file__).resolve().parent.parent
# where settings, uploads, links and bundles are checked: what they raise reaches a page
USER_PATH = ["config.py", "data/datasets.py", "data/csv_series.py", "engine/bundle.py", "engine/train.py",
             "limits/budget.py"]
SAMPLE = {"epochs": 12, "epoch": 7, "best": 5, "patience": 3, "ratio": 0.1, "streak": 3, "limit": 120.0,
          "loss": 1.5e9, "norm": 3.2e4, "s": 4.25}


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_ending_is_one_the_catalogs_word_with_the_numbers_it_carries():
    assert set(ENGLISH) == set(VALUES) == set(STOPPED)
    for key, carried in VALUES.items():
        assert _names(ENGLISH[key]) <= set(carried), key
        for lang in ("en", "zh"):
            text = TEXT[f"stop.{key}"][lang]
            assert _names(text) <= set(carried) | {"s"}, (key, lang)
            text.format(**SAMPLE)  # every format spec fits the kind of number it is given
    assert set(STOPPED.values()) == set(OUTCOME_KEYS)
    for outcome in OUTCOME_KEYS.values():
        assert f"lab.outcome.{outcome}" in TEXT, outcome


def test_an_ending_is_built_with_exactly_its_numbers():
    assert Ending("early_stop", {"epoch": 4, "best": 2, "patience": 3}).english().startswith("Early stop at epoch 4")
    with pytest.raises(KeyError):
        Ending("early_stop", {"epoch": 4, "best": 2})  # a sentence naming {patience} would fail at display
    with pytest.raises(KeyError):
        Ending("finished")


def _raises(tree):
    """(line, the raised class or function's name) of every ``raise X(...)``."""
    for n in ast.walk(tree):
        if isinstance(n, ast.Raise) and isinstance(n.exc, ast.Call):
            f = n.exc.func
            yield n.lineno, f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


@pytest.mark.parametrize("module", USER_PATH)
def test_what_a_persons_input_can_raise_is_keyed_and_in_both_catalogs(module):
    tree = ast.parse((ROOT / "rnn_core" / module).read_text(encoding="utf-8"))
    for line, name in _raises(tree):
        assert name not in ("ValueError", "TypeError", "KeyError"), f"{module}:{line} raises a bare {name}"
    keys = [n.args[0].value for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "told"]
    assert keys or module == "engine/train.py"
    for key in keys:
        assert f"err.{key}" in TEXT and TEXT[f"err.{key}"]["zh"] != TEXT[f"err.{key}"]["en"], (module, key)
