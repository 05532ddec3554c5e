"""The native record writer (``newsclean._structure``: ``article_json``, ``count_lines`` and ``json_text``) against
record.py's, the reference: the same JSON text, byte for byte, and the same line counts, for every gold page in
every layout, for articles full of odd characters, and for any JSON value a passed-through field can hold; and the
records every entry point writes (``Result.to_line``, a worker's ``render_result`` spliced by ``source_line``) the
same as ``to_line(Result.to_dict())`` on both paths."""

from __future__ import annotations

import datetime
import decimal
import math
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsclean
from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import native, record
from newsclean.batch import Result
from newsclean.corpus.output import render_result, source_line
from newsclean.model import Article, Label, Line
from newsclean.record import FIELDS, Counts, Layout, columns, to_line
from newsclean.settings import Settings

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

# what json and to_line escape or keep: quotes, backslashes, every kind of line end and control character, DEL,
# lone surrogates (high, low, and a pair as two code points), non-ASCII of every width
_ODD = ['"', "\\", "\n", "\r", "\t", "\b", "\f", "\x00", "\x01", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\ud800",
        "\udbff", "\udc00", "\udfff", "\ud83d\ude00", "é", "ÿ", "\u0100", "“", "”", "\uffff", "\U0001f600", "/", "<",
        "\\u0041", " ", "a", "Z", "0"]
TEXT = (st.lists(st.sampled_from(_ODD), max_size=30).map("".join)
        | st.text(alphabet=st.characters(exclude_categories=()), max_size=40)
        | st.text(max_size=20))
LAYOUTS = [
    Layout(),
    Layout.with_extra(["lines", "paragraphs"]),
    Layout(body_field="text"),
    Layout(fields=frozenset()),
    Layout(fields=frozenset({"body"}), body_field="content"),
    Layout(fields=frozenset(FIELDS), body_field='b"\\\u00e9\ud800\n'),
    Layout(fields=frozenset({"lines"})),
    Layout(fields=frozenset({"dropped", "kept_chars", "from_html", "published", "language_probability"})),
]


def _same(article: Article, cols: tuple[tuple[str, str], ...], from_html: Any) -> None:
    expected = record._article_json(article, cols, from_html)
    got = native.structure().article_json(article, cols, from_html)
    assert type(got) is tuple and type(got[0]) is str and type(got[1]) is Counts
    assert got[0] == expected[0]
    assert got[1] == expected[1]
    assert list(got[1].dropped.items()) == list(expected[1].dropped.items())  # in the same order
    counted = native.structure().count_lines(article)  # the same pass alone (record.count_lines)
    assert type(counted) is Counts and counted == expected[1]
    assert list(counted.dropped.items()) == list(expected[1].dropped.items())


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    pages = (*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages())
    return [newsclean.clean(page.text, language=False) for page in pages]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: ",".join(sorted(layout.fields)) or "none")
def test_every_gold_page_is_written_alike(articles: list[Article], layout: Layout) -> None:
    for article in articles:
        for from_html in (False, True):
            _same(article, columns(layout), from_html)


def test_the_gold_pages_language_fields_are_written_alike(articles: list[Article]) -> None:
    # clean(language=False) leaves them None: give them a language and a probability of every kind
    for article, probability in zip(articles, [0.9999957, 1.0, 0.5, 1e-300, 0.1 + 0.2, 2 / 3], strict=False):
        article = Article(**{**{f: getattr(article, f) for f in Article.__slots__}, "language": "id",
                             "language_probability": probability})
        _same(article, columns(Layout(fields=frozenset(FIELDS))), False)


@st.composite
def lines(draw: st.DrawFn) -> tuple[Line, ...]:
    """Lines of every label, odd text and rule names, some body lines with a dateline prefix (some longer than
    their text, which count_lines allows)."""
    out = []
    for no, (label, rule, text) in enumerate(draw(st.lists(st.tuples(
            st.sampled_from(list(Label)), st.sampled_from(["base.menu", "body.prose", "", 'a"\ud800']) | TEXT,
            TEXT), max_size=30))):
        prefix = draw(st.sampled_from(["", text[:3], text, text + "x"])) if label is Label.BODY else ""
        out.append(Line(draw(st.sampled_from([no, -no, 2**70 + no])), text, label, rule, prefix))
    return tuple(out)


OPTIONAL = st.none() | TEXT
STRINGS = st.lists(TEXT, max_size=4).map(tuple)
PUBLISHED = (st.none() | st.dates() | st.datetimes()
             | st.datetimes(timezones=st.just(datetime.timezone(datetime.timedelta(hours=7)))))
PROBABILITY = st.none() | st.floats(allow_nan=True, allow_infinity=True) | st.just(1)


@st.composite
def articles_of(draw: st.DrawFn) -> Article:
    return Article(draw(TEXT), draw(STRINGS), draw(OPTIONAL), draw(OPTIONAL), draw(OPTIONAL), draw(PUBLISHED),
                   draw(STRINGS), draw(STRINGS), draw(STRINGS), draw(OPTIONAL), draw(OPTIONAL), draw(PROBABILITY),
                   draw(lines()))


@st.composite
def any_columns(draw: st.DrawFn) -> tuple[tuple[str, str], ...]:
    """Any of FIELDS in any order under any names, each name once (as a Layout has it): the writer follows what
    record.columns gives it."""
    names = draw(st.permutations(FIELDS))[: draw(st.integers(0, len(FIELDS)))]
    keys = draw(st.lists(TEXT, min_size=len(names), max_size=len(names), unique=True))
    return tuple((name, name if draw(st.booleans()) and name not in keys else key)
                 for name, key in zip(names, keys, strict=True))


@settings(max_examples=300)
@given(articles_of(), st.sampled_from(LAYOUTS), st.sampled_from([False, True]))
@example(Article("", (), None, None, None, None, (), (), (), None, None, None, ()), Layout(), False)
def test_any_article_is_written_alike(article: Article, layout: Layout, from_html: bool) -> None:
    _same(article, columns(layout), from_html)


@settings(max_examples=150)
@given(articles_of(), any_columns(), st.sampled_from([False, True, None, 1, "yes"]))
def test_any_columns_are_written_alike(article: Article, cols: tuple[tuple[str, str], ...], from_html: Any) -> None:
    _same(article, cols, from_html)


def _article(**values: Any) -> Article:
    """An article of empty fields but ``values``, of any type (what a caller may hand over, typed or not)."""
    empty: dict[str, Any] = {"body": "", "paragraphs": (), "outlet": None, "title": None, "subtitle": None,
                             "published": None, "authors": (), "editors": (), "sources": (), "dateline": None,
                             "language": None, "language_probability": None, "lines": ()}
    return Article(**{**empty, **values})


def test_what_the_writer_does_not_write_the_reference_answers() -> None:
    odd = _article(body="b", lines=(Line(0, "x", Label.NAV, "r"), (1, "y", Label.NAV, "r", "")))  # counted alike
    _same(odd, columns(Layout()), False)
    _same(_article(body=type("Text", (str,), {})("b")), columns(Layout()), False)
    _same(_article(paragraphs=["p1", "p2"], authors=["a"]), columns(Layout.with_extra(["paragraphs"])), False)
    _same(_article(paragraphs="p1", authors="ab"), columns(Layout.with_extra(["paragraphs"])), False)  # list("ab")
    written_otherwise = type("Written", (Article,), {"to_dict": lambda self, lines=True: {
        **Article.to_dict(self, lines=lines), "title": "changed"}})
    _same(written_otherwise(**{f: getattr(_article(title="t"), f) for f in Article.__slots__}), columns(Layout()),
          False)
    many = _article(lines=tuple(Line(k, "x", Label.NAV, f"rule{k}") for k in range(600)))  # past the writer's bound
    _same(many, columns(Layout()), False)
    # what the reference raises, the native writer raises (it hands such an article over)
    for article, cols in [
        (odd, columns(Layout.with_extra(["lines"]))),  # a plain tuple has no to_dict()
        (_article(lines=(Line(0, "x", "nav", "r"),)), columns(Layout())),  # type: ignore[arg-type]
        (_article(published="2024"), columns(Layout())),
        (_article(), (("bodies", "b"),)),
    ]:
        with pytest.raises(Exception) as expected:
            record._article_json(article, cols, False)
        with pytest.raises(expected.type):
            native.structure().article_json(article, cols, False)


# ---------------------------------------------------------------------------------------------------------------
# any JSON value, as a passed-through field holds it

SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=2**63 - 2, max_value=2**80)
           | st.integers(max_value=-(2**63) + 2, min_value=-(2**80)) | st.floats() | TEXT
           | st.sampled_from([0.0, -0.0, 1e16, 1e-7, 123456789.0, 1.5e300, math.inf, -math.inf, math.nan]))
# what json has no type for, or writes its own way: json_value's types, subclasses, keys that are not str
UNWRITTEN = st.sampled_from([datetime.date(2024, 5, 1), datetime.datetime(2024, 5, 1, 12, 30), b"\x00\xff",
                             bytearray(b"ab"), decimal.Decimal("1.50"), {1, 2}, frozenset(), object, Label.BODY,
                             MappingProxyType({"a": 1}), {1: "int key"}, {None: 0, True: 1, 2.5: 2}])
VALUES = st.recursive(SCALARS | UNWRITTEN, lambda inner: st.lists(inner, max_size=4)
                      | st.lists(inner, max_size=4).map(tuple) | st.dictionaries(TEXT, inner, max_size=4),
                      max_leaves=20)


@settings(max_examples=400)
@given(st.dictionaries(TEXT, VALUES, max_size=6))
@example({"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]})
@example({})
@example({"index": 3, "id": None, "source": "a\udcff.jsonl:1"})
def test_any_record_is_written_alike(value: dict[str, Any]) -> None:
    assert native.structure().json_text(value) == record._json_text(value)


def test_what_json_text_does_not_write_the_reference_answers() -> None:
    circular: dict[str, Any] = {}
    circular["me"] = [circular]
    value: Any
    for value in (circular, {("a", "b"): 1}, {"x": float("nan"), "y": circular}):
        with pytest.raises(Exception) as expected:
            record._json_text(value)
        with pytest.raises(expected.type):
            native.structure().json_text(value)
    for value in ([1, 2], "text", MappingProxyType({"a": 1})):  # not a dict: the encoder's answer
        assert native.structure().json_text(value) == record._json_text(value)


# ---------------------------------------------------------------------------------------------------------------
# the records every entry point writes


@pytest.fixture(params=["native", "python"])
def path(request: pytest.FixtureRequest) -> Iterator[str]:
    previous = native.use(request.param == "native")
    yield request.param
    native.use(previous)


ITEMS: list[Mapping[Any, Any] | None] = [
    None,
    {"id": "7", "url": "https://x.test/a", "text": "page"},
    {"text": "page", "html": "<p>", "lang": "id", "meta": {"n": [1, 2.5, None, True]},
     "when": datetime.date(2024, 5, 1)},
    {"text": "page", "title": "theirs", "id": 5, "source": "s", "input": 1, "index": 0},  # clashes
    {"id": "7", "title": None},  # a clash unless newsclean found no title either
    {"text": "p", "body": "theirs", "text_": "\ud800"},
    MappingProxyType({"text": "page", "extra": "e"}),
    {1: "an int key", "z": "\x00"},
]
SETTINGS = [Settings(), Settings(layout=Layout.with_extra(["lines", "paragraphs"])),
            Settings(layout=Layout(body_field="text")), Settings(layout=Layout(fields=frozenset())),
            Settings(layout=Layout(fields=frozenset({"title", "body"})))]


def test_every_entry_point_writes_the_record_to_dict_gives(articles: list[Article], path: str) -> None:
    for k, article in enumerate(articles):
        item = ITEMS[k % len(ITEMS)]
        for settings_ in SETTINGS:
            for from_html in (False, True):
                result = Result(k, "7" if k % 3 else None, article=article, item=item, from_html=from_html)
                for source in (None, "corpus/a\udcff.jsonl:3"):
                    expected = to_line(result.to_dict(settings_, source=source))
                    assert expected == record._json_text(result.to_dict(settings_, source=source)) + "\n"
                    assert result.to_line(settings_, source=source) == expected
                    if source is not None:
                        rendered = Result(k, result.id, rendered=render_result(result, settings_))
                        assert source_line(source, rendered, settings_) == expected
                        assert source_line(source, result, settings_) == expected


def test_an_error_record_is_written_as_to_dict_gives(path: str) -> None:
    for item in ITEMS:
        result = Result(3, "x", error="ValueError: no text \ud800", item=item)
        assert result.to_line(source="f:1") == to_line(result.to_dict(source="f:1"))
        assert result.fields_json()[1] is None


def test_a_rendered_record_counts_as_its_article_does(articles: list[Article], path: str) -> None:
    for article in articles[:40]:
        rendered = render_result(Result(0, "x", article=article))
        counts = record.count_lines(article)
        assert (rendered.kept, rendered.removed) == (counts.kept_chars, counts.dropped_chars)
        assert rendered.dropped == tuple((label.value, rule, n) for (label, rule), n in counts.dropped.items())


def test_a_field_the_writer_does_not_know_stops_its_setup() -> None:
    """The writer reads record.FIELDS: a field that is no Article attribute and that record.c does not write is
    refused at setup, not written wrong."""
    from types import SimpleNamespace

    from newsclean import body, header, label, metadata, normalize, shape

    core = native.structure()
    read = ("Counts", "_article_json", "_json_text", "_count_lines")
    fake = SimpleNamespace(**{name: getattr(record, name) for name in read}, FIELDS=(*FIELDS, "word_count"))
    try:
        with pytest.raises(ValueError, match="word_count"):
            core.setup(tuple(Label), shape, body, header, label, normalize, metadata, fake)
    finally:
        core.setup(tuple(Label), shape, body, header, label, normalize, metadata, record)
    _same(newsclean.clean("Judul\n\nIsi berita yang panjang sekali di sini.", language=False),
          columns(Layout()), False)
