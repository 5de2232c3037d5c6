"""Step-through decomposition: recomputed from the weights, each step's a⟨t⟩ is the trace's h_t."""

import numpy as np
import pytest
import torch

from rnn_core.config import ModelConfig
from rnn_core.engine.instrument import trace
from rnn_core.engine.models import build_model
from rnn_core.inside.terms import TERMS, layer_inputs, step_terms, step_through, summary, top_units

CELLS = [("rnn", "tanh"), ("rnn", "relu"), ("lstm", "tanh"), ("gru", "tanh"), ("scratch", "tanh"),
         ("scratch", "relu")]


def _model(cell, layers, act="tanh", mode="last", horizon=1, out=1, loss="mse", seed=0):
    cfg = ModelConfig(cell=cell, num_layers=layers, hidden_size=6, nonlinearity=act)
    return build_model(cfg, 1, out, mode, loss, horizon, seed).eval()


def _xy(mode, B=4, T=7, horizon=3, seed=1):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(B, T, 1, generator=g)
    y = {"last": torch.randn(B, 1, generator=g), "all": torch.randn(B, T, 1, generator=g),
         "generate": torch.randn(B, horizon, generator=g)}[mode]
    return x, y


@pytest.mark.parametrize("cell,act", CELLS)
@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("mode", ["last", "all", "generate"])
def test_drawn_state_equals_the_trace_at_every_step(cell, act, layers, mode):
    model = _model(cell, layers, act, mode, horizon=3)
    x, y = _xy(mode)
    tr = trace(model, x, y)
    L, B, T_all, H = tr.hiddens.shape
    assert T_all == (7 + 2 if mode == "generate" else 7)
    for sample in (0, 3):
        for t in range(T_all):
            layers_terms = step_through(model, x, tr, sample, t)
            assert len(layers_terms) == L
            for k, terms in enumerate(layers_terms):
                assert tuple(terms) == TERMS[cell]
                assert np.abs(terms["a"] - tr.hiddens[k, sample, t]).max() <= 1e-5, (k, t)
                if cell == "lstm":
                    assert np.abs(terms["c"] - tr.cells[k, sample, t]).max() <= 1e-5
                    for gate in "ifgo":
                        assert np.abs(terms[gate] - tr.gates[gate][k, sample, t]).max() <= 1e-5
                if cell == "gru":
                    assert np.abs(terms["r"] - tr.gates["r"][k, sample, t]).max() <= 1e-5
                    assert np.abs(terms["u"] - tr.gates["z"][k, sample, t]).max() <= 1e-5
                    assert np.abs(terms["n"] - tr.gates["n"][k, sample, t]).max() <= 1e-5


@pytest.mark.parametrize("cell,act", [("rnn", "tanh"), ("rnn", "relu"), ("scratch", "tanh")])
def test_elman_terms_add_up(cell, act):
    model = _model(cell, 2, act)
    x, y = _xy("last")
    tr = trace(model, x, y)
    for terms in step_through(model, x, tr, 1, 4):
        assert np.allclose(terms["z"], terms["wx"] + terms["wa"] + terms["b"])
        g = np.tanh if act == "tanh" else (lambda v: np.maximum(v, 0))
        assert np.allclose(terms["a"], g(terms["z"]))


def test_lstm_and_gru_mixes_add_up():
    for cell in ("lstm", "gru"):
        model = _model(cell, 1)
        x, y = _xy("last")
        tr = trace(model, x, y)
        terms = step_through(model, x, tr, 2, 3)[0]
        if cell == "lstm":
            assert np.allclose(terms["c"], terms["f_c"] + terms["i_g"])
            assert np.allclose(terms["f_c"], terms["f"] * terms["c_prev"])
            assert np.allclose(terms["c_prev"], tr.cells[0, 2, 2], atol=1e-6)
        else:
            assert np.allclose(terms["a"], terms["u_a"] + terms["n_mix"])
            assert np.allclose(terms["a_prev"], tr.hiddens[0, 2, 2], atol=1e-6)


def test_the_first_step_starts_from_zero_and_higher_layers_read_the_layer_below():
    model = _model("gru", 2)
    x, y = _xy("last")
    tr = trace(model, x, y)
    first = step_through(model, x, tr, 0, 0)
    assert np.all(first[0]["a_prev"] == 0) and np.all(first[1]["a_prev"] == 0)
    inputs = layer_inputs(model, x.numpy(), tr)
    assert np.allclose(inputs[1], tr.hiddens[0])
    assert np.allclose(inputs[0][:, :, 0], x.numpy()[:, :, 0])


def test_generated_steps_read_the_previous_prediction():
    model = _model("lstm", 1, mode="generate", horizon=4)
    x, y = _xy("generate", horizon=4)
    tr = trace(model, x, y)
    inputs = layer_inputs(model, x.numpy(), tr)
    assert inputs[0].shape == (4, 7 + 3, 1)
    assert np.allclose(inputs[0][:, 7:, 0], tr.outputs[:, :3], atol=1e-6)


def test_summary_numbers_for_captions():
    w = {"w_ih": np.array([[1.0], [0.0], [0.0]]), "w_hh": np.diag([0.0, 2.0, 0.1]), "b_ih": np.array([0, 0, 0.5]),
         "b_hh": np.zeros(3)}
    terms = step_terms("rnn", w, np.array([3.0]), np.array([0.0, 1.0, 1.0]))
    s = summary("rnn", terms)
    assert s["units"] == [0, 1, 2] and s["dominant"] == {0: "wx", 1: "wa", 2: "b"}
    assert abs(sum(s["shares"].values()) - 1) < 1e-12 and abs(s["shares"]["wx"] - 3 / 5.6) < 1e-12
    assert top_units(np.array([0.1, -5, 2]), 2) == [1, 2]
    lstm = summary("lstm", {"f": np.array([0.9, 0.1, 0.5]), "i": np.full(3, 0.5),
                            "i_g": np.array([0.0, 0.3, -0.4])})
    assert lstm["erased"][0] == 1 and lstm["written"][:2] == [2, 1] and abs(lstm["forget"] - 0.5) < 1e-12


def test_unknown_cell_is_a_clear_error():
    with pytest.raises(ValueError, match="cell"):
        step_terms("transformer", {"w_ih": np.eye(1), "w_hh": np.eye(1), "b_ih": np.zeros(1), "b_hh": np.zeros(1)},
                   np.zeros(1), np.zeros(1))
