"""Recurrent models: each cell's module (``BUILDERS``), a fused module for training, a linear read-out.

Layout convention: ``model.rnn`` is the recurrent module (``nn.RNN``/``nn.LSTM``/``nn.GRU`` with
``batch_first=True``, :class:`ElmanRNN` for the hand-written cell, or a linear recurrence of
:mod:`rnn_core.engine.linear_rnn`) and ``model.head`` is the
``nn.Linear`` read-out, so the weights can be reasoned about with plain torch.
"""

from __future__ import annotations

import math
import threading

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from rnn_core.cells import CELL
from rnn_core.config import (  # tutorial cells read out from cat(x_t, h_{t-1})
    ELMAN_CELLS,
    LINEAR_CELLS,
    TUTORIAL_CELLS,
    ModelConfig,
)
from rnn_core.engine.linear_rnn import LRU, MinRNN

# torch's weight initialisers and its dropout (fused nn.LSTM/GRU/RNN and F.dropout) draw from the one
# process-wide CPU generator. Whoever seeds or draws from it holds this lock: ``build_model`` always, and a
# training run around its dropout forward passes (``train.own_rng``), so a run built or trained beside any
# other work (a server's sessions, the lab's workers) draws exactly the numbers it draws alone.
RNG_LOCK = threading.RLock()


class ElmanRNN(nn.Module):
    """The textbook Elman RNN, written out: h_t = act(W_x x_t + W_h h_{t-1} + b).

    Parameter names follow ``nn.RNN`` (``weight_ih_l0``, ``weight_hh_l0``) with one bias
    ``bias_l0``, so an ``nn.RNN``'s weights copy in with ``bias = bias_ih + bias_hh``.
    """

    def __init__(self, input_size, hidden_size, num_layers=1, nonlinearity="tanh", dropout=0.0,
                 batch_first=True):
        super().__init__()
        if not batch_first:
            raise ValueError("ElmanRNN is batch_first only")
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.nonlinearity, self.dropout, self.batch_first = nonlinearity, dropout, batch_first
        k = 1.0 / math.sqrt(hidden_size)  # the same uniform init as nn.RNN
        for layer in range(num_layers):
            n_in = input_size if layer == 0 else hidden_size
            self.register_parameter(f"weight_ih_l{layer}", nn.Parameter(torch.empty(hidden_size, n_in)))
            self.register_parameter(f"weight_hh_l{layer}",
                                    nn.Parameter(torch.empty(hidden_size, hidden_size)))
            self.register_parameter(f"bias_l{layer}", nn.Parameter(torch.empty(hidden_size)))
        for p in self.parameters():
            nn.init.uniform_(p, -k, k)

    def forward(self, x, h0=None):
        B = x.shape[0]
        act = torch.tanh if self.nonlinearity == "tanh" else torch.relu
        if h0 is None:
            h0 = x.new_zeros(self.num_layers, B, self.hidden_size)
        inp, last = x, []
        for layer in range(self.num_layers):
            W_x = getattr(self, f"weight_ih_l{layer}")
            W_h = getattr(self, f"weight_hh_l{layer}")
            b = getattr(self, f"bias_l{layer}")
            h, outs = h0[layer], []
            for x_t in inp.unbind(1):  # one backward node for all steps: inp[:, t] would give each step's
                h = act(x_t @ W_x.T + h @ W_h.T + b)  # gradient the full (B, T, H) shape, quadratic in T
                outs.append(h)
            inp = torch.stack(outs, 1)  # (B, T, H)
            last.append(h)
            if self.training and self.dropout > 0 and layer < self.num_layers - 1:
                inp = F.dropout(inp, self.dropout, training=True)
        return inp, torch.stack(last)  # (B, T, H), (L, B, H)


class TutorialRNN(nn.Module):
    """The character-level classifier of PyTorch's names tutorial, as printed there:

        combined = torch.cat((input, hidden), 1)
        hidden = self.i2h(combined)          # no nonlinearity
        output = self.i2o(combined)          # the read-out, here ``RNNModel.head``

    ``i2h`` on cat(x, h) is W_ax x + W_aa h + b with [W_ax | W_aa] = i2h.weight; the views
    ``weight_ih_l0``, ``weight_hh_l0`` and ``bias_l0`` name those blocks as the other cells do.
    ``nonlinearity="tanh"`` wraps the update in tanh, the textbook Elman cell.
    """

    num_layers, batch_first, dropout = 1, True, 0.0

    def __init__(self, input_size, hidden_size, nonlinearity="none"):
        super().__init__()
        self.input_size, self.hidden_size, self.nonlinearity = input_size, hidden_size, nonlinearity
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)

    weight_ih_l0 = property(lambda self: self.i2h.weight[:, :self.input_size])  # W_ax (H, I)
    weight_hh_l0 = property(lambda self: self.i2h.weight[:, self.input_size:])  # W_aa (H, H)
    bias_l0 = property(lambda self: self.i2h.bias)

    def forward(self, x, h0=None):
        B = x.shape[0]
        h = x.new_zeros(B, self.hidden_size) if h0 is None else h0[0]
        outs = []
        for x_t in x.unbind(1):  # not x[:, t]: see ElmanRNN.forward
            h = self.i2h(torch.cat((x_t, h), 1))  # (B, H)
            if self.nonlinearity == "tanh":
                h = torch.tanh(h)
            outs.append(h)
        return torch.stack(outs, 1), h.unsqueeze(0)  # (B, T, H), (1, B, H)


def _linear_kw(kw: dict) -> dict:
    return {k: v for k, v in kw.items() if k != "batch_first"}  # the linear cells are batch-first only


# Each cell's torch module, from its config and the keyword arguments every cell shares; the rest of a
# cell's facts are its entry in rnn_core/cells.py.
BUILDERS = {
    "rnn": lambda cfg, kw: nn.RNN(nonlinearity=cfg.nonlinearity, **kw),
    "lstm": lambda cfg, kw: nn.LSTM(**kw),
    "gru": lambda cfg, kw: nn.GRU(**kw),
    "scratch": lambda cfg, kw: ElmanRNN(nonlinearity=cfg.nonlinearity, **kw),
    "tutorial": lambda cfg, kw: TutorialRNN(kw["input_size"], cfg.hidden_size, "none"),
    "tutorial_tanh": lambda cfg, kw: TutorialRNN(kw["input_size"], cfg.hidden_size, "tanh"),
    "lru": lambda cfg, kw: LRU(**_linear_kw(kw)),
    "mingru": lambda cfg, kw: MinRNN(**_linear_kw(kw), kind="mingru"),
    "minlstm": lambda cfg, kw: MinRNN(**_linear_kw(kw), kind="minlstm"),
}


def _make_rnn(cfg: ModelConfig, input_size: int) -> nn.Module:
    kw = dict(input_size=input_size, hidden_size=cfg.hidden_size, num_layers=cfg.num_layers,
              dropout=cfg.dropout if cfg.num_layers > 1 else 0.0, batch_first=True)
    if cfg.directions == 2:  # only the fused cells take it (ModelConfig checks)
        kw["bidirectional"] = True
    return BUILDERS[cfg.cell](cfg, kw)


def init_recurrent(rnn: nn.Module, cell: str, init: str, rho: float = 1.0, seed: int = 0) -> None:
    """Re-initialise every H×H gate block of each W_hh: orthogonal, identity or spectral radius rho."""
    if init == "default" or cell in LINEAR_CELLS:  # linear cells set their own decays (no W_hh)
        return
    gen = torch.Generator().manual_seed(seed)
    H = rnn.hidden_size
    with torch.no_grad():
        for layer in range(rnn.num_layers):
            W = getattr(rnn, f"weight_hh_l{layer}")
            for k in range(len(CELL[cell].w_hh_blocks)):
                W[k * H:(k + 1) * H] = _block(init, H, rho, gen)
            if init == "identity" and cell in ELMAN_CELLS:  # IRNN (Le et al., 2015): zero biases
                for name in ("bias_ih", "bias_hh", "bias"):
                    if hasattr(rnn, f"{name}_l{layer}"):
                        getattr(rnn, f"{name}_l{layer}").zero_()


def init_forget_bias(rnn: nn.Module, value: float) -> None:
    """Start every LSTM layer's forget gate at ``value``: f_t = σ(W_if x + b_if + W_hf h + b_hf).

    nn.LSTM adds two bias vectors, ``bias_ih`` and ``bias_hh``, each stacked (i, f, g, o). Only
    their sum reaches the gate, so the forget slice of ``bias_ih`` becomes ``value`` and that of
    ``bias_hh`` zero: the sum is exactly ``value`` in every unit. The other gates keep their
    initialisation. With σ(1) ≈ 0.73 a cell keeps most of its state at first, so the gradient
    through c_t reaches further back (Gers et al. 2000; Jozefowicz et al. 2015; Keras' default).
    ``value`` 0 leaves PyTorch's default, uniform in ±1/√H on each vector; other cells are untouched.
    """
    if value == 0 or not isinstance(rnn, nn.LSTM):
        return
    H = rnn.hidden_size
    with torch.no_grad():
        for layer in range(rnn.num_layers):
            getattr(rnn, f"bias_ih_l{layer}")[H:2 * H] = value
            getattr(rnn, f"bias_hh_l{layer}")[H:2 * H] = 0.0


def _block(init, H, rho, gen):
    if init == "identity":
        return torch.eye(H)
    A = torch.randn(H, H, generator=gen, dtype=torch.float64)
    if init == "orthogonal":
        Q, R = torch.linalg.qr(A)
        return (Q * torch.sign(torch.diagonal(R))).float()
    radius = torch.linalg.eigvals(A).abs().max()
    return (A * (rho / radius)).float()  # spectral radius exactly rho


class RNNModel(nn.Module):
    """Recurrent layers plus a linear read-out, in one of four output modes.

    - ``last``: many-to-one, read out h_T (regression, or log-probabilities for classification)
    - ``all``: many-to-many aligned, read out every h_t
    - ``generate``: one-to-many, read out h_T, then feed each prediction back in for ``horizon`` steps
    - ``last_valid``: many-to-one over end-padded sequences (all-zero rows): read out each sequence at
      its own last step, so padding never reaches the result

    The tutorial's cells read out from cat(x_t, h_{t-1}) instead of h_t (see ``features``). A bidirectional
    network reads out cat(→h_t, ←h_t) at every step, and a whole sequence as cat(→h_T, ←h_1): each direction's
    state after it has read everything (``summary``).
    """

    def __init__(self, cfg: ModelConfig, input_size: int, output_size: int, output_mode: str = "last",
                 loss: str = "mse", horizon: int = 1, seed: int = 0):
        super().__init__()
        if output_mode == "generate" and input_size != output_size:
            raise ValueError("generate mode feeds predictions back: input_size must equal output_size")
        self.cfg, self.output_mode, self.loss_kind, self.horizon = cfg, output_mode, loss, horizon
        self.rnn = _make_rnn(cfg, input_size)
        extra = input_size if cfg.cell in TUTORIAL_CELLS else 0
        # both passes' states side by side when bidirectional; the tutorial's i2o takes cat(x, h)
        self.head = nn.Linear(cfg.directions * cfg.hidden_size + extra, output_size)
        init_recurrent(self.rnn, cfg.cell, cfg.init, cfg.rho, seed)
        init_forget_bias(self.rnn, cfg.forget_bias)

    def features(self, x, out, h0=None):
        """What the read-out sees at every step: h_t, or cat(x_t, h_{t-1}) for the tutorial's cells."""
        if self.cfg.cell not in TUTORIAL_CELLS:
            return out  # (B, T, H)
        first = out.new_zeros(out.shape[0], 1, out.shape[2]) if h0 is None else h0[-1].unsqueeze(1)
        return torch.cat((x, torch.cat((first, out[:, :-1]), 1)), -1)  # (B, T, I + H)

    def summary(self, feats, n=None):
        """A whole sequence's read-out features (B, T, F) -> (B, F): its last step ``n - 1`` (default T - 1); a
        bidirectional network's backward half at step 0, where the backward pass ends."""
        last = feats[:, -1] if n is None else feats[torch.arange(len(feats)), (n - 1).clamp_min(0)]
        if self.cfg.directions == 1:
            return last
        H = self.cfg.hidden_size
        return torch.cat((last[:, :H], feats[:, 0, H:]), -1)  # (B, 2H)

    def recur(self, x, state=None, n=None):
        """The recurrent module on ``x``; a bidirectional one over end-padded sequences of lengths ``n`` packed, so
        its backward pass starts at each sequence's own last step, not on the padding."""
        if n is None or self.cfg.directions == 1:
            return self.rnn(x, state)
        packed = pack_padded_sequence(x, n.clamp_min(1).cpu(), batch_first=True, enforce_sorted=False)
        out, state_out = self.rnn(packed, state)
        return pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])[0], state_out

    def forward(self, x, state=None):
        n = None
        if self.output_mode == "last_valid":
            n = valid_lengths(x)  # (B,)
            x = x[:, :max(int(n.max()), 1)]  # drop the padding that no sequence of this batch needs
        out, state_out = self.recur(x, state, n)  # (B, T, D*H)
        feats = self.features(x, out, state)
        if self.output_mode == "all":
            y = self.head(feats)  # (B, T, O)
        elif self.output_mode in ("last", "last_valid"):
            y = self.head(self.summary(feats, n))  # (B, O)
        else:
            preds, state = [self.head(feats[:, -1])], state_out
            for _ in range(self.horizon - 1):
                inp = preds[-1].unsqueeze(1)
                out, new_state = self.rnn(inp, state)
                preds.append(self.head(self.features(inp, out, state)[:, -1]))
                state = new_state
            y = torch.stack(preds, 1).squeeze(-1)  # (B, horizon)
        return F.log_softmax(y, -1) if self.loss_kind == "nll" else y

    class_weight: torch.Tensor | None = None  # per-class NLL weights, set by training (not a parameter)

    def loss(self, out, target):
        if self.loss_kind == "nll":
            w = self.class_weight
            return F.nll_loss(out, target, weight=None if w is None else w.to(out.device))
        return F.mse_loss(out, target)


def valid_lengths(x: torch.Tensor) -> torch.Tensor:
    """Steps per sequence of an end-padded batch (B, T, I) -> (B,): padding rows are all zero."""
    return (x != 0).any(-1).sum(1)


def build_model(cfg: ModelConfig, input_size: int, output_size: int, output_mode: str = "last",
                loss: str = "mse", horizon: int = 1, seed: int = 0) -> RNNModel:
    """Seeded construction: the same config and seed always give the same initial weights, whatever runs
    beside it (under ``RNG_LOCK``; the process-wide generator is left as it was)."""
    with RNG_LOCK, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return RNNModel(cfg, input_size, output_size, output_mode, loss, horizon, seed)
