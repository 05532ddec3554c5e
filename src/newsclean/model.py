"""Frozen records that every stage passes along: labels, lines and the article."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any, NamedTuple


class Label(enum.StrEnum):
    """What a line of page text is (see docs/labels.md)."""

    BODY = "body"
    TITLE = "title"
    SUBTITLE = "subtitle"
    META = "meta"
    CAPTION = "caption"
    RELATED = "related"
    NAV = "nav"
    AD = "ad"
    PROMO = "promo"
    UI = "ui"
    BLANK = "blank"


class Line(NamedTuple):
    """One input line with the label it got and the name of the rule that decided it.

    ``text`` is the normalised line; ``prefix`` is the dateline prefix cut from it
    (only ever on the first body line), so a body paragraph is ``text[len(prefix):]``.
    A named tuple, not a frozen dataclass: a page makes one per input line, and a
    tuple is made in half the time.
    """

    no: int
    text: str
    label: Label
    rule: str
    prefix: str = ""

    @property
    def content(self) -> str:
        """The line without its dateline prefix."""
        return self.text[len(self.prefix) :]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the line."""
        # _value_, not value: Enum.value is a descriptor, 0.12 us a line in Python 3.11
        out: dict[str, Any] = {"no": self.no, "text": self.text, "label": self.label._value_, "rule": self.rule}
        if self.prefix:
            out["prefix"] = self.prefix
        return out


Published = dt.datetime | dt.date | None


@dataclass(frozen=True, slots=True)
class Article:
    """The clean article: body, metadata, and every input line with its label and rule.

    ``language_probability`` is the identifier's confidence in ``language``, from 0 to 1 (see
    :mod:`newsclean.language`); None when ``language`` is.
    """

    body: str
    paragraphs: tuple[str, ...]
    outlet: str | None
    title: str | None
    subtitle: str | None
    published: Published
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    sources: tuple[str, ...]
    dateline: str | None
    language: str | None
    language_probability: float | None
    lines: tuple[Line, ...]

    def to_dict(self, *, lines: bool = True) -> dict[str, Any]:
        """A JSON-ready view; ``lines=False`` leaves out the per-line report."""
        out: dict[str, Any] = {
            "outlet": self.outlet,
            "title": self.title,
            "subtitle": self.subtitle,
            "published": self.published.isoformat() if self.published is not None else None,
            "authors": list(self.authors),
            "editors": list(self.editors),
            "sources": list(self.sources),
            "dateline": self.dateline,
            "language": self.language,
            "language_probability": self.language_probability,
            "paragraphs": list(self.paragraphs),
            "body": self.body,
        }
        if lines:
            out["lines"] = [line.to_dict() for line in self.lines]
        return out
