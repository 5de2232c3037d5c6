"""The engine is a plain library: importing it (and running it) never pulls in streamlit."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(path: Path) -> set[str]:
    """Top-level package names a module imports (code only, not text inside strings)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_rnn_core_never_imports_streamlit():
    code = ("import sys, runpy\n"
            "import rnn_core.cli, rnn_core.train, rnn_core.bundle, rnn_core.instrument, rnn_core.series,"
            " rnn_core.csv_series\n"
            "assert 'streamlit' not in sys.modules, 'streamlit was imported'\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    for path in (ROOT / "rnn_core").glob("*.py"):
        assert "streamlit" not in imports(path), path.name


def test_charts_do_not_import_streamlit_or_torch():
    for path in (ROOT / "charts").glob("*.py"):
        assert not imports(path) & {"streamlit", "torch", "rnn_core", "ui"}, path.name


def test_pages_do_not_import_torch():
    for path in [ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py")]:
        assert "torch" not in imports(path), path.name
