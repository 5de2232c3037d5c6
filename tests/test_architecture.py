"""The engine is a plain library: importing it (and running it) never pulls in streamlit."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rnn_core_never_imports_streamlit():
    code = ("import sys, runpy\n"
            "import rnn_core.cli, rnn_core.train, rnn_core.bundle, rnn_core.instrument, rnn_core.series\n"
            "assert 'streamlit' not in sys.modules, 'streamlit was imported'\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    for path in (ROOT / "rnn_core").glob("*.py"):
        text = path.read_text()
        assert "import streamlit" not in text and "from streamlit" not in text, path.name


def test_charts_do_not_import_streamlit_or_torch():
    for path in (ROOT / "charts").glob("*.py"):
        text = path.read_text()
        for lib in ("streamlit", "torch"):
            assert f"import {lib}" not in text and f"from {lib}" not in text, (path.name, lib)


def test_pages_do_not_import_torch():
    for path in [ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py")]:
        text = path.read_text()
        assert "import torch" not in text and "from torch" not in text, path.name
