"""The record layout: which of newsclean's fields a record holds, and under which names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.model import Article, Label, Line
from newsclean.record import (
    CLASHES,
    DEFAULT_FIELDS,
    FIELDS,
    ON_REQUEST,
    Layout,
    article_fields,
    count_lines,
    dropped,
    json_value,
    kept_and_dropped,
    record_fields,
)

SEEDS = sorted(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def articles() -> list[newsclean.Article]:
    return [newsclean.clean(path.read_text(encoding="utf-8"), language=False) for path in SEEDS]


def test_default_leaves_out_the_fields_written_on_request(articles: list[newsclean.Article]) -> None:
    record = article_fields(articles[0])
    assert "paragraphs" not in record and "lines" not in record
    assert set(record) == DEFAULT_FIELDS
    assert record["body"] == articles[0].body


def test_fields_come_in_one_order_whatever_is_asked(articles: list[newsclean.Article]) -> None:
    record = article_fields(articles[0], Layout(fields=frozenset(FIELDS)))
    assert list(record) == list(FIELDS)
    assert record["paragraphs"] == list(articles[0].paragraphs)
    assert [line["no"] for line in record["lines"]] == [line.no for line in articles[0].lines]


def test_the_body_goes_under_the_name_asked(articles: list[newsclean.Article]) -> None:
    record = article_fields(articles[1], Layout(body_field="text"))
    assert "body" not in record
    assert record["text"] == articles[1].body


@pytest.mark.parametrize("layout", [
    {"fields": frozenset({"bodies"})},
    {"body_field": ""},
    {"body_field": "title"},
    {"body_field": "lines"},
])
def test_a_layout_that_cannot_be_written_is_refused(layout: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Layout(**layout)  # type: ignore[arg-type]


def test_with_extra_adds_to_the_default() -> None:
    assert Layout.with_extra(["lines"]).fields == DEFAULT_FIELDS | {"lines"}
    assert Layout.with_extra(ON_REQUEST).fields >= ON_REQUEST


@given(st.lists(st.sampled_from(range(len(SEEDS))), min_size=1, max_size=3), st.booleans())
def test_every_character_of_a_page_is_kept_or_dropped(picks: list[int], shuffle: bool) -> None:
    pages = [SEEDS[i].read_text(encoding="utf-8") for i in picks]
    text = "\n".join(reversed(pages) if shuffle else pages)
    article = newsclean.clean(text, language=False)
    kept, dropped = kept_and_dropped(article)
    written = sum(len(line.text) for line in article.lines if line.label is not Label.BLANK)
    assert kept + dropped == written
    assert kept == sum(len(p) for p in article.paragraphs)


def test_values_json_lacks_are_written_as_json_can() -> None:
    import datetime
    import decimal

    assert json_value(datetime.date(2024, 5, 1)) == "2024-05-01"
    assert json_value(datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.UTC)) == "2024-05-01T12:30:00+00:00"
    assert json_value(b"\x00\xff") == "AP8="
    assert json_value(decimal.Decimal("1.50")) == "1.50"


def test_an_input_field_that_clashes_goes_under_input_and_the_consumed_ones_go() -> None:
    item = {"text": "page", "html": "<p>page</p>", "title": "theirs", "url": "u", "id": 5, "source": "s"}
    fields = record_fields("5", item, {"text", "html"}, {"title": "ours", "body": "b"})
    assert fields == {"url": "u", "title": "ours", "body": "b", CLASHES: {"title": "theirs", "id": 5, "source": "s"}}
    assert record_fields("5", {"id": "5", "title": "ours"}, {"text"}, {"title": "ours"}) == {"title": "ours"}


_RULES = ("base.menu", "base.share", "okezone.related", "body.prose", "")


@st.composite
def paged_lines(draw: st.DrawFn) -> tuple[Line, ...]:
    """Lines of any label and rule in any order, some body lines with a dateline prefix cut from their text."""
    lines = []
    for no, (label, rule, text) in enumerate(draw(st.lists(st.tuples(
            st.sampled_from(list(Label)), st.sampled_from(_RULES), st.text(max_size=30)), max_size=40))):
        cut = draw(st.integers(0, len(text))) if label is Label.BODY else 0
        lines.append(Line(no, text, label, rule, text[:cut]))
    return tuple(lines)


@given(paged_lines())
def test_the_line_counts_are_what_the_record_s_fields_say(lines: tuple[Line, ...]) -> None:
    article = Article("", (), None, None, None, None, (), (), (), None, None, None, lines)
    counts = count_lines(article)
    left_out = [line for line in lines if line.label not in (Label.BODY, Label.BLANK)]
    assert counts.kept_chars == sum(len(line.content) for line in lines if line.label is Label.BODY)
    assert counts.dropped_chars == (sum(len(line.text) for line in left_out)
                                    + sum(len(line.prefix) for line in lines if line.label is Label.BODY))
    # per (label, rule), in the order each first comes on the page (the order a run's summary counts them in)
    pairs = [(line.label, line.rule) for line in left_out]
    assert list(counts.dropped.items()) == [(pair, pairs.count(pair)) for pair in dict.fromkeys(pairs)]
    by_label = {label.value: n for label in Label if (n := sum(line.label is label for line in left_out))}
    assert counts.by_label() == dict(sorted(by_label.items()))
    record = article_fields(article)
    assert (record["kept_chars"], record["dropped_chars"]) == kept_and_dropped(article)
    assert record["dropped"] == dropped(article) == counts.by_label()
    assert article_fields(article, counts=counts) == record
