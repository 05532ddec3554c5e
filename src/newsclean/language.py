"""The language of an article body, from a short sample, with a choice of identifier.

* ``langdetect`` (the default): langdetect's detection, deterministic here (fixed seed).
  It runs on langdetect-rs (a default dependency, Apache-2.0: langdetect's own algorithm in
  Rust, the same language and the same probabilities bit for bit) in about 35-60 µs a page on
  its 600-character sample; where langdetect-rs has no wheel (or fails to import) it falls
  back to the pure-Python langdetect, about 2 ms a page, and says so once with a
  :class:`LanguageBackendWarning`.  langdetect stays a dependency: langdetect-rs reads its
  profile order from it to match it exactly.  :func:`langdetect_backend` names the one in use.
* ``cld2`` (``pip install 'newsclean[cld2]'``, the ``pycld2`` binding of Compact
  Language Detector 2, Apache-2.0): about 70 µs a page, as fast as langdetect-rs and
  forty times faster than the pure-Python langdetect, but another algorithm: on the
  bodies of the seed and devset pages it agrees with langdetect on Indonesian except
  where English names fill a caption.

Both read the same sample and answer an ISO 639-1 code (``"id"``), or None when the
body is too short to tell, with a confidence between 0 and 1 (:class:`Guess`):

* langdetect: the probability langdetect gives its top language (``detect_langs()[0].prob``; the
  same number from langdetect-rs and langdetect).
* cld2: the share of the sample's text CLD2 gives to its top language (its ``percent`` / 100).
  CLD2 has no probability: its own ``score`` is a raw score per KB of text with no fixed scale,
  so the share of text is the closest to "how much of this is that language".
"""

from __future__ import annotations

import importlib
import re
import threading
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import NamedTuple

#: Characters of the body that the identifier reads; enough for a stable answer, cheap on long bodies.
SAMPLE = 600
#: Bodies shorter than this (in letters) are too short to tell.
MIN_LETTERS = 40
#: The identifiers ``clean(language=...)`` accepts by name; ``True`` means the first.
IDENTIFIERS = ("langdetect", "cld2")

_lock = threading.Lock()
# what CLD2 refuses as input: lone surrogates (not encodable as UTF-8) and control characters
_UNENCODABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")



class Guess(NamedTuple):
    """A body's language as an ISO 639-1 code, and the identifier's confidence in it, from 0 to 1."""

    code: str
    probability: float


Identifier = Callable[[str], "Guess | None"]

#: The module that runs the ``langdetect`` identifier (``langdetect_rs`` or ``langdetect``), chosen at first use.
_chosen: ModuleType | None = None


class LanguageBackendWarning(UserWarning):
    """langdetect-rs is missing, so the ``langdetect`` identifier runs on the slower pure-Python langdetect."""


def identifier(language: bool | str) -> Identifier | None:
    """The function that names a body's language (a :class:`Guess`, or None when the body is too short to tell)
    for ``clean(language=...)``; None for ``False``.

    Raises ``ValueError`` for a name not in :data:`IDENTIFIERS`, and ``ImportError``
    (saying which extra to install) when the identifier's package is missing.
    """
    if language is False:
        return None
    name = IDENTIFIERS[0] if language is True else language
    if name == "langdetect":
        return _langdetect
    if name == "cld2":
        _require_cld2()
        return _cld2
    raise ValueError(f"unknown language identifier {language!r}: choose one of {', '.join(IDENTIFIERS)}")


def detect_language(body: str, using: bool | str = True) -> str | None:
    """ISO 639-1 code of ``body`` (``"id"`` for Indonesian), or None when too short to tell."""
    guess = identify_language(body, using)
    return None if guess is None else guess.code


def identify_language(body: str, using: bool | str = True) -> Guess | None:
    """The language of ``body`` with the identifier's confidence in it, or None when too short to tell."""
    found = identifier(using)
    return None if found is None else found(body)


def _sample(body: str) -> str | None:
    """The body's opening, when it holds enough letters to tell its language by."""
    sample = body[:SAMPLE]
    letters = 0
    for c in sample:  # counted only up to the least needed: a body reaches it in its first words
        if c.isalpha():
            letters += 1
            if letters >= MIN_LETTERS:
                return sample
    return None


def langdetect_backend() -> str:
    """The package that runs the ``langdetect`` identifier here: ``"langdetect-rs"`` or ``"langdetect"``."""
    return "langdetect-rs" if _backend().__name__ == "langdetect_rs" else "langdetect"


def _backend() -> ModuleType:
    """langdetect_rs where it imports, else langdetect (with one warning); imported at first use, not before."""
    global _chosen
    with _lock:
        if _chosen is None:
            try:
                chosen = importlib.import_module("langdetect_rs")
            except ImportError as exc:
                chosen = importlib.import_module("langdetect")  # slow import, paid only when asked
                warnings.warn(f"langdetect-rs is not available ({exc}): language identification runs on the "
                              "pure-Python langdetect, same answers, about 50 times slower; "
                              "pip install langdetect-rs for the fast path", LanguageBackendWarning, stacklevel=2)
            _chosen = chosen
        return _chosen


def _langdetect(body: str) -> Guess | None:
    sample = _sample(body)
    return None if sample is None else _detect(_backend(), sample)


def _detect(backend: ModuleType, sample: str) -> Guess | None:
    """langdetect's top language for ``sample`` from ``backend`` (langdetect_rs or langdetect), with the fixed seed.

    ``detect()`` is the first of ``detect_langs()`` (or "unknown" when no language reaches langdetect's 0.1 floor,
    which is no answer here either), so one call gives the language and its probability.
    """
    with _lock:
        backend.DetectorFactory.seed = 0
        try:
            ranked = backend.detect_langs(sample)
        except backend.LangDetectException:
            return None
    if not ranked:
        return None
    code: str = ranked[0].lang
    return Guess(code.split("-")[0], float(ranked[0].prob))


def _require_cld2() -> None:
    try:
        import pycld2  # noqa: F401
    except ImportError as exc:
        raise ImportError("language identifier 'cld2' needs pycld2: pip install 'newsclean[cld2]'") from exc


def _cld2(body: str) -> Guess | None:
    sample = _sample(body)
    if sample is None:
        return None
    import pycld2

    try:
        _, _, details = pycld2.detect(_UNENCODABLE.sub(" ", sample), bestEffort=True)
    except pycld2.error:  # input CLD2 still refuses: no answer rather than a failed page
        return None
    _, code, percent, _ = details[0]
    return None if code == "un" else Guess(str(code).split("-")[0], percent / 100)
