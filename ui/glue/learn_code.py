"""Code shown on the Learn page: the from-scratch Elman loop next to torch's nn.RNN with the same weights.

The comments are the page's language (``l.code.*`` in the catalogs): ``scratch_code(t)``, ``torch_code(t)``."""

_SCRATCH = """import torch

# x: (batch, T, input_size)
h_prev = torch.zeros(batch, hidden_size)
hs = []
for t in range(T):
    x_t = x[:, t]
    h_t = torch.tanh(x_t @ W_x.T + h_prev @ W_h.T + b)  # {step}
    hs.append(h_t)
    h_prev = h_t
h = torch.stack(hs, dim=1)  # (batch, T, hidden_size)
"""
_TORCH = """import torch
from torch import nn

rnn = nn.RNN(input_size, hidden_size, batch_first=True)
h, h_last = rnn(x)  # h: (batch, T, hidden_size)

# {same}
W_x = rnn.weight_ih_l0
W_h = rnn.weight_hh_l0
b = rnn.bias_ih_l0 + rnn.bias_hh_l0  # {bias}
"""


def scratch_code(t) -> str:
    return _SCRATCH.replace("{step}", t("l.code.step"))


def torch_code(t) -> str:
    return _TORCH.replace("{same}", t("l.code.same")).replace("{bias}", t("l.code.bias"))
