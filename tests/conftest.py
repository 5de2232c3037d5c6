"""Suite-wide collection rules: the ``claims`` tests run only when asked for by ``-m``."""

from __future__ import annotations


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
