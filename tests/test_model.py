"""The frozen records every stage passes along: Label, Line, Article, and clean()'s argument checks."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import newsclean
from conftest import Page, seed_pages
from newsclean import Article, Label, Line

LABELS_MD = {"body", "title", "subtitle", "meta", "caption", "related", "nav", "ad", "promo", "ui", "blank"}


def test_labels_are_those_of_labels_md() -> None:
    # LABELS.md names ten labels for non-blank lines; the gold marks blank lines "blank"
    assert {label.value for label in Label} == LABELS_MD


@pytest.mark.parametrize("value", sorted(LABELS_MD))
def test_a_label_is_its_string(value: str) -> None:
    label = Label(value)
    assert (label == value, str(label), f"{label}", json.dumps(label)) == (True, value, value, json.dumps(value))


def test_line_content_is_the_text_after_its_prefix() -> None:
    line = Line(3, "ALMATY – Kerusuhan pecah", Label.BODY, "base.city", prefix="ALMATY – ")
    assert line.content == "Kerusuhan pecah"
    assert Line(4, "Kerusuhan pecah", Label.BODY, "structure.body").content == "Kerusuhan pecah"


def test_line_to_dict_shows_the_prefix_only_when_there_is_one() -> None:
    plain = Line(0, "Advertisement", Label.AD, "base.advertisement")
    assert plain.to_dict() == {"no": 0, "text": "Advertisement", "label": "ad", "rule": "base.advertisement"}
    lead = Line(5, "JAKARTA - Harga naik.", Label.BODY, "base.city", prefix="JAKARTA - ")
    assert lead.to_dict() == {"no": 5, "text": "JAKARTA - Harga naik.", "label": "body", "rule": "base.city",
                              "prefix": "JAKARTA - "}


def test_records_are_frozen_and_slotted() -> None:
    line = Line(0, "x", Label.UI, "base.punctuation")
    article = newsclean.clean("Advertisement", language=False)
    for record, field in ((line, "text"), (article, "body")):
        # a frozen dataclass raises FrozenInstanceError, a named tuple plain AttributeError (its base)
        with pytest.raises(AttributeError):
            setattr(record, field, "changed")
        assert not hasattr(record, "__dict__")
    assert hash(line) == hash(Line(0, "x", Label.UI, "base.punctuation"))


def _article(published: dt.datetime | dt.date | None) -> Article:
    return Article(body="Harga naik.\n\nKata dia.", paragraphs=("Harga naik.", "Kata dia."), outlet="okezone",
                   title="Harga Naik", subtitle=None, published=published, authors=("Rahman Asmardika",),
                   editors=(), sources=("Reuters",), dateline="JAKARTA", language="id",
                   language_probability=0.99, lines=(Line(0, "Harga naik.", Label.BODY, "structure.body"),))


@pytest.mark.parametrize(("published", "iso"), [
    (dt.datetime(2022, 1, 7, 5, 52, tzinfo=dt.timezone(dt.timedelta(hours=7))), "2022-01-07T05:52:00+07:00"),
    (dt.date(2022, 1, 7), "2022-01-07"),
    (None, None),
])
def test_article_to_dict_gives_gold_style_published(published: dt.datetime | dt.date | None, iso: str | None) -> None:
    assert _article(published).to_dict()["published"] == iso


def test_article_to_dict_fields_and_lines_switch() -> None:
    article = _article(None)
    full, short = article.to_dict(), article.to_dict(lines=False)
    assert full["lines"] == [{"no": 0, "text": "Harga naik.", "label": "body", "rule": "structure.body"}]
    assert "lines" not in short
    assert short == {"outlet": "okezone", "title": "Harga Naik", "subtitle": None, "published": None,
                     "authors": ["Rahman Asmardika"], "editors": [], "sources": ["Reuters"], "dateline": "JAKARTA",
                     "language": "id", "language_probability": 0.99, "paragraphs": ["Harga naik.", "Kata dia."],
                     "body": "Harga naik.\n\nKata dia."}


@pytest.mark.parametrize("page", seed_pages(), ids=[p.id for p in seed_pages()])
def test_a_cleaned_page_is_json_ready(page: Page) -> None:
    article = newsclean.clean(page.text)
    data = json.loads(json.dumps(article.to_dict()))
    assert data["body"] == article.body == "\n\n".join(data["paragraphs"])
    assert [line["no"] for line in data["lines"]] == list(range(len(article.lines)))


@pytest.mark.parametrize("text", [b"Harga naik.", None, 42, ["Harga naik."]])
def test_clean_refuses_what_is_not_a_str(text: object) -> None:
    with pytest.raises(TypeError):
        newsclean.clean(text)  # type: ignore[arg-type]


def test_language_identification_can_be_skipped() -> None:
    page = seed_pages()[0]
    assert newsclean.clean(page.text, language=False).language is None
    assert newsclean.clean(page.text).language is not None
