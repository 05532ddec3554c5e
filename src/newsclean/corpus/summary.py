"""What a corpus run tells a person: the progress line while it runs, the summary's counts at the end."""

from __future__ import annotations

import io
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from ..batch import Result
from ..record import count_lines
from .output import Rendered

#: The outlet counted for articles cleaned with the generic rule set.
NO_OUTLET = "(none)"
#: The language counted for articles without one (identification off, or no body to tell it from).
NO_LANGUAGE = "(none)"


# ---------------------------------------------------------------------------
# counting


@dataclass(slots=True)
class Summary:
    """Counts over the records written: cleaned and errors, bytes, outlets, languages, empty bodies, characters
    kept in the bodies and left out of them, dropped lines per label and rule."""

    records: int = 0
    cleaned: int = 0
    errors: int = 0
    bytes: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    outlets: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    empty: int = 0
    kept_chars: int = 0
    dropped_chars: int = 0

    def add(self, result: Result, size: int) -> None:
        """Count one record of ``size`` input bytes."""
        self.records += 1
        self.bytes += size
        if result.error is not None:
            self.errors += 1
            kind = error_kind(result.error)
            self.reasons[kind] = self.reasons.get(kind, 0) + 1
            return
        self.cleaned += 1
        if isinstance(result.rendered, Rendered):
            rendered = result.rendered
            self._article(rendered.outlet, rendered.language, rendered.kept, rendered.removed)
            dropped: Iterable[tuple[str, str, int]] = rendered.dropped
        else:
            article = result.article
            if article is None:
                raise ValueError(f"record {result.index} has neither an error, an article nor a rendering")
            counts = count_lines(article)  # (the same one pass over the lines as a rendered record's)
            self._article(article.outlet, article.language, counts.kept_chars, counts.dropped_chars)
            dropped = ((label._value_, rule, n) for (label, rule), n in counts.dropped.items())
        # get(), not +=: a key new to a Counter (every key, in a chunk's fresh Summary) costs a Python __missing__ call
        labels, rules = self.labels, self.rules
        label_count, rule_count = labels.get, rules.get
        for label_name, rule, n in dropped:
            labels[label_name] = label_count(label_name, 0) + n
            rules[rule] = rule_count(rule, 0) + n

    def merge(self, other: Summary) -> None:
        """Add ``other``'s counts (those of the records written after these): the same counts, in the same order, as
        adding its records one by one here."""
        self.records += other.records
        self.cleaned += other.cleaned
        self.errors += other.errors
        self.bytes += other.bytes
        self.empty += other.empty
        self.kept_chars += other.kept_chars
        self.dropped_chars += other.dropped_chars
        # keys new here come in the order they came in there, as one by one (most_common() breaks ties by it);
        # a plain loop: Counter.update checks its argument's type through the abc machinery, each call
        for mine, theirs in ((self.reasons, other.reasons), (self.outlets, other.outlets),
                             (self.labels, other.labels), (self.rules, other.rules),
                             (self.languages, other.languages)):
            if theirs:
                get = mine.get
                for key, n in theirs.items():
                    mine[key] = get(key, 0) + n

    def _article(self, outlet: str | None, language: str | None, kept: int, removed: int) -> None:
        outlet, language = outlet or NO_OUTLET, language or NO_LANGUAGE
        self.outlets[outlet] = self.outlets.get(outlet, 0) + 1
        self.languages[language] = self.languages.get(language, 0) + 1
        self.empty += kept == 0
        self.kept_chars += kept
        self.dropped_chars += removed

    def to_dict(self) -> dict[str, Any]:
        """The counts as JSON-ready data, the largest first."""
        return {
            "records": self.records,
            "cleaned": self.cleaned,
            "errors": self.errors,
            "bytes": self.bytes,
            "errors_by_reason": dict(self.reasons.most_common()),
            "outlets": dict(self.outlets.most_common()),
            "languages": dict(self.languages.most_common()),
            "empty_bodies": self.empty,
            "kept_chars": self.kept_chars,
            "dropped_chars": self.dropped_chars,
            "dropped_by_label": dict(self.labels.most_common()),
            "dropped_by_rule": dict(self.rules.most_common()),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Summary:
        """The counts :meth:`to_dict` gave."""
        return cls(data["records"], data["cleaned"], data["errors"], data["bytes"],
                   Counter(data["errors_by_reason"]), Counter(data["outlets"]), Counter(data["dropped_by_label"]),
                   Counter(data["dropped_by_rule"]), Counter(data["languages"]), data["empty_bodies"],
                   data["kept_chars"], data["dropped_chars"])


def error_kind(error: str) -> str:
    """An error's kind, for counting: its text up to the first colon (``"not UTF-8"``, ``"too large"``)."""
    return error.split(":", 1)[0]


def format_summary(summary: Summary, *, seconds: float, records: int, size: int, unreadable: int = 0,
                   resumed: int = 0, top: int = 15) -> str:
    """The summary printed at the end of a run; ``records`` and ``size`` are this session's, for throughput."""
    rate = f"{records / seconds:,.1f} records/s, {size / 1e6 / seconds:.2f} MB/s" if seconds > 0 else "-"
    lines = [f"{summary.records:,} records: {summary.cleaned:,} cleaned, {summary.errors:,} errors; "
             f"{_megabytes(summary.bytes)} MB",
             f"this run: {records:,} records in {_clock(seconds)}, {rate}"
             + (f" (resumed after {resumed:,} records)" if resumed else "")]
    if unreadable:
        lines.append(f"inputs that could not be read: {unreadable} (reported above)")
    if summary.cleaned:
        chars = summary.kept_chars + summary.dropped_chars
        kept = f" ({summary.kept_chars / chars:.0%})" if chars else ""
        lines.append(f"characters: {summary.kept_chars:,} kept in the bodies{kept}, {summary.dropped_chars:,} "
                     f"dropped; empty bodies: {summary.empty:,}")
    for title, counts in (("errors", summary.reasons), ("outlets", summary.outlets),
                          ("languages", summary.languages),
                          ("dropped lines by label", summary.labels), ("dropped lines by rule", summary.rules)):
        if counts:
            shown = ", ".join(f"{n:,} {key}" for key, n in counts.most_common(top))
            more = f", and {len(counts) - top} more" if len(counts) > top else ""
            lines.append(f"{title}: {shown}{more}")
    return "\n  ".join(lines) + "\n"


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.2f}" if size < 10**8 else f"{size / 1e6:,.0f}"


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


# ---------------------------------------------------------------------------
# progress


class Progress:
    """One line on a terminal, redrawn at most every ``every`` seconds: records, MB, MB/s, errors, and the time
    spent; when the input's size is known, the share of it read and the time left (ETA) in place of the time
    spent.  Draws nothing when the stream is not a terminal."""

    def __init__(self, stream: TextIO, *, total: int | None = None, every: float = 0.25,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.total = total
        self.every = every
        self.clock = clock
        self.start = clock()
        self._last: float | None = None
        self._shown = False

    def update(self, *, records: int, errors: int, size: int, position: int, force: bool = False) -> None:
        """Redraw if it is time (or ``force``): ``size`` bytes cleaned this session, ``position`` bytes read."""
        if not self.enabled:
            return
        now = self.clock()
        if not force and self._last is not None and now - self._last < self.every:
            return
        self._last = now
        elapsed = now - self.start
        rate = size / 1e6 / elapsed if elapsed > 0 else 0.0
        share, time = "", f", {_clock(elapsed)}"
        if self.total:
            done = min(position / self.total, 1.0)
            filled = int(done * 10)
            share = f"{done:4.0%} [{'=' * filled}{' ' * (10 - filled)}] "
            if size > 0 and elapsed > 0:
                # the input left at this session's pace (records skipped on resuming are read, not cleaned: not
                # counted in it), in place of the time spent, up front: a narrow terminal cuts the line's end
                share += f"ETA {_clock(max(self.total - position, 0) * elapsed / size)}, "
                time = ""
        text = f"{share}{records:,} records, {_megabytes(size)} MB, {rate:.2f} MB/s, {errors:,} errors{time}"
        width = _columns(self.stream)
        self.stream.write("\r\x1b[K" + text[: width - 1])
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Remove the line (before other output, and at the end)."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, io.UnsupportedOperation):
        return 80



