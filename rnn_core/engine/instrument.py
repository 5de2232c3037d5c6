"""Replay a model's own weights through an unrolled time loop and record what happens inside.

The fused modules (cuDNN/MKL) hide every h_t from autograd: a gradient taken on the fused
``output[:, t]`` is only the direct path to the loss, not the total derivative through the
recurrence. Here every h_t of every layer is a graph node, so ``autograd.grad(L, h_t)`` is the
total derivative ∂L/∂h_t — the quantity whose decay over t shows vanishing gradients.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from rnn_core.cells import CELL
from rnn_core.config import LINEAR_CELLS
from rnn_core.engine.models import TUTORIAL_CELLS, RNNModel, valid_lengths


class _Layer:
    """One recurrent layer's weights and its single-step update, for every cell type."""

    def __init__(self, model: RNNModel, layer: int, detach: bool, direction: int = 0):
        rnn, self.cell = model.rnn, model.cfg.cell
        suffix = "_reverse" if direction else ""  # torch's names for the backward pass's weights
        get = (lambda n: getattr(rnn, f"{n}_l{layer}{suffix}").detach()) if detach else \
            (lambda n: getattr(rnn, f"{n}_l{layer}{suffix}"))
        self.w_ih, self.w_hh, self.H = get("weight_ih"), get("weight_hh"), rnn.hidden_size
        if self.cell in ("scratch", *TUTORIAL_CELLS):
            self.b_in, self.b_h = get("bias"), None
        elif self.cell == "gru":  # the n gate needs b_hn inside r * (W_hn h + b_hn)
            self.b_in, self.b_h = get("bias_ih"), get("bias_hh")
        else:
            self.b_in, self.b_h = get("bias_ih") + get("bias_hh"), None
        self.act = {"relu": torch.relu, "none": lambda a: a}.get(getattr(rnn, "nonlinearity", "tanh"), torch.tanh)

    def project(self, inp):
        """Input contributions of all timesteps in one matmul: (B, T, I) -> (B, T, G*H)."""
        return inp @ self.w_ih.T + self.b_in

    def step(self, xp, h, c):
        """One timestep from a projected input xp (B, G*H); returns h, c and the gate values."""
        H = self.H
        if self.cell == "lstm":
            a = torch.addmm(xp, h, self.w_hh.T)  # (B, 4H)
            i, f, _, o = torch.sigmoid(a).chunk(4, 1)  # one split, not three slices: fewer backward nodes
            g = torch.tanh(a[:, 2 * H:3 * H])
            c = f * c + i * g
            return o * torch.tanh(c), c, (i, f, g, o)
        if self.cell == "gru":
            gh = torch.addmm(self.b_h, h, self.w_hh.T)  # (B, 3H)
            rz = torch.sigmoid(xp[:, :2 * H] + gh[:, :2 * H])
            r, z = rz[:, :H], rz[:, H:]
            n = torch.tanh(xp[:, 2 * H:] + r * gh[:, 2 * H:])
            return n + z * (h - n), None, (r, z, n)
        return self.act(torch.addmm(xp, h, self.w_hh.T)), None, ()

    def emit(self, h, inp):
        """What the next layer reads: h_t itself."""
        return h

    def zero(self, x):
        return x.new_zeros(x.shape[0], self.H)


class _LinearLayer:
    """A linear recurrence's loop, from its own module (rnn_core.engine.linear_rnn): the reference of its scan.

    The weights stay attached (``detach`` only saves work for the classic cells: autograd.grad prunes the
    weight gradients it is not asked for). LRU's h_t is its complex state x_t.
    """

    def __init__(self, model: RNNModel, layer: int):
        self.rnn, self.k = model.rnn, layer

    def project(self, inp):
        return self.rnn.project(self.k, inp)

    def step(self, xp, h, c):
        h_new, g = self.rnn.step(self.k, xp, h)
        return h_new, None, g  # the gates the registry names first (z; f, i), then the candidate

    def emit(self, h, inp):
        return self.rnn.emit(self.k, h, inp)

    def zero(self, x):
        return self.rnn.zero_state(x, self.k)


@dataclass
class Trace:
    """What one batch did inside the network. Arrays are numpy; L layers, B batch, T steps, H units."""

    hiddens: np.ndarray  # (L, B, T, H) h_t of every layer
    cells: np.ndarray | None  # (L, B, T, H) c_t, LSTM only
    gates: dict[str, np.ndarray]  # gate name -> (L, B, T, H): LSTM i/f/g/o, GRU r/z/n
    grad_norms: np.ndarray  # (L, T) Frobenius norm over (batch, hidden) of the total ∂L/∂h_t
    outputs: np.ndarray  # the model's outputs on the batch
    loss: float  # training loss (batch mean) whose gradient grad_norms measures
    h_grads: np.ndarray | None = None  # (L, B, T, H) ∂L/∂h_t itself, when asked for; LRU: complex,
    # ∂L/∂Re x_t + i ∂L/∂Im x_t (torch's convention for a real loss)
    hiddens_imag: np.ndarray | None = None  # (L, B, T, H) LRU only: Im x_t (hiddens holds Re x_t)
    param_grads: dict[str, np.ndarray] = field(default_factory=dict)  # when asked for


def unroll(model: RNNModel, x, detach=True, perturb=None):
    """The model's forward pass as an explicit loop. Returns (outputs, hs, cs, gates).

    hs[l][t] is the (B, H) tensor h_t of layer l, kept in the graph. ``perturb`` (L, B, T', D*H),
    if given, is added to every h_t — its gradient is ∂L/∂h_t, which tests use as a reference. A bidirectional
    model's lists hold L*D directional layers (layer 0 forwards, layer 0 backwards, …), each in the order it ran.
    """
    return _unroll(model, x, detach, perturb)[:4]


def _reversal(x, n):
    """(B, T) indices that read each sequence from its last valid step back to its first, padding left in place;
    reading twice gives the sequence back."""
    t = torch.arange(x.shape[1], device=x.device).expand(x.shape[0], -1)  # (B, T)
    n = torch.full((x.shape[0], 1), x.shape[1], device=x.device) if n is None else n.unsqueeze(1)
    return torch.where(t < n, n - 1 - t, t)


def _take(seq, rev):
    """``seq`` (B, T, F) read along ``rev`` (B, T)."""
    return seq.gather(1, rev.unsqueeze(-1).expand(-1, -1, seq.shape[-1]))


def _unroll(model: RNNModel, x, detach=True, perturb=None):
    """``unroll`` and the reversal index of a bidirectional model's backward passes (None for one direction)."""
    L, D = model.rnn.num_layers, model.cfg.directions
    if model.cfg.cell in LINEAR_CELLS:
        layers = [_LinearLayer(model, k) for k in range(L)]
    else:
        layers = [_Layer(model, k, detach, d) for k in range(L) for d in range(D)]
    n = None
    if model.output_mode == "last_valid":  # end-padded batch: as the model does, drop unused padding
        n = valid_lengths(x)
        x = x[:, :max(int(n.max()), 1)]
    rev = _reversal(x, n) if D == 2 else None
    # with detached weights, a zero initial state that requires grad makes every h_t a graph node
    zeros = [layer.zero(x).requires_grad_(detach and torch.is_grad_enabled()) for layer in layers]
    hs, cs, gates = [[] for _ in layers], [[] for _ in layers], [[] for _ in layers]
    state = [(z, z) for z in zeros]
    bumps = None
    if perturb is not None:  # split once, as the inputs are; a backward pass meets its steps in reverse
        H = model.rnn.hidden_size
        parts = [p[..., d * H:(d + 1) * H] for p in perturb for d in range(D)]
        bumps = [(_take(p, rev) if j % D else p).unbind(1) for j, p in enumerate(parts)]

    def advance(k, xp_t):
        h, c, g = layers[k].step(xp_t, *state[k])
        if bumps is not None:
            h = h + bumps[k][len(hs[k])]
        state[k] = (h, c)
        hs[k].append(h)
        cs[k].append(c)
        gates[k].append(g)
        return h

    inp = x
    for k in range(L):  # layer by layer, so each layer's input projection is one matmul
        outs = []
        for d in range(D):
            j = k * D + d
            xp = layers[j].project(inp if d == 0 else _take(inp, rev))  # (B, T, G*H)
            for xp_t in xp.unbind(1):  # one backward node for all steps; xp[:, t] would give each step's
                advance(j, xp_t)  # gradient the full (B, T, G*H) shape: memory quadratic in T from layer 2
            out = torch.stack(hs[j], 1)  # (B, T, H)
            outs.append(out if d == 0 else _take(out, rev))
        inp = layers[k * D].emit(torch.cat(outs, -1), inp)  # (B, T, D*H): h_t, or LRU's output
    W, b = (model.head.weight, model.head.bias)
    if detach:
        W, b = W.detach(), b.detach()
    feats = model.features(x, inp)  # h_t, or cat(x_t, h_{t-1}) for the tutorial's cells
    if model.output_mode == "all":
        y = feats @ W.T + b  # (B, T, O)
    elif model.output_mode in ("last", "last_valid"):
        y = model.summary(feats, n) @ W.T + b  # (B, O): each sequence's own last step (and first, backwards)
    else:
        preds = [feats[:, -1] @ W.T + b]
        for _ in range(model.horizon - 1):
            feed = inp_t = preds[-1]  # (B, 1): the prediction becomes the next input
            prev = state[-1][0].unsqueeze(0)  # (1, B, H) h before this step, for the tutorial's read-out
            for k in range(L):
                feed = layers[k].emit(advance(k, layers[k].project(feed)), feed)
            preds.append(model.features(inp_t.unsqueeze(1), feed.unsqueeze(1), prev)[:, -1] @ W.T + b)
        y = torch.cat(preds, 1)  # (B, horizon)
    if model.loss_kind == "nll":
        y = torch.log_softmax(y, -1)
    return y, hs, cs, gates, rev


def _by_time(steps, rev, D):
    """Per directional layer lists of (B, H) steps -> (L, B, T, D*H) in time order, directions side by side."""
    per = [torch.stack(layer, 1) for layer in steps]  # (B, T, H) each, in the order they ran
    per = [p if j % D == 0 else _take(p, rev) for j, p in enumerate(per)]
    return torch.stack([torch.cat(per[k:k + D], -1) for k in range(0, len(per), D)])


def trace(model: RNNModel, x, y, param_grads: bool = False, keep_h_grads: bool = False) -> Trace:
    """Unroll ``model`` on the batch (x, y) and record hidden states, gates and ∂L/∂h_t.

    Without ``param_grads`` the weights are detached, so backward computes only ∂L/∂h_t.
    Dropout is off (eval semantics): the trace shows the deterministic network. A bidirectional model's arrays
    hold 2H units per layer: the forward pass's H, then the backward pass's, both in time order.
    """
    cell, D = model.cfg.cell, model.cfg.directions
    with torch.enable_grad():
        x = x.detach()
        out, hs, cs, gates, rev = _unroll(model, x, detach=not param_grads)
        loss = model.loss(out, y)
        flat = [h for layer in hs for h in layer]
        params = [(n, p) for n, p in model.named_parameters() if p.requires_grad] if param_grads else []
        grads = torch.autograd.grad(loss, flat + [p for _, p in params], allow_unused=True)
    T = len(hs[0])
    hg = [g if g is not None else torch.zeros_like(h) for g, h in zip(grads[:len(flat)], flat, strict=True)]
    if D == 1:  # the layout the norms below have always been summed in: same bits as the shipped runs
        hg = torch.stack(hg).reshape(len(hs), T, *flat[0].shape).transpose(1, 2)  # (L, B, T, H)
    else:
        hg = _by_time([hg[j * T:(j + 1) * T] for j in range(len(hs))], rev, D)  # (L, B, T, 2H)
    names = CELL[cell].gates
    gate_arrays = {n: _np(_by_time([[g[j] for g in layer] for layer in gates], rev, D))
                   for j, n in enumerate(names)}
    states = _by_time(hs, rev, D)
    return Trace(
        hiddens=_np(states.real if states.is_complex() else states),
        hiddens_imag=_np(states.imag) if states.is_complex() else None,
        cells=_np(_by_time(cs, rev, D)) if CELL[cell].cell_state else None,
        gates=gate_arrays,
        grad_norms=hg.abs().double().pow(2).sum(dim=(1, 3)).sqrt().numpy(),  # LRU: Re and Im together
        outputs=_np(out),
        loss=loss.item(),
        h_grads=_np(hg) if keep_h_grads else None,
        param_grads={n: _np(g) for (n, _), g in zip(params, grads[len(flat):], strict=True)
                     if g is not None},
    )


def grad_profile(model: RNNModel, x, y) -> tuple[np.ndarray, float]:
    """Only ‖∂L/∂h_t‖ (L, T) and the loss: the cheap part of a trace, for snapshots during training."""
    with torch.enable_grad():
        out, hs, _, _, rev = _unroll(model, x.detach(), detach=True)
        loss = model.loss(out, y)
        flat = [h for layer in hs for h in layer]
        grads = torch.autograd.grad(loss, flat, allow_unused=True)
    if rev is None:
        norms = torch.stack([g.norm() if g is not None else flat[0].new_zeros(()) for g in grads])
        return norms.reshape(len(hs), -1).double().numpy(), loss.item()
    T = len(hs[0])
    hg = [g if g is not None else torch.zeros_like(h) for g, h in zip(grads, flat, strict=True)]
    hg = _by_time([hg[j * T:(j + 1) * T] for j in range(len(hs))], rev, 2)  # (L, B, T, 2H)
    return hg.double().pow(2).sum(dim=(1, 3)).sqrt().numpy(), loss.item()


def _np(t):
    t = t.detach().cpu()
    return (t.to(torch.complex64) if t.is_complex() else t.float()).numpy()


def spectrum(model: RNNModel) -> list[dict]:
    """Per layer: eigenvalues and spectral radius of each H×H gate block of W_hh, singular values."""
    cell, H = model.cfg.cell, model.rnn.hidden_size
    if cell in LINEAR_CELLS:
        return [_linear_spectrum(model, k) for k in range(model.rnn.num_layers)]
    out = []
    for k in range(model.rnn.num_layers):
        W = getattr(model.rnn, f"weight_hh_l{k}").detach().double().cpu()
        eig = {g: torch.linalg.eigvals(W[j * H:(j + 1) * H]).numpy() for j, g in enumerate(CELL[cell].w_hh_blocks)}
        out.append({
            "eigenvalues": eig,
            "spectral_radius": {g: float(np.abs(e).max()) for g, e in eig.items()},
            "singular_values": torch.linalg.svdvals(W).numpy(),
        })
    return out


def _linear_spectrum(model: RNNModel, k: int) -> dict:
    """LRU: the recurrence is diag(λ), so its eigenvalues are λ and its singular values |λ|. The min
    cells' decay 1 − z_t changes with every input: no fixed matrix (see ``Trace.gates``)."""
    if model.cfg.cell != "lru":
        return {"eigenvalues": {}, "spectral_radius": {}, "singular_values": np.zeros(0)}
    nu, theta = (getattr(model.rnn, f"{n}_l{k}").detach().cpu().double() for n in ("nu_log", "theta_log"))
    lam = torch.exp(torch.complex(-torch.exp(nu), torch.exp(theta))).numpy()  # in float64: |λ| < 1 shows
    return {"eigenvalues": {"lambda": lam}, "spectral_radius": {"lambda": float(np.abs(lam).max())},
            "singular_values": np.sort(np.abs(lam))[::-1].copy()}
