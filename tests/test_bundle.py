"""Run bundles are data: shapes derived from the config, hostile files refused fast and before use."""

import io
import tomllib
from pathlib import Path

import pytest
import torch

from rnn_core.config import RunConfig
from rnn_core.engine.bundle import FORMAT, MAX_BYTES, load_bundle, save_bundle
from rnn_core.engine.train import train
from rnn_core.limits import budget

FAST = RunConfig().replace(epochs=2, patience=0, hidden_size=8, snapshot_every=0)


def _payload(res):
    return torch.load(io.BytesIO(save_bundle(res.model, res.config)), weights_only=True)


def _bytes(payload) -> bytes:
    buf = io.BytesIO()
    torch.save(payload, buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def multistep():
    return train(FAST.replace(task="multistep", horizon=3), baselines=False)


def test_a_horizon_of_a_billion_is_refused_before_any_network_is_built(multistep, monkeypatch):
    from rnn_core.engine import models

    p = _payload(multistep)
    p["shape"]["horizon"] = 10**9
    built, real_build = [], models.build_model
    monkeypatch.setattr(models, "build_model", lambda *a, **k: built.append(a) or real_build(*a, **k))
    with pytest.raises(ValueError, match="bundle: horizon"):
        load_bundle(_bytes(p))
    assert not built  # refused on the stored shape: no tensor of a billion outputs was ever allocated
    p["shape"]["horizon"] = 3
    cfg, model = load_bundle(_bytes(p))  # the untouched file loads
    assert model.horizon == 3 == cfg.data.horizon


@pytest.mark.parametrize("key,value", [("input_size", 500000), ("input_size", 2), ("output_mode", "all"),
                                       ("output_size", 7), ("loss", "nll"), ("horizon", "3")])
def test_stored_shapes_that_disagree_with_the_config_are_refused(multistep, key, value):
    p = _payload(multistep)
    p["shape"][key] = value
    with pytest.raises(ValueError, match=f"bundle: {key}"):
        load_bundle(_bytes(p))


def test_out_of_range_and_over_budget_configs_are_refused(multistep):
    p = _payload(multistep)
    p["config"] = p["config"].replace('"horizon": 3', '"horizon": 1000000000')
    with pytest.raises(ValueError, match="bundle: horizon.*outside"):
        load_bundle(_bytes(p))
    big = RunConfig().replace(task="adding", lag=400, n_samples=20000, hidden_size=256, num_layers=4)
    p = _payload(multistep)
    p["config"] = big.to_json()
    with pytest.raises(ValueError, match="bundle: .*lower"):
        load_bundle(_bytes(p))


def test_weights_with_wrong_shapes_names_or_values_are_refused(multistep):
    for change, match in [
        (lambda s: s.__setitem__("head.weight", torch.zeros(5, 5)), "head.weight has shape"),
        (lambda s: s.__setitem__("extra", torch.zeros(1)), "does not belong"),
        (lambda s: s.pop("head.bias"), "does not belong"),
        (lambda s: s["head.bias"].fill_(float("nan")), "not finite"),
        (lambda s: s.__setitem__("head.bias", s["head.bias"].double()), "head.bias has shape"),
    ]:
        p = _payload(multistep)
        change(p["state_dict"])
        with pytest.raises(ValueError, match=match):
            load_bundle(_bytes(p))
    with pytest.raises(ValueError, match="not a run bundle"):
        load_bundle(_bytes({"format": "other"}))
    with pytest.raises(ValueError, match="damaged"):
        load_bundle(_bytes({"format": FORMAT}))


def test_the_largest_model_the_budget_allows_reuploads_under_the_limit():
    # hidden_size and num_layers at the top of their ranges; a batch that fits the per-batch work cap
    cfg = RunConfig().replace(cell="lstm", hidden_size=256, num_layers=4, batch_size=32, epochs=1, patience=0,
                              snapshot_every=0)
    budget.check(cfg)
    res = train(cfg, baselines=False)
    blob = save_bundle(res.model, res.config)
    assert len(blob) < MAX_BYTES
    conf = tomllib.loads((Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text())
    assert len(blob) < conf["server"]["maxUploadSize"] * 1e6 and MAX_BYTES <= conf["server"]["maxUploadSize"] * 1e6
    cfg2, model = load_bundle(blob)
    assert cfg2 == cfg
    x = res.data.x_test
    assert torch.equal(model(x), res.model(x))


def test_a_refused_bundle_is_worded_in_the_pages_language_with_its_inner_reason(multistep):
    """A bundle whose setting is out of range: the inner error (the setting, by its label) inside the outer one
    (the bundle), in Chinese on a Chinese page, made Markdown-safe once (no doubled escapes)."""
    from ui.state.layout import Translator
    from ui.text.catalog import TEXT
    from ui.text.errors import error_text

    p = _payload(multistep)
    p["config"] = p["config"].replace('"hidden_size": 8', '"hidden_size": 100000')
    with pytest.raises(ValueError) as info:
        load_bundle(_bytes(p))
    assert info.value.key == "bundle.invalid" and info.value.params["cause"].key == "cfg.range"
    assert str(info.value).startswith("bundle: hidden_size: 100000 is outside the allowed range")
    zh = error_text(Translator("zh"), info.value)
    assert zh.startswith("运行包：") and TEXT["f.hidden_size"]["zh"] in zh and "100000" in zh
    assert "\\\\" not in zh and "hidden\\_size" not in zh
