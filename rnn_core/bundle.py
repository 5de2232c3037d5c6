"""Run bundles: config JSON + state_dict in one file that loads without executing code."""

from __future__ import annotations

import io

import torch

from .config import RunConfig
from .models import RNNModel, build_model

FORMAT = "rnn-playground-bundle/1"
MAX_BYTES = 20_000_000  # the largest allowed model is ~2 MB; anything far bigger is not ours


def save_bundle(model: RNNModel, cfg: RunConfig, target=None) -> bytes | None:
    """Write a bundle to ``target`` (path or binary file); with no target, return its bytes."""
    payload = {
        "format": FORMAT,
        "config": cfg.to_json(),
        "shape": {"input_size": model.rnn.input_size, "output_size": model.head.out_features,
                  "output_mode": model.output_mode, "loss": model.loss_kind, "horizon": model.horizon},
        "state_dict": {k: v.detach().cpu() for k, v in model.state_dict().items()},
    }
    if target is not None:
        torch.save(payload, target)
        return None
    buf = io.BytesIO()
    torch.save(payload, buf)
    return buf.getvalue()


def load_bundle(source) -> tuple[RunConfig, RNNModel]:
    """Read a bundle from a path, bytes or binary file. Anything else raises ValueError."""
    if isinstance(source, bytes | bytearray):
        if len(source) > MAX_BYTES:
            raise ValueError(f"bundle: file is larger than {MAX_BYTES // 1_000_000} MB")
        source = io.BytesIO(source)
    try:
        payload = torch.load(source, map_location="cpu", weights_only=True)
    except Exception as e:  # noqa: BLE001 - any unreadable file is the same answer to a user
        raise ValueError(f"bundle: not a run bundle ({type(e).__name__})") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValueError("bundle: not a run bundle of this playground")
    try:
        cfg = RunConfig.from_json(payload["config"])
        shape = payload["shape"]
        model = build_model(cfg.model, int(shape["input_size"]), int(shape["output_size"]),
                            str(shape["output_mode"]), str(shape["loss"]), int(shape["horizon"]))
        model.load_state_dict(payload["state_dict"])
    except ValueError as e:
        raise ValueError(f"bundle: {e}") from None
    except (KeyError, TypeError, RuntimeError) as e:
        raise ValueError(f"bundle: damaged or from another version ({type(e).__name__})") from None
    return cfg, model.eval()
