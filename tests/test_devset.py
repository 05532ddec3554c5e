"""The devset is not a gate on accuracy: every page must clean, and no body text may be lost on the
pages of outlets that have a rule set of their own (okezone, republika)."""

from __future__ import annotations

import warnings
from functools import cache

import pytest

import newsclean
from conftest import DEVSET, Page, devset_pages, fold_all

PAGES = devset_pages()
SITES = ("antaranews", "detik", "kapanlagi", "kompas-com", "liputan6", "okezone", "republika", "tempo", "viva")
MODES = ("detected", "forced")


def _registered(outlet: str) -> bool:
    try:
        newsclean.get(outlet)
    except newsclean.UnknownOutletError:
        return False
    return True


@cache
def cleaned(page: Page, mode: str) -> newsclean.Article:
    if mode == "detected":
        return newsclean.clean(page.text, language=False)
    outlet = page.gold["outlet"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = newsclean.clean(page.text, outlet=outlet, language=False)
    unknown = [w for w in caught if issubclass(w.category, newsclean.UnknownOutletWarning)]
    # forcing a site with no rule set falls back with a warning; forcing a known one must not warn
    assert bool(unknown) is not _registered(outlet)
    return article


cases = pytest.mark.parametrize(
    ("page", "mode"), [(p, m) for p in PAGES for m in MODES], ids=[f"{p.id}-{m}" for p in PAGES for m in MODES]
)


def test_devset_is_complete() -> None:
    # the copy in tests/devset/ must carry every site, or the tests below silently shrink
    assert (DEVSET / "SOURCES.md").is_file()
    assert tuple(sorted({p.site for p in PAGES})) == SITES
    assert len(PAGES) == 25


@cases
def test_page_cleans_with_one_line_per_input_line(page: Page, mode: str) -> None:
    article = cleaned(page, mode)
    assert [line.no for line in article.lines] == list(range(len(page.text.split("\n"))))
    assert len(article.lines) == len(page.gold["labels"])


@pytest.mark.parametrize(
    ("page", "mode"),
    [(p, m) for p in PAGES if p.site in ("okezone", "republika") for m in MODES],
    ids=[f"{p.id}-{m}" for p in PAGES if p.site in ("okezone", "republika") for m in MODES],
)
def test_no_body_paragraph_is_lost(page: Page, mode: str) -> None:
    got = fold_all(cleaned(page, mode).paragraphs)
    # an uncut dateline prefix would not lose text, so a gold paragraph may end an output one
    lost = [p for p in fold_all(page.gold["body"]) if not any(q == p or q.endswith(" " + p) for q in got)]
    assert lost == []
