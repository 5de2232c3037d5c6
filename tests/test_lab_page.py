"""The long-range lab page through AppTest: comparison, sweep, initialisation lab, pinning, classroom links."""

import json

import pytest
from streamlit.testing.v1 import AppTest

QUICK = {"lab_lag": "5", "lab_epochs": "2"}


def lab(**params) -> AppTest:
    at = AppTest.from_file("../streamlit_app.py", default_timeout=180)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page("pages/6_Long_range_lab.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frames(at) -> list:
    """The page's tables, less the shipped ten-seed table every lab page shows."""
    return [d.value for d in at.dataframe if "Lag 50" not in d.value.columns]


def chart_titles(at) -> list[str]:
    out = []
    for el in at.get("plotly_chart"):
        title = json.loads(el.proto.spec)["layout"].get("title", {})
        out.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return out


def test_compare_trains_five_cells_and_pins_one():
    at = lab(**QUICK)
    at.button(key="lab_go").click().run()
    assert not at.exception
    table = frames(at)[0]
    assert list(table.iloc[:, 0]) == ["RNN", "LSTM", "GRU", "LRU", "minGRU"]
    ratios = [float(v) for v in table.iloc[:, 3]]  # loss / baseline, 3 significant digits for reading
    assert all(r > 0 for r in ratios)  # shown with 3 significant digits by the table's column format
    assert "inf" not in table.to_string().lower()  # a flat gradient reads "no decay", not Infinity
    assert any("memory horizon" in t.lower() or "Gradient reaching" in t for t in chart_titles(at))
    at.button(key="pin_lab_gru").click().run()
    assert not at.exception
    assert [p["cell"] for p in at.session_state["_pinned_runs"]] == ["gru"]


def test_the_defaults_open_drawn_from_the_shipped_runs_and_a_press_trains_nothing(monkeypatch):
    import rnn_core.lab.compare as compare

    def refuse(*a, **k):
        raise AssertionError("the lab trained although its result is shipped")

    monkeypatch.setattr(compare, "train", refuse)
    at = lab()
    table = frames(at)[0]
    assert list(table.iloc[:, 0]) == ["RNN", "LSTM", "GRU", "LRU", "minGRU"]
    verdict = " ".join(m.value for m in at.markdown if "Verdict" in m.value)
    assert "**Learnt**: LSTM" in verdict and "RNN (test/baseline" in verdict
    learnt = table.columns[5]
    assert [c for c, ok in zip(table.iloc[:, 0], table[learnt], strict=True) if not ok] == ["RNN"]
    assert any("LRU 2 × 32" in c.value for c in at.caption)
    lags = next(d.value for d in at.dataframe if "Lag 200" in d.value.columns)  # what ten seeds show, shipped
    assert list(lags.columns)[:3] == ["Cell", "Lag 50", "Lag 200"]
    assert lags.iloc[0, 1].startswith("0 of 10 learnt") and lags.iloc[1, 2].startswith("10 of 10 learnt")
    at.button(key="lab_go").click().run()
    assert not at.exception and any("trained already" in i.value for i in at.info)


def test_the_epochs_follow_the_lag_until_a_number_is_typed_and_long_lags_say_how_long():
    at = lab(lab_lag="200")
    assert at.number_input(key="lab_epochs").value == 100 and "lab_epochs" not in at.query_params
    assert list(frames(at)[0].iloc[:, 0])[:2] == ["RNN", "LSTM"]  # lag 200 ships: drawn at once
    at.number_input(key="lab_lag").set_value(50).run()
    assert at.number_input(key="lab_epochs").value == 40 and "lab_epochs" not in at.query_params
    at.number_input(key="lab_epochs").set_value(7).run()
    at.number_input(key="lab_lag").set_value(1000).run()
    assert at.number_input(key="lab_epochs").value == 7 and at.query_params["lab_epochs"] in ("7", ["7"])
    at.number_input(key="lab_epochs").set_value(0).run()
    assert at.number_input(key="lab_epochs").value == 100 and "lab_epochs" not in at.query_params
    long = [w.value for w in at.warning if "large-run slot" in w.value]
    assert long and "lag 1000 takes about" in long[0] and "min on this server" in long[0]
    assert not frames(at)  # nothing trains by itself: a comparison at lag 1,000 waits for the click


def test_sweep_with_a_small_ladder():
    at = lab(lab_lags="5,8", lab_epochs="1")
    at.button(key="lab_sweep_go").click().run()
    assert not at.exception
    frame = frames(at)[0]
    assert len(frame) == 10 and set(frame["Lag"]) == {"5", "8"}
    assert set(frame["Cell"]) == {"RNN", "LSTM", "GRU", "LRU", "minGRU"}
    assert any("Breaking point" in t for t in chart_titles(at))


def test_bad_lag_ladder_gives_a_message():
    at = lab(lab_lags="5, ten")
    assert any("whole numbers" in e.value for e in at.error)


@pytest.mark.parametrize("rho", ["0.5", "1.0", "1.5"])
def test_initialisation_lab_at_several_spectral_radii(rho):
    at = lab(lab_init="spectral", lab_rho=rho, **QUICK)
    titles = chart_titles(at)
    assert any(f"{float(rho):.3g}" in t for t in titles if "Eigenvalues" in t), titles
    at.button(key="lab_init_go").click().run()
    assert not at.exception
    assert any("after training" in t for t in chart_titles(at))


def test_exploding_relu_rnn_is_explained_by_the_nan_guard():
    at = lab(lab_init="spectral", lab_rho="1.5", lab_act="relu", lab_lr="1.0", lab_lag="20", lab_epochs="2")
    at.button(key="lab_init_go").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("diverged" in e and "exploded" in e for e in errors), errors


def test_classroom_link_hides_and_locks_a_lab_control():
    at = lab(hide="lab_lag", lab_lag="7")
    keys = {w.key for w in at.number_input}
    assert "lab_lag" not in keys and "lab_epochs" in keys
    assert any("7" in m.value for m in at.markdown)


def test_comparison_shows_its_seed_and_five_seeds_draw_the_spread():
    at = lab(lab_seed="3", **{**QUICK, "lab_epochs": "1"})
    at.button(key="lab_go").click().run()
    assert not at.exception
    assert any("Seed 3" in m.value for m in at.markdown)
    table = frames(at)[0]
    horizons = list(table["Horizon τ (steps)"])
    assert all(isinstance(h, str) and "Infinity" not in h for h in horizons), horizons
    # the held-out ratio beside the validation one, and the verdict read from it
    assert list(table.columns[3:6]) == ["Val / baseline", "Test / baseline", "Learnt (test < 0.1)"]
    assert (table["Learnt (test < 0.1)"] == (table["Test / baseline"] < 0.1)).all()
    at.button(key="lab_seeds_go").click().run()
    assert not at.exception
    titles = chart_titles(at)
    assert any("on each seed" in t for t in titles) and any("Memory horizon" in t for t in titles), titles
    summary = at.dataframe[1].value
    assert list(summary.iloc[:, 0]) == ["RNN", "LSTM", "GRU", "LRU", "minGRU"] and summary.iloc[0, 1].endswith("of 5")
    assert "Infinity" not in summary.to_string() and "(" in summary.iloc[0, 2]
    seeds = {s for el in at.get("plotly_chart") for tr in json.loads(el.proto.spec)["data"]
             for s in (tr.get("text") or []) if isinstance(s, str) and s.startswith("seed ")}
    assert {s.split(":")[0] for s in seeds} == {f"seed {k}" for k in range(3, 8)}


def test_initialisation_lab_shows_the_forget_gate_bias_before_training():
    at = lab(**QUICK)
    titles = chart_titles(at)
    assert any("forget-gate bias" in t for t in titles), titles
    assert any("forget bias 0: " in c.value and "forget bias 1: " in c.value for c in at.caption)
    at = lab(lab_forget_bias="2.0", **QUICK)
    assert any("forget bias 2: " in c.value for c in at.caption)


def test_a_changed_setting_goes_into_the_url_as_its_identifier():
    at = lab(lang="zh")
    at.selectbox(key="lab_task").set_value("recall").run()
    at.number_input(key="lab_lag").set_value(7).run()
    at.slider(key="lab_clip").set_value(2.5).run()
    assert not at.exception
    params = {k: at.query_params[k] for k in ("lab_task", "lab_lag", "lab_clip")}
    assert params == {"lab_task": "recall", "lab_lag": "7", "lab_clip": "2.5"}, params  # not the label shown
    assert "lab_task=recall" in at.sidebar.code[-1].value and "lang=zh" in at.sidebar.code[-1].value
    at.selectbox(key="lab_task").set_value("adding").run()
    assert "lab_task" not in at.query_params  # defaults stay out of the link
