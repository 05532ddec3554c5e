"""What a cleaned record holds: which of newsclean's fields, under which names.

One place for every entry point (``Result.to_dict``, the CLI and corpus runs, Dask, the pipeline steps), so a
record written by any of them has the same fields in the same order.
"""

from __future__ import annotations

import base64
import datetime
import functools
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from . import native
from .model import Article, Label

#: newsclean's fields of a cleaned record, in the order they are written.
FIELDS = (
    "outlet",
    "title",
    "subtitle",
    "published",
    "authors",
    "editors",
    "sources",
    "dateline",
    "language",
    "language_probability",
    "from_html",
    "body",
    "paragraphs",
    "lines",
    "kept_chars",
    "dropped_chars",
    "dropped",
)
#: The fields every record opens with: its place in the run, its id and (in a corpus run) where it came from.
HEAD = ("index", "id", "source")
#: Where an input field goes when newsclean writes a field of its name with another value (see :func:`record_fields`).
CLASHES = "input"
#: Written only on request: ``paragraphs`` repeats the body split at its blank lines, ``lines`` is the whole page.
ON_REQUEST = frozenset({"paragraphs", "lines"})
DEFAULT_FIELDS = frozenset(FIELDS) - ON_REQUEST

#: The labels of the lines an article keeps (or that hold nothing): every other line is dropped.
KEPT = frozenset({Label.BODY, Label.BLANK})
# An enum member looked up on its class costs 0.13 us in Python 3.11 (EnumType.__getattr__): once, not once a line.
_BODY, _BLANK = Label.BODY, Label.BLANK


@dataclass(frozen=True, slots=True)
class Layout:
    """Which of newsclean's fields a record holds (``fields``) and the name its body goes under (``body_field``).

    ``Layout(body_field="text")`` gives the layout most corpus tools read (datatrove, Dolma, Hugging Face).
    """

    body_field: str = "body"
    fields: frozenset[str] = DEFAULT_FIELDS

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown record field(s) {', '.join(unknown)}: choose from {', '.join(FIELDS)}")
        if not self.body_field or not isinstance(self.body_field, str):
            raise ValueError(f"the body field needs a name, not {self.body_field!r}")
        others = (set(FIELDS) - {"body"}) | set(HEAD) | {CLASHES, "error"}
        if self.body_field in others:
            raise ValueError(f"the body cannot be written as {self.body_field!r}: newsclean writes that field")
        object.__setattr__(self, "fields", frozenset(self.fields))

    @classmethod
    def with_extra(cls, extra: Iterable[str] = (), *, body_field: str = "body") -> Layout:
        """The default fields plus ``extra`` (e.g. ``("paragraphs", "lines")``)."""
        return cls(body_field=body_field, fields=DEFAULT_FIELDS | frozenset(extra))


DEFAULT = Layout()


def article_fields(article: Article, layout: Layout = DEFAULT, *, from_html: bool = False,
                   counts: Counts | None = None) -> dict[str, Any]:
    """newsclean's fields of a cleaned ``article`` as JSON-ready values, in :data:`FIELDS` order, per ``layout``;
    ``from_html`` says the page was read from HTML.  ``counts`` is the article's :func:`count_lines`, when the
    caller has it already."""
    return _own_fields(article, columns(layout), from_html, count_lines(article) if counts is None else counts)


@functools.lru_cache(maxsize=64)
def columns(layout: Layout) -> tuple[tuple[str, str], ...]:
    """The fields a record of ``layout`` holds, in :data:`FIELDS` order, each as ``(field, the name it is written
    under)``: the one place the layout's rules are read, for the Python fields and the native writer alike."""
    return tuple((name, layout.body_field if name == "body" else name) for name in FIELDS if name in layout.fields)


def _own_fields(article: Article, columns: tuple[tuple[str, str], ...], from_html: bool,
                counts: Counts) -> dict[str, Any]:
    view = article.to_dict(lines=any(name == "lines" for name, _ in columns))
    view["from_html"] = from_html
    view["kept_chars"], view["dropped_chars"] = counts.kept_chars, counts.dropped_chars
    view["dropped"] = counts.by_label()
    return {key: view[name] for name, key in columns}


def _article_json(article: Article, columns: tuple[tuple[str, str], ...], from_html: bool) -> tuple[str, Counts]:
    """The reference of the native ``article_json``: :func:`article_fields` (of the layout whose
    :func:`columns` are ``columns``: each written name once) as the JSON object :func:`to_line` writes, without its
    line end, and the article's :func:`count_lines`."""
    counts = _count_lines(article)
    return _json_text(_own_fields(article, columns, from_html, counts)), counts


# one pass in C over the article: its fields written and its lines counted (the Python above is the reference)
article_json = native.structural("article_json", _article_json)


def record_json(ident: str | None, item: object, consumed: Collection[str], article: Article,
                layout: Layout = DEFAULT, *, from_html: bool = False) -> tuple[str, Counts]:
    """``record_fields(ident, item, consumed, article_fields(article, layout, from_html=from_html))`` as the JSON
    object :func:`to_line` writes, without its line end, and the article's :func:`count_lines`: what a cleaned
    record's line is made of, newsclean's fields written natively where the native core is on."""
    own, counts = article_json(article, columns(layout), from_html)
    passed, disputed = _passed_through(ident, item, consumed, _written(layout))
    if disputed:  # an input field named as one of newsclean's: record_fields decides where it goes
        fields = record_fields(ident, item, consumed, _own_fields(article, columns(layout), from_html, counts))
        return json_text(fields), counts
    if passed:
        own = joined(json_text(passed), own)
    return own, counts


@functools.lru_cache(maxsize=64)
def _written(layout: Layout) -> frozenset[str]:
    return frozenset(key for _, key in columns(layout))


def record_fields(
    ident: str | None, item: object, consumed: Collection[str], own: Mapping[str, Any]
) -> dict[str, Any]:
    """A record's fields after its :data:`HEAD`: the input ``item``'s fields that newsclean does not ``consume``
    (when it is a mapping), unchanged and in their order, then newsclean's ``own`` fields (an article's, or
    ``error``).

    No input field is lost: one that bears the name of a field newsclean writes, with another value, is kept
    under :data:`CLASHES` (``"input"``): ``{"title": <newsclean's>, ..., "input": {"title": <the input's>}}``.
    An input ``id`` equal to the record's id is that id, not a clash; input fields named ``index``, ``source``
    or ``input`` always go under ``input``.
    """
    out, disputed = _passed_through(ident, item, consumed, own)
    out.update(own)
    clashes = {key: value for key, value in disputed if key == "id" or own.get(key, _ABSENT) != value}
    if clashes:
        out[CLASHES] = clashes
    return out


def _passed_through(ident: str | None, item: object, consumed: Collection[str],
                    own: Collection[str]) -> tuple[dict[Any, Any], list[tuple[Any, Any]]]:
    """The fields of ``item`` (when it is a mapping) that newsclean does not consume, in their order: those
    written as they are, and the ``(key, value)`` of those that may clash with a field newsclean writes (named as
    one of ``own``, as a field of :data:`HEAD`, or :data:`CLASHES`; an ``id`` that is not ``ident``)."""
    out: dict[Any, Any] = {}
    disputed: list[tuple[Any, Any]] = []
    if isinstance(item, Mapping):
        for key, value in item.items():
            if key in consumed:
                continue
            if key == "id":
                if value != ident:
                    disputed.append((key, value))
            elif key in own or key in HEAD or key == CLASHES:
                disputed.append((key, value))
            else:
                out[key] = value
    return out, disputed


_ABSENT = object()


def json_value(value: object) -> object:
    """The JSON form of a passed-through value JSON has no type for (``json.dumps(default=json_value)``), as
    Parquet columns give them: a date or time in ISO 8601, bytes in base64, anything else (a decimal, a
    duration) as ``str()`` gives it."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


class Counts(NamedTuple):
    """What a record counts of its page's lines, in one pass over them (:func:`count_lines`).

    ``kept_chars`` and ``dropped_chars`` are the characters kept in the body and left out of it (a dateline prefix
    is left out; line ends are not counted); ``dropped`` is how many lines left out of the body each
    ``(label, rule)`` set, in the order they first come on the page.
    """

    kept_chars: int
    dropped_chars: int
    dropped: dict[tuple[Label, str], int]

    def by_label(self) -> dict[str, int]:
        """How many non-blank lines of each label were left out of the body, by label name in label order."""
        labels: dict[Label, int] = {}
        for (label, _), n in self.dropped.items():
            labels[label] = labels.get(label, 0) + n
        return {label._value_: labels[label] for label in sorted(labels)}  # (see Line.to_dict)


def _count_lines(article: Article) -> Counts:
    """The :class:`Counts` of ``article``'s lines: every count a record and a run's summary take from them."""
    kept = dropped_chars = 0
    dropped: dict[tuple[Label, str], int] = {}
    get = dropped.get
    for _, text, label, rule, prefix in article.lines:
        if label is _BODY:
            if prefix:
                kept += len(text[len(prefix):])
                dropped_chars += len(prefix)
            else:
                kept += len(text)
        elif label is not _BLANK:
            dropped_chars += len(text)
            key = (label, rule)
            dropped[key] = get(key, 0) + 1
    return Counts(kept, dropped_chars, dropped)


# the same in C (the pass article_json makes over the lines), _count_lines above the reference
count_lines = native.structural("count_lines", _count_lines)


def dropped(article: Article) -> dict[str, int]:
    """How many non-blank lines of each label were left out of the body."""
    return count_lines(article).by_label()


def kept_and_dropped(article: Article) -> tuple[int, int]:
    """Characters of the page's lines kept in the body and left out of it (a dateline prefix is left out; line ends
    are not counted)."""
    counts = count_lines(article)
    return counts.kept_chars, counts.dropped_chars


# json.dumps(record, ensure_ascii=False, default=json_value), without making an encoder for each record
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=json_value)


def to_line(record: Mapping[str, Any]) -> str:
    """One JSON line; a lone surrogate (from a file name that is not UTF-8) is written as its ``\\u`` escape."""
    return json_text(record) + "\n"


def _json_text(record: Mapping[str, Any]) -> str:
    """The reference of the native ``json_text``: :func:`to_line` without its line end."""
    return _ENCODER.encode(record).encode("utf-8", "backslashreplace").decode("utf-8")


# written in C for the values JSON has a type for, in dicts with str keys; anything else by the encoder above
json_text = native.structural("json_text", _json_text)


def joined(first: str, second: str) -> str:
    """Two JSON objects as :func:`to_line` writes them (without the line end) made one: ``first``'s fields, then
    ``second``'s, as ``to_line({**a, **b})`` writes them when no key is in both."""
    if second == "{}":
        return first
    if first == "{}":
        return second
    return first[:-1] + ", " + second[1:]
