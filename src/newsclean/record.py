"""What a cleaned record holds: which of newsclean's fields, under which names.

One place for every entry point (``Result.to_dict``, the CLI and corpus runs, Dask, the pipeline steps), so a
record written by any of them has the same fields in the same order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

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
    "body",
    "paragraphs",
    "lines",
    "kept_chars",
    "dropped_chars",
    "dropped",
)
#: Written only on request: ``paragraphs`` repeats the body split at its blank lines, ``lines`` is the whole page.
ON_REQUEST = frozenset({"paragraphs", "lines"})
DEFAULT_FIELDS = frozenset(FIELDS) - ON_REQUEST

#: The labels of the lines an article keeps (or that hold nothing): every other line is dropped.
KEPT = frozenset({Label.BODY, Label.BLANK})
_LABEL = attrgetter("label")


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
        others = set(FIELDS) - {"body"}
        if self.body_field in others:
            raise ValueError(f"the body cannot be written as {self.body_field!r}: newsclean writes that field")
        object.__setattr__(self, "fields", frozenset(self.fields))

    @classmethod
    def with_extra(cls, extra: Iterable[str] = (), *, body_field: str = "body") -> Layout:
        """The default fields plus ``extra`` (e.g. ``("paragraphs", "lines")``)."""
        return cls(body_field=body_field, fields=DEFAULT_FIELDS | frozenset(extra))


DEFAULT = Layout()


def article_fields(article: Article, layout: Layout = DEFAULT) -> dict[str, Any]:
    """newsclean's fields of a cleaned ``article`` as JSON-ready values, in :data:`FIELDS` order, per ``layout``."""
    view = article.to_dict(lines="lines" in layout.fields)
    kept, dropped_chars = kept_and_dropped(article)
    view["kept_chars"], view["dropped_chars"] = kept, dropped_chars
    view["dropped"] = dropped(article)
    out: dict[str, Any] = {}
    for name in FIELDS:
        if name in layout.fields:
            out[layout.body_field if name == "body" else name] = view[name]
    return out


def dropped(article: Article) -> dict[str, int]:
    """How many non-blank lines of each label were left out of the body."""
    counts = Counter(map(_LABEL, article.lines))
    return {label.value: n for label, n in sorted(counts.items()) if label not in KEPT}


def kept_and_dropped(article: Article) -> tuple[int, int]:
    """Characters of the page's lines kept in the body and left out of it (a dateline prefix is left out; line ends
    are not counted)."""
    kept = dropped_chars = 0
    for line in article.lines:
        if line.label is Label.BODY:
            kept += len(line.content)
            dropped_chars += len(line.prefix)
        elif line.label is not Label.BLANK:
            dropped_chars += len(line.text)
    return kept, dropped_chars
