"""Run bundles: config JSON + state_dict in one file that loads without executing code.

A bundle is data from a stranger, checked like a link: its config must be valid and fit the server's
budget, the network's ends (input and output size, output mode, horizon) are derived from that config
by the engine, and a file whose stored shapes or tensors disagree with them is refused before any of
its tensors is used.
"""

from __future__ import annotations

import io

import torch

from rnn_core.config import RunConfig
from rnn_core.engine.models import RNNModel
from rnn_core.errors import UserError
from rnn_core.limits import budget

FORMAT = "rnn-playground-bundle/1"
MAX_BYTES = 10_000_000  # the largest model the budget allows (LSTM 4×256) saves to about 7.4 MB
_SHAPE_KEYS = ("input_size", "output_size", "output_mode", "loss", "horizon")


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
            raise UserError.told("bundle.too_large", "bundle: the file is larger than {mb} MB",
                                 mb=MAX_BYTES // 1_000_000)
        source = io.BytesIO(source)
    try:
        payload = torch.load(source, map_location="cpu", weights_only=True)
    except Exception as e:  # noqa: BLE001 - any unreadable file is the same answer to a user
        raise UserError.told("bundle.unreadable", "bundle: not a run bundle ({kind})", kind=type(e).__name__) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise UserError.told("bundle.foreign", "bundle: not a run bundle of this playground")
    try:
        cfg = RunConfig.from_json(str(payload["config"]))
        budget.check(cfg)  # the same caps as a link, before anything is built
        shape = budget.shape_of(cfg.data)
        _check_shape(payload.get("shape"), shape)
        model = _model(cfg, shape)
        _check_tensors(payload.get("state_dict"), model)
        model.load_state_dict(payload["state_dict"])
    except ValueError as e:  # a budget refusal, a setting out of range, a shape or weight that does not fit
        raise UserError.told("bundle.invalid", "bundle: {cause}", cause=e) from None
    except (KeyError, TypeError, AttributeError, RuntimeError) as e:
        raise UserError.told("bundle.damaged", "bundle: damaged or from another version ({kind})",
                             kind=type(e).__name__) from None
    return cfg, model.eval()


def _check_shape(stored, shape: budget.Shape) -> None:
    if not isinstance(stored, dict):
        raise UserError.told("bundle.no_shape", "the file has no network shape")
    for key in _SHAPE_KEYS:
        expected, got = getattr(shape, key), stored.get(key)
        if type(got) is not type(expected) or got != expected:
            raise UserError.told("bundle.shape", "{setting} is stored as {got!r}, but its settings give {expected!r}; "
                                 "the file was changed or comes from another version", setting=key, got=str(got)[:40],
                                 expected=expected)


def _model(cfg: RunConfig, shape: budget.Shape) -> RNNModel:
    from rnn_core.engine.models import build_model

    return build_model(cfg.model, shape.input_size, shape.output_size, shape.output_mode, shape.loss,
                       shape.horizon, cfg.train.seed)


def _check_tensors(state, model: RNNModel) -> None:
    if not isinstance(state, dict):
        raise UserError.told("bundle.no_weights", "the file has no weights")
    want = model.state_dict()
    if set(state) != set(want):
        odd = sorted(set(state) ^ set(want), key=str)[0]
        raise UserError.told("bundle.odd_weight", "weight {name!r} does not belong to this network", name=str(odd)[:40])
    for name, ref in want.items():
        t = state[name]
        if not isinstance(t, torch.Tensor) or t.dtype != ref.dtype or t.shape != ref.shape:
            shape = tuple(t.shape) if isinstance(t, torch.Tensor) else type(t).__name__
            raise UserError.told("bundle.weight_shape", "weight {name} has shape {shape}, the network needs {needs}",
                                 name=name, shape=shape, needs=tuple(ref.shape))
        if not bool(torch.isfinite(t).all()):
            raise UserError.told("bundle.not_finite", "weight {name} holds values that are not finite numbers",
                                 name=name)
