"""Inputs the fuzz run (fuzz/run.sh) found that break an invariant and are not fixed yet: each a strict xfail, so the
fix is noticed, with the input kept (tests/fuzz_found/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean

FOUND = Path(__file__).resolve().parent / "fuzz_found"


@pytest.mark.xfail(strict=True, reason="found by the CI fuzz run at 10573cc, on both paths: a page of spliced "
                   "suara and mistar lines whose body, cleaned again, loses most of itself (654 -> 148 chars); "
                   "not fixed yet")
def test_cleaning_the_body_of_a_fuzzed_suara_page_again_keeps_it() -> None:
    case = json.loads((FOUND / "idempotence-suara-1.json").read_text(encoding="utf-8"))
    article = newsclean.clean(case["text"], outlet=case["outlet"], url=case["url"], language=False)
    again = newsclean.clean(article.body, outlet=case["outlet"], url=case["url"], language=False)
    assert again.body == article.body
