"""The option identifiers of ``rnn_core.config`` that must not show on a page, and how to find them.

Identifiers that are ordinary English words ("forecast", "square", "default", "scratch" in "Elman
(scratch)" ...) may appear in English prose, so English text is checked against the others only;
Chinese text has no English prose and is checked against all of them except ``tanh``, the function's
own name in both languages.
"""

import re
from dataclasses import fields

from rnn_core.config import PARTS

CHOICES = {f.name: f.metadata["choices"] for _, cls in PARTS for f in fields(cls) if "choices" in f.metadata}
IDENTIFIERS = frozenset(v for values in CHOICES.values() for v in values)
ENGLISH_WORDS = frozenset({"forecast", "denoise", "classify", "adding", "recall", "sine", "square", "sawtooth",
                           "none", "log", "diff", "seasonal", "standard", "scratch", "tanh", "default",
                           "orthogonal", "identity", "spectral", "names", "on", "off"})
MATH_NAMES = frozenset({"tanh"})
# identifiers that are also an English label of their own ("on"/"off" of bidirectional, the labels of the date
# translator's teacher-forcing switch): an English widget may show them
LABEL_WORDS = frozenset({"on", "off"})


def forbidden(lang: str) -> frozenset[str]:
    """The identifiers that may not appear in visible text of language ``lang``."""
    return IDENTIFIERS - (ENGLISH_WORDS if lang == "en" else MATH_NAMES)


def found(text: str, lang: str) -> list[str]:
    """The forbidden identifiers in ``text``, each as a whole word, case-sensitive."""
    return sorted(v for v in forbidden(lang) if re.search(rf"(?<![\w.]){re.escape(v)}(?!\w)", text))
