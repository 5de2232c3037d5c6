"""One step of the recurrence written out with a trained model's own weights, term by term.

For step t of one sample and every layer: the input term W_ax x⟨t⟩, the recurrent term W_aa a⟨t−1⟩,
the bias, the gates of LSTM and GRU, and the new state. The terms are recomputed in float64 numpy
from the weights and the previous state recorded by ``instrument.trace``; a test checks that the new
state equals the trace's h_t for every cell. Notation follows the tutorial: a⟨t⟩ is the h_t of the
other pages, W_aa is W_hh, W_ax is W_ih.
"""

from __future__ import annotations

import numpy as np

from rnn_core.cells import REGISTRY
from rnn_core.config import ELMAN_CELLS, LINEAR_CELLS
from rnn_core.engine.instrument import Trace
from rnn_core.engine.models import RNNModel
from rnn_core.inside.linear import layer_outputs, linear_step_terms, states

# term keys per cell, in the order the formula reads; the new state is always the last key
TERMS = {c.key: c.terms for c in REGISTRY if c.terms}
GATE_TERMS = frozenset({"f", "i", "o", "r", "u"})  # sigmoid gates (and LRU's |λ|), in 0..1


def _sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def layer_weights(model: RNNModel, layer: int) -> dict[str, np.ndarray]:
    """float64 copies of one layer's W_ih (W_ax), W_hh (W_aa) and biases; scratch has one bias."""
    rnn = model.rnn

    def get(name):
        return getattr(rnn, f"{name}_l{layer}").detach().double().cpu().numpy()

    w = {"w_ih": get("weight_ih"), "w_hh": get("weight_hh")}
    if model.cfg.cell == "scratch":
        w["b_ih"], w["b_hh"] = get("bias"), np.zeros_like(get("bias"))
    else:
        w["b_ih"], w["b_hh"] = get("bias_ih"), get("bias_hh")
    return w


def step_terms(cell: str, w: dict, x: np.ndarray, a_prev: np.ndarray, c_prev: np.ndarray | None = None,
               nonlinearity: str = "tanh") -> dict[str, np.ndarray]:
    """Every term of one step of one layer: ``x`` (I,) the layer's input, ``a_prev`` (H,) its last state.

    Returns ``{key: (H,) float64}`` in the order of ``TERMS[cell]``; ``a`` is a⟨t⟩ (and ``c`` c⟨t⟩)."""
    x, a_prev = np.asarray(x, np.float64), np.asarray(a_prev, np.float64)
    H = a_prev.shape[0]
    xp = w["w_ih"] @ x + w["b_ih"]  # (G*H,) input part with its bias
    hp = w["w_hh"] @ a_prev + w["b_hh"]  # (G*H,) recurrent part with its bias
    if cell in ELMAN_CELLS:
        wx, wa, b = w["w_ih"] @ x, w["w_hh"] @ a_prev, w["b_ih"] + w["b_hh"]
        z = wx + wa + b
        a = np.tanh(z) if nonlinearity == "tanh" else np.maximum(z, 0.0)
        return {"wx": wx, "wa": wa, "b": b, "z": z, "a": a}
    if cell == "lstm":  # torch's gate order: i, f, g, o
        s = xp + hp
        i, f, o = _sigmoid(s[:H]), _sigmoid(s[H:2 * H]), _sigmoid(s[3 * H:])
        g = np.tanh(s[2 * H:3 * H])
        c_prev = np.zeros(H) if c_prev is None else np.asarray(c_prev, np.float64)
        c = f * c_prev + i * g
        return {"f": f, "i": i, "g": g, "o": o, "c_prev": c_prev, "f_c": f * c_prev, "i_g": i * g, "c": c,
                "a": o * np.tanh(c)}
    if cell == "gru":  # torch's gate order: r, z, n; r acts after the matrix product, z keeps the old state
        r = _sigmoid(xp[:H] + hp[:H])
        u = _sigmoid(xp[H:2 * H] + hp[H:2 * H])
        n = np.tanh(xp[2 * H:] + r * hp[2 * H:])
        return {"r": r, "u": u, "n": n, "a_prev": a_prev, "u_a": u * a_prev, "n_mix": (1.0 - u) * n,
                "a": (1.0 - u) * n + u * a_prev}
    raise ValueError(f"cell: unknown cell {cell!r}")


def layer_inputs(model: RNNModel, x, tr: Trace) -> list[np.ndarray]:
    """The input sequence each layer saw, (B, T', I_l) per layer, float64.

    Layer 1 reads x (and, in one-to-many generation, its own predictions fed back after step T);
    layer l > 1 reads the states of layer l − 1 (LRU: its output y + MLP(y), see ``layer_outputs``)."""
    x = np.asarray(x, np.float64)  # (B, T, I)
    T_all = tr.hiddens.shape[2]
    if T_all > x.shape[1]:  # generated steps: the prediction of step j is the input of step T + j
        feed = np.asarray(tr.outputs, np.float64).reshape(x.shape[0], -1)[:, :T_all - x.shape[1], None]
        x = np.concatenate([x, feed], axis=1)
    out, st = [x], states(tr)
    for k in range(tr.hiddens.shape[0] - 1):
        out.append(layer_outputs(model, k, st[k], out[k]))
    return out


def step_through(model: RNNModel, x, tr: Trace, sample: int, t: int) -> list[dict[str, np.ndarray]]:
    """The terms of step ``t`` (0-based) of ``sample``, one dict per layer (see ``step_terms``).

    ``tr`` is ``trace(model, x, y)`` of the same batch: it provides a⟨t−1⟩ (and c⟨t−1⟩)."""
    cell, H = model.cfg.cell, model.rnn.hidden_size
    act = getattr(model.rnn, "nonlinearity", "tanh")
    inputs = layer_inputs(model, x, tr)
    out = []
    if cell in LINEAR_CELLS:
        st = states(tr)
        return [linear_step_terms(model, k, inputs[k][sample, t], st[k, sample, t - 1] if t > 0 else
                                  np.zeros(H, st.dtype)) for k in range(model.rnn.num_layers)]
    for k in range(model.rnn.num_layers):
        a_prev = tr.hiddens[k, sample, t - 1] if t > 0 else np.zeros(H)
        c_prev = None
        if cell == "lstm":
            c_prev = tr.cells[k, sample, t - 1] if t > 0 else np.zeros(H)
        out.append(step_terms(cell, layer_weights(model, k), inputs[k][sample, t], a_prev, c_prev, act))
    return out


def top_units(v: np.ndarray, k: int = 3) -> list[int]:
    """Indices (0-based) of the ``k`` entries of largest magnitude, largest first."""
    v = np.asarray(v)
    return [int(i) for i in np.argsort(-np.abs(v), kind="stable")[:k]]


def summary(cell: str, terms: dict[str, np.ndarray]) -> dict:
    """The few numbers a caption needs about one layer's step.

    - rnn/scratch: each term's share of the pre-activation (sum of |term| over units), the units with
      the largest |z| and, per unit, which term dominates it
    - lstm: mean forget and input gates, the units written most (|i⊙g|) and kept least (lowest f)
    - gru: mean update gate (the share of a⟨t−1⟩ kept), the units that changed most"""
    if cell in ELMAN_CELLS:
        mags = {k: float(np.abs(terms[k]).sum()) for k in ("wx", "wa", "b")}
        total = sum(mags.values()) or 1.0
        units = top_units(terms["z"])
        return {"shares": {k: m / total for k, m in mags.items()}, "units": units,
                "dominant": {u: max(("wx", "wa", "b"), key=lambda k: abs(terms[k][u])) for u in units},
                "z": {u: float(terms["z"][u]) for u in units}, "a": {u: float(terms["a"][u]) for u in units}}
    if cell == "lstm":
        written = top_units(terms["i_g"])
        erased = [int(i) for i in np.argsort(terms["f"], kind="stable")[:3]]
        return {"forget": float(terms["f"].mean()), "input": float(terms["i"].mean()),
                "written": written, "i_g": {u: float(terms["i_g"][u]) for u in written},
                "erased": erased, "f": {u: float(terms["f"][u]) for u in erased}}
    change = terms["a"] - terms["a_prev"]
    units = top_units(change)
    out = {"units": units, "change": {u: float(change[u]) for u in units}}
    if cell == "lru":
        return out | {"r_min": float(terms["r"].min()), "r_max": float(terms["r"].max())}
    if cell in LINEAR_CELLS:  # the share of a⟨t−1⟩ each unit keeps: 1 − z (minGRU), f' (minLSTM)
        return out | {"keep": float((1 - terms["u"] if cell == "mingru" else terms["f"]).mean())}
    return out | {"keep": float(terms["u"].mean())}
