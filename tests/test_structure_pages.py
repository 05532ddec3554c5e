"""The native structural passes (``newsclean._structure``) give the Python passes' answers on pages made of real
lines in new orders: every line of the gold pages, sampled and shuffled, with blanks and the odd repeat.

The gold pages themselves are compared in tests/test_native.py; these pages put headers, bylines, widgets, captions
and paragraphs next to neighbours they never had, where a port's slip shows.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import native, registry

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")


@cache
def _pages() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.text.split("\n")) for p in (*seed_pages(), *variant_pages(), *scraper_pages(),
                                                      *devset_pages()))


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page: stretches of one or two gold pages, cut, spliced and sprinkled with blank and repeated lines."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        page = draw(st.sampled_from(_pages()))
        start = draw(st.integers(0, len(page) - 1))
        stop = draw(st.integers(start + 1, min(len(page), start + 80)))
        lines.extend(page[start:stop])
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(["", " ", "\u00a0", lines[min(at, len(lines) - 1)]])))
    return "\n".join(lines)


def _record(text: str, outlet: str | None, native_on: bool) -> str:
    previous = native.use(native_on)
    try:
        with registry._lock:
            registry._compiled.clear()
        article = newsclean.clean(text, outlet=outlet, language=False)
        return json.dumps(article.to_dict(lines=True), ensure_ascii=False, sort_keys=True, default=str)
    finally:
        native.use(previous)


@settings(max_examples=150, deadline=None)
@given(pages(), st.sampled_from([None, "generic", "suara", "okezone", "republika", "kompastv", "pikiran-rakyat"]))
def test_a_page_of_gold_lines_in_new_orders_cleans_alike_on_both_paths(text: str, outlet: str | None) -> None:
    assert _record(text, outlet, True) == _record(text, outlet, False)
