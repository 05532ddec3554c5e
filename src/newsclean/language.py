"""The language of an article body, from a short sample, with langdetect (deterministic)."""

from __future__ import annotations

import threading

#: Characters of the body that the identifier reads; enough for a stable answer, cheap on long bodies.
SAMPLE = 600
#: Bodies shorter than this (in letters) are too short to tell.
MIN_LETTERS = 40

_lock = threading.Lock()


def detect_language(body: str) -> str | None:
    """ISO 639-1 code of ``body`` (``"id"`` for Indonesian), or None when too short to tell."""
    sample = body[:SAMPLE]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    from langdetect import DetectorFactory, detect  # slow import, paid only when asked
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        DetectorFactory.seed = 0
        try:
            code: str = detect(sample)
        except LangDetectException:
            return None
    return code.split("-")[0]
