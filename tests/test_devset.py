"""The devset (tests/devset: 25 whole pages of 2015-2017 and 84 real pages of 2009-2026, 40 sites): every page
must clean, none may be taken for the wrong outlet, and no body text may be lost on the 2015-2017 pages of outlets
that have a rule set of their own (okezone, republika). Exact bodies are checked on every page in
test_devset_gold.py, where the pages known to fail are listed with the reason."""

from __future__ import annotations

import warnings
from functools import cache

import pytest

import newsclean
from conftest import DEVSET, Page, devset_pages, fold_all

PAGES = devset_pages()
SITES = (
    "aktual", "akuprim", "alinea", "antaranews", "bisnis", "bolanas", "bolasport", "cnbcindonesia", "cnnindonesia",
    "detik", "diadona", "fajar", "grid", "idntimes", "indozone", "inews", "jagodangdut", "jatimnow", "jogjakota-go-id",
    "jogya-com", "jpnn", "kapanlagi", "katadata", "kompas-com", "kompastv", "kontan", "liputan6", "medcom",
    "mediaindonesia", "merdeka", "mistar", "okezone", "pikiran-rakyat", "radarjogja", "republika", "rmol", "suara",
    "tempo", "tribunnews", "viva",
)
# The pages of 2015-2017 (anpandu's fixtures): whole pages.
WHOLE = tuple(p for p in PAGES if p.name.startswith("anpandu-"))
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
    assert len(PAGES) == 109
    assert len(WHOLE) == 25


def test_the_held_out_fold_names_devset_pages() -> None:
    listed = [line for line in (DEVSET / "HELDOUT.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert len(listed) == 28
    assert all((DEVSET / name).is_file() for name in listed)


@pytest.mark.parametrize("page", PAGES, ids=[p.id for p in PAGES])
def test_no_page_is_taken_for_the_wrong_outlet(page: Page) -> None:
    # a page of a site without a rule set may stay generic, and a page with no mark of its outlet may too,
    # but naming an outlet must name the right one
    outlet = cleaned(page, "detected").outlet
    assert outlet is None or outlet == newsclean.get(page.gold["outlet"]).name


@cases
def test_page_cleans_with_one_line_per_input_line(page: Page, mode: str) -> None:
    article = cleaned(page, mode)
    assert [line.no for line in article.lines] == list(range(len(page.text.split("\n"))))
    assert len(article.lines) == len(page.gold["labels"])


@pytest.mark.parametrize(
    ("page", "mode"),
    [(p, m) for p in WHOLE if p.site in ("okezone", "republika") for m in MODES],
    ids=[f"{p.id}-{m}" for p in WHOLE if p.site in ("okezone", "republika") for m in MODES],
)
def test_no_body_paragraph_is_lost(page: Page, mode: str) -> None:
    got = fold_all(cleaned(page, mode).paragraphs)
    # an uncut dateline prefix would not lose text, so a gold paragraph may end an output one
    lost = [p for p in fold_all(page.gold["body"]) if not any(q == p or q.endswith(" " + p) for q in got)]
    assert lost == []
