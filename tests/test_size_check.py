"""A setting's size check runs once per click: the page sizes the run, and live training and the engine
use that estimate instead of checking again (the engine still checks when called without one)."""

import pytest
from streamlit.testing.v1 import AppTest

from rnn_core.config import RunConfig
from rnn_core.engine import train as train_mod
from rnn_core.limits import budget
from ui.runs.store import session_key

SMALL = {"cell": "rnn", "hidden_size": "8", "epochs": "5", "patience": "0"}
SEEDS = {"page": 9101, "button": 9102, "engine": 9103}  # one run per test, trained in no other test


def _cfg(test: str) -> RunConfig:
    return RunConfig.from_params({**SMALL, "seed": str(SEEDS[test])})


@pytest.fixture
def checks(monkeypatch) -> list:
    """Every budget check (``check_size`` makes exactly one) of a run of this module, counted."""
    calls, real, ours = [], budget.check, {_cfg(k) for k in SEEDS}

    def counting(cfg, est=None):
        if cfg in ours:
            calls.append(cfg)
        return real(cfg, est)

    monkeypatch.setattr(budget, "check", counting)
    return calls


def _open(page: str, cfg: RunConfig) -> AppTest:
    at = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    for k, v in cfg.to_params(only_changed=True).items():
        at.query_params[k] = v
    at.switch_page(page)
    return at


def _trained(at: AppTest, cfg: RunConfig) -> int:
    runs = at.session_state[session_key("run")] if session_key("run") in at.session_state else {}
    return sum(r.config == cfg for r in runs.values())


def test_a_page_that_trains_by_itself_checks_once(checks):
    at = _open("pages/3_Hidden_states.py", _cfg("page"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _trained(at, _cfg("page")) == 1
    assert len(checks) == 1


def test_the_train_button_checks_once(checks):
    at = _open("pages/2_Train.py", _cfg("button"))
    at.run()  # trains by itself on open: one check
    assert _trained(at, _cfg("button")) == 1 and len(checks) == 1
    checks.clear()
    at.button(key="train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(checks) == 1


def test_the_engine_checks_without_an_estimate(checks):
    train_mod.train(_cfg("engine"), baselines=False)
    assert len(checks) == 2  # on the settings alone, then on the data it built
