"""The hosting files agree with each other and with this environment (the offline resolution proof is
``scripts/check_hosting.sh``; a container cannot be built here)."""

import re
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _lines(name: str) -> list[str]:
    return [ln.split("#")[0].strip() for ln in (ROOT / name).read_text().splitlines() if ln.split("#")[0].strip()]


def test_requirements_take_torch_from_the_cpu_index_at_the_installed_version():
    lines = _lines("requirements.txt")
    assert f"--extra-index-url {CPU_INDEX}" in lines
    linux = [ln for ln in lines if ln.startswith("torch==") and 'sys_platform == "linux"' in ln]
    other = [ln for ln in lines if ln.startswith("torch==") and 'sys_platform != "linux"' in ln]
    assert len(linux) == 1 and len(other) == 1, lines
    pin = re.match(r"torch==(\S+)", linux[0]).group(1)
    assert pin.endswith("+cpu") and torch.__version__ == pin  # the tests run on the build a host installs
    assert other[0].startswith(f"torch=={pin.removesuffix('+cpu')} ")
    assert "-r requirements.txt" in _lines("requirements-dev.txt")


def test_the_container_serves_the_app_as_a_user_on_port_with_a_health_check():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.12-slim$", text, re.M)
    assert "pip install -r requirements.txt" in text and "COPY requirements.txt" in text
    user = re.findall(r"^USER (\S+)$", text, re.M)
    assert user and user[-1] not in ("root", "0")
    assert "/_stcore/health" in re.search(r"^HEALTHCHECK .*(?:\n .*)*", text, re.M).group(0)
    cmd = re.search(r"^CMD (.*)$", text, re.M).group(1)
    assert "streamlit run streamlit_app.py" in cmd and "--server.port=${PORT:-8501}" in cmd
    assert "--server.address=0.0.0.0" in cmd
    ignored = set(_lines(".dockerignore"))
    assert {".git", ".venv", "tests"} <= ignored and not ignored & {".streamlit", "assets", "pages", "ui"}
