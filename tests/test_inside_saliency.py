"""Saliency: the gradient against finite differences, and trained models that look where the answer is."""

import numpy as np
import pytest
import torch

from rnn_core.config import ModelConfig, RunConfig
from rnn_core.engine.models import build_model
from rnn_core.engine.train import train
from rnn_core.inside.saliency import by_lag, by_offset, output_steps, saliency


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru", "scratch"])
@pytest.mark.parametrize("mode,out,loss", [("last", 1, "mse"), ("last", 3, "nll"), ("all", 1, "mse"),
                                           ("generate", 1, "mse")])
def test_saliency_matches_finite_differences(cell, mode, out, loss):
    model = build_model(ModelConfig(cell=cell, num_layers=2, hidden_size=6), 2 if mode != "generate" else 1,
                        out, mode, loss, horizon=3, seed=1).double().eval()
    x = torch.randn(3, 5, 2 if mode != "generate" else 1, generator=torch.Generator().manual_seed(0)).double()
    s = saliency(model, x)
    O = {"last": 1, "all": 5, "generate": 3}[mode]
    assert s["saliency"].shape == (3, O, 5) and list(s["outputs"]) == list(range(O))

    def score(xx):
        with torch.no_grad():
            y = model(xx)
        if loss == "nll":
            c = model(x).argmax(-1, keepdim=True)
            return (y.gather(-1, c).squeeze(-1) - y.mean(-1)).unsqueeze(1)  # (B, 1)
        return y.reshape(len(xx), -1)  # (B, O)

    eps = 1e-6
    grad = np.zeros((3, O, 5, x.shape[-1]))
    for t in range(5):
        for c in range(x.shape[-1]):
            d = torch.zeros_like(x)
            d[:, t, c] = eps
            grad[:, :, t, c] = ((score(x + d) - score(x - d)) / (2 * eps)).numpy()
    assert np.abs(s["saliency"] - np.linalg.norm(grad, axis=-1)).max() < 1e-6
    gxi = (grad * x.numpy()[:, None]).sum(-1)
    assert np.abs(s["grad_x_input"] - gxi).max() < 1e-6


def test_many_outputs_are_thinned_evenly():
    model = build_model(ModelConfig(cell="gru", num_layers=1, hidden_size=4), 1, 1, "all")
    steps = output_steps(model, 200, max_outputs=10)
    assert steps[0] == 0 and steps[-1] == 199 and len(steps) == 10


def test_by_lag_and_by_offset():
    v = np.arange(2 * 1 * 4, dtype=float).reshape(2, 1, 4)
    assert by_lag(v)[0, 0, 0] == v[0, 0, -1]
    eye = np.broadcast_to(np.eye(4), (3, 4, 4))  # each output depends on its own step only
    off = by_offset(eye, np.arange(4))
    assert off[0] == 1 and np.all(off[1:] == 0)


def _trained(task, lag, seed):
    cfg = RunConfig().replace(task=task, lag=lag, n_samples=600, cell="gru", num_layers=1, hidden_size=16, epochs=20,
                              patience=0, batch_size=64, seed=seed, snapshot_every=0)
    return train(cfg, baselines=False)


def _peak(res):
    m = saliency(res.model, res.data.x_test)["saliency"].mean((0, 1))  # (T,)
    return int(m.argmax()), m


def test_first_value_model_looks_at_the_first_step():
    res = _trained("first_value", 10, seed=0)
    assert res.metrics["val_accuracy"] > 0.9
    peak, m = _peak(res)
    assert peak == 0 and m[0] > 5 * m[1:].max()


def test_recall_model_looks_k_steps_before_the_end():
    """recall with lag k: the target is x_{T−k} (1-based), index T − 1 − k."""
    res = _trained("recall", 3, seed=0)
    peak, m = _peak(res)
    T = res.data.x_test.shape[1]
    assert peak == T - 1 - 3 and m[peak] > 5 * np.delete(m, peak).max()


@pytest.mark.claims
@pytest.mark.parametrize("seed", range(10))
def test_saliency_peaks_hold_over_seeds(seed):
    """The two tests above on seeds 0-9 (``-m claims``)."""
    assert _peak(_trained("first_value", 10, seed))[0] == 0, seed
    res = _trained("recall", 3, seed)
    assert _peak(res)[0] == res.data.x_test.shape[1] - 4, seed
