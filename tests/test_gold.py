"""Gold tests: every seed page, and every page written to the outlets' other templates
(tests/variants), cleans to exactly its gold body and metadata, outlet detected or forced."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

import newsclean
from conftest import Page, fold, fold_all, scraper_pages, seed_pages, variant_pages
from newsclean import native

SEEDS = seed_pages()
GOLD = (*SEEDS, *variant_pages())
# Pages whose scraper joined a header's parts on one line ("News | Nasional | Headline | Writer | Date") hold
# their metadata inside lines newsclean labels whole: bodies are checked on all of them, metadata on GOLD only
# (a limitation the README states).
BODIES = (*GOLD, *scraper_pages())
MODES = ("detected", "forced")
OUTLETS_WITH_RULES = {"suara", "kompastv", "republika", "pikiran-rakyat", "okezone"}


def cleaned(page: Page, mode: str) -> newsclean.Article:
    return _cleaned(page, mode, native.enabled())  # once per matching path (conftest.matching)


@cache
def _cleaned(page: Page, mode: str, path: bool) -> newsclean.Article:
    outlet = page.gold["outlet"] if mode == "forced" else None
    return newsclean.clean(page.text, outlet=outlet)


def as_published(value: str | None) -> dt.datetime | dt.date | None:
    """The gold's ISO string as the value ``Article.published`` should hold."""
    if value is None:
        return None
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def _shape(value: dt.datetime | dt.date | None) -> tuple[object, ...]:
    # == alone would call 05:52+07:00 and 22:52+00:00 equal; the page's zone must survive too
    offset = value.utcoffset() if isinstance(value, dt.datetime) else None
    return type(value).__name__, value, offset


cases = pytest.mark.parametrize(
    ("page", "mode"), [(p, m) for p in GOLD for m in MODES], ids=[f"{p.id}-{m}" for p in GOLD for m in MODES]
)


def test_there_is_a_seed_and_a_variant_for_every_outlet_with_rules() -> None:
    # guards the parametrised tests below against an empty or partial seed or variant directory
    assert {newsclean.get(p.gold["outlet"]).name for p in SEEDS} == OUTLETS_WITH_RULES
    assert {newsclean.get(p.gold["outlet"]).name for p in variant_pages()} == OUTLETS_WITH_RULES


@pytest.mark.parametrize(
    ("page", "mode"), [(p, m) for p in BODIES for m in MODES], ids=[f"{p.id}-{m}" for p in BODIES for m in MODES]
)
def test_body_is_the_gold_body(page: Page, mode: str) -> None:
    assert fold_all(cleaned(page, mode).paragraphs) == fold_all(page.gold["body"])


@cases
def test_outlet_is_the_gold_outlet(page: Page, mode: str) -> None:
    # the gold may name a site by an alias ("suarajogja"); the article names the rule set
    assert cleaned(page, mode).outlet == newsclean.get(page.gold["outlet"]).name


@cases
@pytest.mark.parametrize("field", ["title", "subtitle", "dateline"])
def test_text_field_is_the_gold_one(page: Page, mode: str, field: str) -> None:
    got, want = getattr(cleaned(page, mode), field), page.gold[field]
    assert (None if got is None else fold(got)) == (None if want is None else fold(want))


@cases
@pytest.mark.parametrize("field", ["authors", "editors", "sources"])
def test_names_are_the_gold_ones(page: Page, mode: str, field: str) -> None:
    assert fold_all(getattr(cleaned(page, mode), field)) == fold_all(page.gold[field])


@cases
def test_published_is_the_gold_time(page: Page, mode: str) -> None:
    assert _shape(cleaned(page, mode).published) == _shape(as_published(page.gold["published"]))


# Line labels are checked on the seeds' official gold only: the variant pages' labels are our own
# annotation, and labels are a report, not the product (body and metadata are checked on all).
@pytest.mark.parametrize(
    ("page", "mode"), [(p, m) for p in SEEDS for m in MODES], ids=[f"{p.id}-{m}" for p in SEEDS for m in MODES]
)
def test_line_labels_are_the_gold_labels(page: Page, mode: str) -> None:
    got = [line.label.value for line in cleaned(page, mode).lines]
    wrong = [(i, want, have) for i, (want, have) in enumerate(zip(page.gold["labels"], got, strict=True))
             if want != have]
    assert wrong == []


@pytest.mark.parametrize("page", SEEDS, ids=[p.id for p in SEEDS])
def test_seed_language_is_indonesian(page: Page) -> None:
    assert cleaned(page, "detected").language == "id"
