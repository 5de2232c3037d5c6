"""Code shown on the Learn page: the from-scratch Elman loop next to torch's nn.RNN with the same weights."""

SCRATCH_CODE = """import torch

# x: (batch, T, input_size)
h_prev = torch.zeros(batch, hidden_size)
hs = []
for t in range(T):
    x_t = x[:, t]
    h_t = torch.tanh(x_t @ W_x.T + h_prev @ W_h.T + b)
    hs.append(h_t)
    h_prev = h_t
h = torch.stack(hs, dim=1)  # (batch, T, hidden_size)
"""
TORCH_CODE = """import torch
from torch import nn

rnn = nn.RNN(input_size, hidden_size, batch_first=True)
h, h_last = rnn(x)  # h: (batch, T, hidden_size)

# the same weights under the loop's names
W_x = rnn.weight_ih_l0
W_h = rnn.weight_hh_l0
b = rnn.bias_ih_l0 + rnn.bias_hh_l0
"""
