"""Reading plotly figure JSON in tests: typed arrays come as base64 ``bdata``."""

import base64
import json

import numpy as np


def array(value) -> np.ndarray:
    """A trace coordinate from figure JSON as a numpy array."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            out = out.reshape([int(s) for s in str(shape).split(",")])
        return out
    return np.asarray(value, dtype=float)


def figure_json(fig) -> dict:
    """A plotly figure as the JSON the browser receives."""
    return json.loads(fig.to_json())
