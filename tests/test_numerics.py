"""The CPU numerics are pinned before torch loads, in every entry: the app's pages, the CLI, the benches, the
scripts and the suite; torch loaded first is said loudly; a user's own kernel choice cannot undo the pin."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rnn_core import numerics

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = sorted([ROOT / "streamlit_app.py", ROOT / "rnn_core" / "__main__.py", ROOT / "tests" / "conftest.py",
                  *(ROOT / "pages").glob("*.py"), *(ROOT / "bench").glob("*.py"), *(ROOT / "scripts").glob("*.py")])

# Run in a fresh interpreter: each entry's top-level imports (and its sys.path edits), in a child forked per
# entry, with an import hook
# that stops at the first import of torch and reports whether the pin had run by then. torch itself never
# loads, so the whole check takes about a second.
CHECK = r"""
import ast, json, os, sys
import numpy, pandas, plotly.graph_objects, streamlit  # torch-free, shared by the children
class Reached(BaseException):
    pass
class Hook:
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            mod = sys.modules.get("rnn_core.numerics")
            raise Reached(mod.state if mod else "not imported")
out = {}
for f in json.loads(sys.argv[1]):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        sys.meta_path.insert(0, Hook())
        sys.path.insert(0, os.path.dirname(f))
        said, scope = "no torch", {"__name__": "entry_check", "__file__": f}
        try:
            for node in ast.parse(open(f, encoding="utf-8").read()).body:
                text = ast.unparse(node)
                path_edit = "sys.path" in text or isinstance(node, ast.Assign) and text.startswith("ROOT")
                if isinstance(node, (ast.Import, ast.ImportFrom)) or path_edit:
                    exec(compile(ast.Module([node], []), f, "exec"), scope)
            mod = sys.modules.get("rnn_core.numerics")
            said += ", pinned" if mod and mod.state == "pinned" else ""
        except Reached as e:
            said = "torch after: " + str(e)
        except Exception as e:
            said = "error: " + repr(e)
        os.write(w, said.encode())
        os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    out[f] = os.read(r, 4096).decode()
print(json.dumps(out))
"""


def _clean_env(**extra) -> dict:
    """This process's environment without the pin (the suite's own conftest set it), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in numerics.PIN and k != numerics.OPT_OUT}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the check forks a child per entry")
def test_every_entry_pins_the_numerics_before_anything_imports_torch():
    run = subprocess.run([sys.executable, "-c", CHECK, json.dumps([str(p) for p in ENTRIES])], cwd=ROOT,
                         env=_clean_env(), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    bad = {Path(f).relative_to(ROOT).as_posix(): said for f, said in seen.items()
           if said not in ("torch after: pinned", "no torch", "no torch, pinned")}
    assert not bad, f"entries that import torch before rnn_core (or fail to import): {bad}"
    assert seen[str(ROOT / "tests" / "conftest.py")] == "no torch, pinned"  # the suite: before any test module
    assert len(seen) == len(ENTRIES) > 20


def test_torch_first_is_said_loudly_and_rnn_core_first_pins():
    late = subprocess.run([sys.executable, "-c", "import torch, rnn_core; print(rnn_core.numerics.state)"],
                          cwd=ROOT, env=_clean_env(), capture_output=True, text=True, timeout=120)
    assert late.stdout.split()[-1] == "late" and "NUMERICS NOT PINNED" in late.stderr
    assert "RuntimeWarning" in late.stderr
    code = ("import rnn_core, os, torch; from rnn_core.numerics import PIN; "
            "print(rnn_core.numerics.state, torch.backends.cpu.get_cpu_capability(), "
            "all(os.environ[k] == v for k, v in PIN.items()))")
    # a user's own choice of kernels (here: the widest there are) cannot undo the pin
    env = _clean_env(ATEN_CPU_CAPABILITY="avx512", ONEDNN_MAX_CPU_ISA="ALL", MKL_CBWR="AUTO")
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=120)
    state, capability, env_pinned = first.stdout.split()
    assert (state, env_pinned) == ("pinned", "True"), first.stderr[-2000:]
    if numerics.cpu_isa() in ("AVX2", "AVX512"):
        assert capability == "AVX2"


def test_the_suite_itself_runs_pinned():
    import torch

    assert numerics.state == "pinned", "tests/conftest.py must import rnn_core before any test module loads torch"
    assert all(os.environ[k] == v for k, v in numerics.PIN.items())
    if numerics.cpu_isa() in ("AVX2", "AVX512"):
        assert torch.backends.cpu.get_cpu_capability() == "AVX2"
    info = numerics.describe()
    assert info["numerics"] == "pinned" and info["torch"] == torch.__version__ and info["cpu"]


PROBE_CODE = ("import json, rnn_core; from rnn_core.fingerprint import probe; p = probe(); "
              "print(json.dumps([p.same, p.differs, p.here]))")


@pytest.mark.slow  # two fresh interpreters with torch, side by side: about 10 s on two busy cores
def test_the_pin_decides_the_numbers_not_the_hardware():
    """Asking for the CPU's widest kernels changes nothing under the pin (the probe still matches the table);
    on an AVX-512 machine the unpinned numerics do give other numbers, so the pin is what makes them equal."""
    wide = dict(ATEN_CPU_CAPABILITY="avx512", ONEDNN_MAX_CPU_ISA="ALL", MKL_CBWR="AUTO")
    runs = {name: subprocess.Popen([sys.executable, "-c", PROBE_CODE], cwd=ROOT, env=_clean_env(**env),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name, env in (("asked_wide", wide), ("native", {numerics.OPT_OUT: "native"}))}
    out = {name: p.communicate(timeout=300) for name, p in runs.items()}
    same, differs, here = json.loads(out["asked_wide"][0].strip().splitlines()[-1])
    assert same and not differs and here["numerics"] == "pinned", out["asked_wide"][1][-2000:]
    same, differs, here = json.loads(out["native"][0].strip().splitlines()[-1])
    assert here["numerics"] == "native"
    if numerics.cpu_isa() == "AVX512":
        assert not same and "lstm" in differs, "unpinned AVX-512 kernels gave the pinned numbers: is the pin needed?"
