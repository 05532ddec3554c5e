"""Coverage-guided fuzzing of ``newsclean.clean`` with atheris.

The fuzzer's bytes become the page text (decoded one of three ways, so that invalid UTF-8, lone
surrogates and any code point reach clean()); a byte of the data picks the outlet, the URL, and the
normalisation.  Every result must keep the invariants of fuzz/invariants.py (no line lost or invented,
the body made of input lines in order, cleaning the body again changes nothing).  Any exception, a
failed invariant, a hang (-timeout) or a memory blow-up (-rss_limit_mb) is a finding.

    .venv/bin/python fuzz/fuzz_clean.py -max_total_time=60 -timeout=20 fuzz/corpus-clean seeds  # see fuzz/run.sh
"""

from __future__ import annotations

import os
import sys
import warnings

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports(include=["newsclean"]):
    import newsclean
    from newsclean.normalize import Normalization

from invariants import check_article, check_idempotent

OUTLETS: list[str | None] = [None, *newsclean.rulesets(), "no-such-outlet"]
URLS = [None, "https://news.okezone.com/read/2022/01/07/18/1", "https://www.suara.com/news/1", "http://[", "x"]
NORMALIZATIONS = [Normalization(m, s) for m in (True, False) for s in (True, False)]


def text_of(data: bytes, how: int) -> str:
    """The page text: UTF-8 with replacement characters, with lone surrogates for bad bytes, or as code points."""
    if how == 0:
        return data.decode("utf-8", "replace")
    if how == 1:
        return data.decode("utf-8", "surrogateescape")
    return atheris.FuzzedDataProvider(data).ConsumeUnicode(len(data))


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        text, choice = data.decode("latin-1"), 0
    else:
        choice, text = data[0], text_of(data[1:], data[0] % 3)
    outlet = OUTLETS[(choice >> 2) % len(OUTLETS)]
    url = URLS[(choice >> 5) % len(URLS)] if outlet is None else None
    how = NORMALIZATIONS[0] if choice & 0x80 == 0 else NORMALIZATIONS[(choice >> 3) % len(NORMALIZATIONS)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", newsclean.UnknownOutletWarning)
        article = newsclean.clean(text, outlet=outlet, url=url, normalization=how, language=False)
    check_article(text, article, how)
    if how == NORMALIZATIONS[0]:
        check_idempotent(article)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
