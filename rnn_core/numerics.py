"""Pinned CPU numerics: the same settings and seed give the same run on every machine.

torch chooses three code paths from the CPU it runs on: ATen's vector kernels (AVX-512 where the CPU has
it), oneDNN's instruction set (nn.LSTM's fused path) and MKL's code path (every matrix product). Each
rounds float sums its own way: one ulp at epoch 2 becomes another early-stopping epoch, another model and
other numbers on a shared link. Each is read once, when torch loads, from an environment variable, so
this module sets them before anything imports torch: ``rnn_core/__init__.py`` imports it first, and every
entry (the app's packages, the CLI, the benches, the scripts, the tests) imports ``rnn_core`` before torch
(``tests/test_numerics.py`` checks each entry's imports).

The pin is AVX2 (every x86-64 CPU since 2013–2015) with MKL's vendor-neutral path; measured costs are in
the README ("Same run on every machine"). ``RNN_NUMERICS=native`` leaves the CPU's own choices, for
measuring what the pin costs; nothing else may opt out. This module is stdlib only, so it is cheap to
import and safe before torch.
"""

from __future__ import annotations

import os
import platform
import sys
import warnings

PIN = {
    "ATEN_CPU_CAPABILITY": "avx2",  # ATen's vector kernels: AVX2 even on AVX-512 CPUs
    "ONEDNN_MAX_CPU_ISA": "AVX2",  # oneDNN (the fused LSTM): no AVX-512 or AMX kernels
    "MKL_CBWR": "COMPATIBLE",  # MKL: one code path on Intel and AMD alike (conditional reproducibility)
}
OPT_OUT = "RNN_NUMERICS"  # "native": leave the CPU's own choices (benchmarks only)
X86 = frozenset({"x86_64", "amd64", "x64"})

state = "unset"  # pinned | native | late (torch loaded before the pin) | platform (not x86-64: no pin exists)


def pin() -> str:
    """Set the pinned numerics unless torch is already loaded; return (and keep in ``state``) what holds.

    Called once by ``rnn_core/__init__.py``; calling it again is harmless."""
    global state
    if os.environ.get(OPT_OUT, "").lower() == "native":
        state = "native"
        return state
    if platform.machine().lower() not in X86:
        state = "platform"
        return state
    if "torch" in sys.modules and any(os.environ.get(k) != v for k, v in PIN.items()):
        state = "late"
        warnings.warn("torch was imported before rnn_core, so its CPU numerics are not pinned: runs may differ "
                      "from the shipped runs and from other machines. Import rnn_core (or ui) before torch.",
                      RuntimeWarning, stacklevel=3)
        print("rnn_core: NUMERICS NOT PINNED (torch was imported first); see rnn_core/numerics.py",
              file=sys.stderr)
        return state
    os.environ.update(PIN)  # inherited by child processes too (a test's server, a bench's workers)
    state = "pinned"
    return state


def describe() -> dict:
    """What this process computes with, as plain values: the pin's state, the machine, and (once torch is
    loaded) torch's version and the vector kernels it chose. ``fingerprint`` stores this beside its table."""
    info = {"numerics": state, "machine": platform.machine().lower(), "system": platform.system(),
            "cpu": cpu_model(), "cpu_isa": cpu_isa()}
    torch = sys.modules.get("torch")
    if torch is not None:
        info["torch"] = torch.__version__
        info["capability"] = torch.backends.cpu.get_cpu_capability()
    return info


def _cpuinfo(field: str) -> str | None:
    """The first ``field`` line of ``/proc/cpuinfo`` (Linux); None elsewhere or when it has none."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next((line.split(":", 1)[1].strip() for line in f if line.startswith(field)), None)
    except OSError:
        return None


def cpu_isa() -> str:
    """The widest x86 vector set the CPU offers (what torch would use unpinned): AVX512, AVX2 or older."""
    flags = (_cpuinfo("flags") or "").split()
    return "AVX512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "older" if flags else "unknown"


def cpu_model() -> str:
    """The CPU's model name (``/proc/cpuinfo`` on Linux, ``platform.processor()`` elsewhere)."""
    return _cpuinfo("model name") or platform.processor() or "unknown"
