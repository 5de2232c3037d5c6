"""The shared settings block through AppTest: URL seeding, validation, hiding, share links."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from rnn_core.config import TASK_DEFAULTS, RunConfig
from rnn_core.data.series import CLEAN_SHAPES
from ui.state.fields import parse_field
from ui.state.settings import DEFAULTS, relevant
from ui.text.safe import code

APP = "apps/settings_app.py"


def run_app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def config(at: AppTest) -> RunConfig:
    return RunConfig.from_json(at.code[0].value)


def links(at: AppTest) -> dict:
    return json.loads(at.code[1].value)


def share(at: AppTest) -> str:
    return at.sidebar.code[-1].value


def widget_keys(at: AppTest) -> set[str]:
    kinds = ("selectbox", "slider", "select_slider", "number_input")
    return {w.key for kind in kinds for w in getattr(at.sidebar, kind)}


def test_defaults_without_params():
    at = run_app()
    assert config(at) == RunConfig()
    assert not at.error
    assert share(at) == "?"


def test_url_params_seed_the_config():
    at = run_app(cell="gru", hidden_size="64", lr="0.003", task="adding", lag="50")
    cfg = config(at)
    assert (cfg.model.cell, cfg.model.hidden_size, cfg.train.lr) == ("gru", 64, 0.003)
    assert (cfg.data.task, cfg.data.lag) == ("adding", 50)
    assert at.sidebar.selectbox(key="cell").value == "gru"
    assert at.sidebar.select_slider(key="hidden_size").value == 64
    assert share(at) == "?task=adding&lag=50&cell=gru&hidden_size=64&lr=0.003"
    assert links(at) == {"task": "adding", "lag": "50", "cell": "gru", "hidden_size": "64", "lr": "0.003"}


def test_widget_change_updates_config_and_share_link():
    at = run_app(cell="gru")
    at.sidebar.select_slider(key="hidden_size").set_value(128).run()
    assert config(at).model.hidden_size == 128
    assert "hidden_size=128" in share(at)
    at.sidebar.selectbox(key="cell").set_value("rnn").run()
    assert "cell=rnn" in share(at)  # the URL keeps the identifier, whatever label the widget shows
    at.sidebar.selectbox(key="cell").set_value("lstm").run()
    assert "cell=" not in share(at)  # defaults stay out of the link


def test_a_link_value_between_the_offered_hidden_sizes_is_kept():
    at = run_app(hidden_size="20")
    assert config(at).model.hidden_size == 20
    assert 20 in at.sidebar.select_slider(key="hidden_size").options or "20" in \
        at.sidebar.select_slider(key="hidden_size").options


def test_out_of_range_params_give_an_error_not_an_exception():
    at = run_app(hidden_size="9999", lr="abc", cell="bogus")
    errors = " ".join(e.value for e in at.error)
    for label in ("Hidden size", "Learning rate", "Cell"):
        assert label in errors
    assert config(at).model == RunConfig().model


def test_a_link_value_is_echoed_as_code_and_short():
    raw = "[sign in](https://evil.example/login)" + "x" * 200
    at = run_app(cell=raw)
    (error,) = at.error
    assert "`[sign in](https://evil.example/login)xx…`" in error.value  # inside a code span: never a link
    assert "](" not in error.value.replace(code(raw), "") and len(error.value) < 400


def test_a_series_gets_a_transform_that_fits_it():
    at = run_app(dataset="sine")  # the default log transform is undefined on a series that crosses zero
    assert not at.error
    assert (config(at).data.dataset, config(at).data.transform) == ("sine", "none")
    assert len(at.sidebar.selectbox(key="transform").options) == 3  # none, diff, seasonal: no log
    assert "transform=none" in share(at)
    at.sidebar.selectbox(key="dataset").set_value("random_walk").run()
    assert not at.error and config(at).data.transform == "none"
    at.sidebar.selectbox(key="dataset").set_value("air_passengers").run()
    assert not at.error and config(at).data.dataset == "air_passengers"


def test_choosing_a_series_moves_a_transform_that_no_longer_fits():
    at = run_app()
    assert config(at).data.transform == "logdiff"
    at.sidebar.selectbox(key="dataset").set_value("trend_season").run()
    assert not at.error
    assert (config(at).data.dataset, config(at).data.transform) == ("trend_season", "diff")


def test_denoise_offers_only_series_with_a_clean_signal():
    at = run_app(task="denoise")
    assert not at.error and config(at).data.task == "denoise"
    assert config(at).data.dataset != "air_passengers"
    assert len(at.sidebar.selectbox(key="dataset").options) == len(CLEAN_SHAPES)


def test_hide_hides_widgets_and_locks_values():
    at = run_app(cell="gru", num_layers="3", hide="num_layers,hidden_size")
    keys = widget_keys(at)
    assert "num_layers" not in keys and "hidden_size" not in keys and "cell" in keys
    assert config(at).model.num_layers == 3
    assert links(at)["hide"] == "num_layers,hidden_size"
    assert "hide=num_layers,hidden_size" in share(at)


def test_irrelevant_fields_are_hidden_but_keep_their_values():
    at = run_app(task="adding", lag="50", cell="lstm")
    keys = widget_keys(at)
    assert {"lag", "n_samples"} <= keys and "dataset" not in keys and "nonlinearity" not in keys
    at.sidebar.selectbox(key="task").set_value("forecast").run()
    assert "lag" not in widget_keys(at) and config(at).data.lag == 50
    at.sidebar.selectbox(key="cell").set_value("rnn").run()
    assert "nonlinearity" in widget_keys(at) and config(at).data.lag == 50
    at.sidebar.selectbox(key="task").set_value("adding").run()
    assert at.sidebar.number_input(key="lag").value == 50


def test_only_chosen_sections_are_drawn():
    at = run_app(sections="model", cell="gru", task="adding")
    keys = widget_keys(at)
    assert "cell" in keys and "task" not in keys and "lr" not in keys
    assert config(at).data.task == "adding"


def test_chinese_labels():
    at = run_app(lang="zh")
    assert at.sidebar.selectbox(key="cell").label == "单元类型"
    assert "lang=zh" in share(at)


def test_relevance_rules():
    v = dict(DEFAULTS)
    assert relevant("dataset", v) and not relevant("lag", v) and not relevant("rho", v)
    assert relevant("rho", {**v, "init": "spectral"})
    assert relevant("lag", {**v, "task": "recall"}) and not relevant("dataset", {**v, "task": "recall"})
    assert relevant("horizon", {**v, "task": "multistep"})
    assert relevant("nonlinearity", {**v, "cell": "scratch"}) and not relevant("nonlinearity", v)


def test_parse_field():
    assert parse_field("lr", "1e-3") == 0.001
    assert parse_field("cell", "gru") == "gru"
    for name, raw in (("hidden_size", "0"), ("hidden_size", "2.5"), ("cell", "GRU"), ("lr", "nan")):
        with pytest.raises(ValueError):
            parse_field(name, raw)


def test_parse_field_of_the_lab():
    assert parse_field("lab_task", "recall") == "recall" and parse_field("lab_lr", "0.1") == 0.1
    assert parse_field("lab_lags", "5, ten") == "5, ten"  # free text: checked with the whole LabConfig
    for name, raw in (("lab_lr", "0.2"), ("lab_rho", "3.5"), ("lab_task", "forecast"), ("lab_lag", "7.5")):
        with pytest.raises(ValueError):
            parse_field(name, raw)


def test_picking_a_task_applies_its_defaults_and_leaving_it_restores_them():
    at = run_app()
    at.sidebar.selectbox(key="task").set_value("names").run()
    assert not at.exception
    cfg = config(at)
    names = TASK_DEFAULTS["names"]
    assert (cfg.model.cell, cfg.model.hidden_size, cfg.train.epochs, cfg.train.batch_size) == (
        names["cell"], names["hidden_size"], names["epochs"], names["batch_size"])
    assert (names["hidden_size"], names["epochs"]) != (DEFAULTS["hidden_size"], DEFAULTS["epochs"])  # a change
    assert "seq_len" not in widget_keys(at) and "class_weight" in widget_keys(at)
    at.sidebar.selectbox(key="task").set_value("forecast").run()
    assert config(at).model == RunConfig().model and config(at).train.epochs == RunConfig().train.epochs
