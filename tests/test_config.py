import json

import pytest

from rnn_core.config import DataConfig, ModelConfig, RunConfig, TrainConfig


def test_defaults_are_valid_and_round_trip_through_params_and_json():
    cfg = RunConfig()
    assert RunConfig.from_params(cfg.to_params()) == cfg
    assert RunConfig.from_json(cfg.to_json()) == cfg
    assert all(isinstance(v, str) for v in cfg.to_params().values())


def test_changed_values_round_trip_exactly_including_floats():
    cfg = RunConfig().replace(cell="gru", hidden_size=7, lr=0.1 + 0.2, task="adding", lag=37, clip=0.0)
    back = RunConfig.from_params(cfg.to_params())
    assert back == cfg and back.train.lr == 0.1 + 0.2
    assert RunConfig.from_json(json.dumps(json.loads(cfg.to_json()))) == cfg


def test_only_changed_params_are_short_and_still_round_trip():
    cfg = RunConfig().replace(cell="rnn", nonlinearity="relu")
    short = cfg.to_params(only_changed=True)
    assert short == {"cell": "rnn", "nonlinearity": "relu"}
    assert RunConfig.from_params(short) == cfg


@pytest.mark.parametrize("cls,field,value,words", [
    (ModelConfig, "cell", "transformer", "cell"),
    (ModelConfig, "hidden_size", 0, "hidden_size"),
    (ModelConfig, "hidden_size", 100000, "1..256"),
    (ModelConfig, "num_layers", 9, "num_layers"),
    (DataConfig, "seq_len", 1, "seq_len"),
    (TrainConfig, "epochs", 10**6, "epochs"),
    (TrainConfig, "lr", float("nan"), "lr"),
    (TrainConfig, "lr", -1.0, "lr"),
    (TrainConfig, "batch_size", 2.5, "batch_size"),
    (TrainConfig, "seed", True, "seed"),
])
def test_invalid_values_name_the_field_and_the_allowed_values(cls, field, value, words):
    with pytest.raises(ValueError) as e:
        cls(**{field: value})
    assert field in str(e.value) and words in str(e.value)


def test_bad_params_strings_raise_value_error():
    with pytest.raises(ValueError, match="hidden_size"):
        RunConfig.from_params({"hidden_size": "lots"})
    with pytest.raises(ValueError, match="unknown"):
        RunConfig.from_params({"hiden_size": "3"}, strict=True)
    assert RunConfig.from_params({"utm_source": "x"}) == RunConfig()  # foreign URL params are ignored


def test_cross_field_rules():
    with pytest.raises(ValueError, match="transform"):
        DataConfig(dataset="sine", transform="log")
    with pytest.raises(ValueError, match="denoise"):
        DataConfig(task="denoise", dataset="air_passengers")
    DataConfig(task="adding", dataset="sine", transform="log")  # transform is irrelevant to lag tasks


def test_configs_are_frozen_and_hashable():
    cfg = RunConfig()
    with pytest.raises(AttributeError):
        cfg.model.hidden_size = 3
    assert hash(cfg) == hash(RunConfig())
    assert ModelConfig.limits("cell") == ("rnn", "lstm", "gru", "scratch", "tutorial", "tutorial_tanh", "lru", "mingru",
                                          "minlstm")
    assert ModelConfig.limits("hidden_size") == (1, 256)
