"""Suite-wide rules: pinned CPU numerics (``rnn_core.numerics``), torch on the server's thread count, and the
``claims`` tests only when asked for by ``-m``."""

from __future__ import annotations

import rnn_core  # noqa: F401 - first, before any test module imports torch: pins torch's CPU numerics


def pytest_configure(config):
    """Run torch in each test process with the server's thread count (one): the suite runs two processes on
    two cores, and two threads each made small tensor work tens of times slower while the other process
    ran (a gradcheck: 0.7 s alone, 14 s in the suite). ``train`` sets this count too, so a test's numbers
    no longer depend on whether a training ran before it in the same process."""
    from rnn_core.limits.budget import set_server_threads

    set_server_threads()


def pytest_collection_modifyitems(config, items):
    """Leave out the tests marked ``claims`` (a claim retrained over seeds 0-9, minutes each) unless the
    ``-m`` expression names them: ``pytest -m claims`` runs them, a plain run keeps its one small test
    per claim (``README.md``, "Tests")."""
    if "claims" in (config.getoption("markexpr") or ""):
        return
    claims = [item for item in items if item.get_closest_marker("claims") is not None]
    if claims:
        config.hook.pytest_deselected(items=claims)
        items[:] = [item for item in items if item.get_closest_marker("claims") is None]
