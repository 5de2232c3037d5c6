"""RNN Playground's engine: data, models, training and instruments; no streamlit.

Importing it pins torch's CPU numerics first (``rnn_core.numerics``): it must come before ``import torch``.
"""

from rnn_core import numerics

numerics.pin()
