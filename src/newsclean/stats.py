"""``newsclean stats``: a short report on a cleaned corpus, read at a glance (records, errors, outlets, languages).

:func:`load` reads a run's output (JSONL records, one per line) or its summary file (``--summary``), or both,
compressed or not, as a corpus run reads its inputs (:class:`newsclean.corpus.Reader`);
:func:`summarize` counts over records, :func:`from_summary` takes a summary's counts, and :func:`render` draws
the report as text, with bars. Records of every layout are read: with or without ``paragraphs`` and ``lines``,
the body under any name, and records written before ``kept_chars``/``dropped_chars`` or
``language_probability`` existed (those counts are then given for the records that have them).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .corpus import JSONL, NO_OUTLET, Input, InputError, Reader, detect, error_kind
from .corpus.compression import errors as compression_errors
from .corpus.compression import open_input
from .corpus.summary import NO_LANGUAGE  # a record with no language: counted as a run's summary counts it

#: Rows of a table shown before the rest are summed up as "N more".
TOP = 12
_BAR = 28
_EIGHTHS = " ▏▎▍▌▋▊▉"
#: A summary file is read whole when its first line is no record (it is indented); not one larger than this.
MAX_SUMMARY = 64 * 2**20
_SUMMARY_KEYS = frozenset({"records", "cleaned", "errors", "dropped_by_label"})


@dataclass(slots=True)
class Outlet:
    """One outlet's records, and the characters of the pages of those that count them, kept and dropped."""

    records: int = 0
    kept: int = 0
    dropped: int = 0


@dataclass(slots=True)
class Stats:
    """The counts a report shows. ``None`` where the input does not tell (a summary has no languages, old records
    no characters); ``counted`` is the number of cleaned records that count their characters."""

    records: int = 0
    cleaned: int = 0
    errors: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    empty: int | None = 0
    counted: int = 0
    kept: int = 0
    dropped: int = 0
    outlets: dict[str, Outlet] = field(default_factory=dict)
    languages: Counter[str] | None = field(default_factory=Counter)
    probability: dict[str, float] = field(default_factory=dict)
    labels: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] | None = None
    bytes: int | None = None
    unreadable: int = 0


def summarize(records: Iterable[Mapping[str, Any] | None]) -> Stats:
    """The counts over output records; a None (a line that is no record) counts as unreadable."""
    stats = Stats()
    languages: Counter[str] = Counter()
    probabilities: dict[str, float] = {}  # their sum per language, over the records that give one
    weighed: Counter[str] = Counter()  # ... and how many records those are
    for record in records:
        if record is None:
            stats.unreadable += 1
            continue
        stats.records += 1
        error = record.get("error")
        if error is not None:
            stats.errors += 1
            stats.reasons[error_kind(str(error))] += 1
            continue
        stats.cleaned += 1
        outlet = stats.outlets.setdefault(str(record.get("outlet") or NO_OUTLET), Outlet())
        outlet.records += 1
        kept, dropped = record.get("kept_chars"), record.get("dropped_chars")
        if isinstance(kept, int) and isinstance(dropped, int):
            stats.counted += 1
            stats.kept += kept
            stats.dropped += dropped
            outlet.kept += kept
            outlet.dropped += dropped
        if _empty(record, kept):
            stats.empty = (stats.empty or 0) + 1
        language = str(record.get("language") or NO_LANGUAGE)
        languages[language] += 1
        probability = record.get("language_probability")
        if isinstance(probability, int | float):
            probabilities[language] = probabilities.get(language, 0.0) + probability
            weighed[language] += 1
        labels = record.get("dropped")
        if isinstance(labels, Mapping):
            stats.labels.update({str(k): n for k, n in labels.items() if isinstance(n, int)})
    stats.languages = languages
    stats.probability = {language: probabilities[language] / n for language, n in weighed.items()}
    return stats


def _empty(record: Mapping[str, Any], kept: object) -> bool:
    if isinstance(kept, int):
        return kept == 0
    body = record.get("body", record.get("text"))  # the body's two usual names, for records without kept_chars
    return isinstance(body, str) and not body


def from_summary(data: Mapping[str, Any]) -> Stats:
    """The counts of a run's summary file (``newsclean clean --summary``): no counts per outlet's characters or
    language probabilities, but the input's bytes, the dropped lines per rule and the inputs that could not be
    read; languages, empty bodies and characters kept and dropped when the run counted them."""
    outlets = {str(name): Outlet(records=int(n)) for name, n in dict(data.get("outlets", {})).items()}
    languages = data.get("languages")
    empty = data.get("empty_bodies")
    stats = Stats(
        records=int(data["records"]), cleaned=int(data["cleaned"]), errors=int(data["errors"]),
        reasons=Counter(data.get("errors_by_reason", {})), empty=None if empty is None else int(empty),
        outlets=outlets, languages=None if languages is None else Counter(languages),
        labels=Counter(data.get("dropped_by_label", {})), rules=Counter(data.get("dropped_by_rule", {})),
        bytes=data.get("bytes"), unreadable=int(data.get("unreadable_inputs", 0)),
    )
    kept, dropped = data.get("kept_chars"), data.get("dropped_chars")
    if isinstance(kept, int) and isinstance(dropped, int):
        stats.counted, stats.kept, stats.dropped = stats.cleaned, kept, dropped
    return stats


def load(path: str, summary: str | None = None) -> Stats:
    """The counts of ``path``, a run's output (JSONL records) or its summary file; with ``summary`` (the run's
    summary file), its bytes, rules and unreadable inputs join the counts of the records.  Either may be compressed
    as a corpus run's inputs may (gzip, bzip2, xz; zstd with the ``zst`` extra), told by its name or its first bytes.

    Raises :class:`~newsclean.corpus.InputError` (its message names the file) when a file cannot be read, and
    ``ValueError`` when ``summary`` is not a summary.
    """
    held = _summary_in(path)
    stats = from_summary(held) if held is not None else summarize(read_records(path))
    if summary is None:
        return stats
    data = _read_summary(summary)
    if not _is_summary(data):
        raise ValueError(f"{summary}: not a summary file (newsclean clean --summary)")
    run = from_summary(data)
    return replace(stats, bytes=run.bytes, rules=run.rules, unreadable=stats.unreadable + run.unreadable)


def read_records(path: str) -> Iterator[dict[str, object] | None]:
    """Each non-blank line's record, read by the corpus reader (its decompression, line limit and record parser);
    None for a line that is no JSON object.  Raises :class:`~newsclean.corpus.InputError` when the file cannot be
    read (to its end)."""
    failed: list[str] = []
    reader = Reader(report=failed.append)
    for item in reader.items([Input(path, JSONL, detect(path, JSONL)[1])]):
        yield item.record if isinstance(item.record, dict) else None
    if failed:
        raise InputError(failed[0])


def _summary_in(path: str) -> dict[str, Any] | None:
    """The summary ``path`` holds, or None when it holds records (its first line is one, or it is no summary)."""
    first = next(read_records(path), None)
    if first is not None:
        return first if _is_summary(first) else None
    try:
        data = _read_summary(path)
    except ValueError:
        return None
    return data if _is_summary(data) else None


def _read_summary(path: str) -> dict[str, Any]:
    """The JSON object of a summary file (read whole: it is indented), ``ValueError`` when it holds none or more
    than :data:`MAX_SUMMARY` bytes."""
    try:
        with open_input(path, detect(path, JSONL)[1]) as stream:
            text = stream.read(MAX_SUMMARY + 1)
    except compression_errors() as exc:
        reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
        raise InputError(f"{path}: cannot read: {reason}") from None
    if len(text) > MAX_SUMMARY:
        raise ValueError(f"{path}: not a summary file: more than {MAX_SUMMARY:,} bytes")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"{path}: not a summary file: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a summary file: not a JSON object")
    return data


def _is_summary(data: Mapping[str, Any] | None) -> bool:
    return data is not None and data.keys() >= _SUMMARY_KEYS and "index" not in data


# ---------------------------------------------------------------------------
# the report


def render(stats: Stats, *, name: str = "", top: int = TOP) -> str:
    """The report as text: totals, then a table with bars for errors, outlets, languages and dropped lines."""
    out = [f"newsclean stats{': ' + name if name else ''}",
           f"  {stats.records:,} records: {stats.cleaned:,} cleaned ({_share(stats.cleaned, stats.records)}), "
           f"{stats.errors:,} errors ({_share(stats.errors, stats.records)})"]
    if stats.empty is not None:
        out.append(f"  empty bodies: {stats.empty:,} ({_share(stats.empty, stats.cleaned)} of the cleaned)")
    if stats.counted:
        of = "" if stats.counted == stats.cleaned else f" (in the {stats.counted:,} records that count them)"
        out.append(f"  characters kept: {_amount(stats.kept)} of {_amount(stats.kept + stats.dropped)} "
                   f"({_share(stats.kept, stats.kept + stats.dropped)}; the rest is menus, links, captions...){of}")
    if stats.bytes is not None:
        out.append(f"  input: {stats.bytes / 1e6:,.2f} MB")
    if stats.unreadable:
        out.append(f"  unreadable: {stats.unreadable:,} (lines that are no record, inputs that could not be read)")
    out += _table("errors by kind", stats.reasons, top)
    out += _outlets(stats, top)
    if stats.languages is not None:
        out += _table("languages", stats.languages, top, note=lambda key: _probability(stats, key))
    out += _table("dropped lines by label", stats.labels, top)
    if stats.rules:
        out += _table("dropped lines by rule", stats.rules, top)
    return "\n".join(out) + "\n"


def _outlets(stats: Stats, top: int) -> list[str]:
    if not stats.outlets:
        return []
    ranked = sorted(stats.outlets.items(), key=lambda item: (-item[1].records, item[0]))
    counts = Counter({name: outlet.records for name, outlet in ranked})
    if not stats.counted:
        return _table("outlets", counts, top)
    width = max(len(name) for name, _ in ranked[:top])
    out = ["", f"outlets{' ' * max(1, width - 3)}records  kept share of characters"]
    for name, outlet in ranked[:top]:
        total = outlet.kept + outlet.dropped
        share = outlet.kept / total if total else 0.0
        shown = f"{share:6.1%}" if total else "     -"
        out.append(f"  {name:<{width}}  {outlet.records:>7,}  {shown} {bar(share, 1.0)}")
    return [*out, *_more(len(ranked), top)]


def _table(title: str, counts: Mapping[str, int], top: int, note: Any = None) -> list[str]:
    if not counts:
        return []
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max(len(key) for key, _ in ranked[:top])
    most = ranked[0][1]
    out = ["", title]
    for key, n in ranked[:top]:
        extra = note(key) if note is not None else ""
        out.append(f"  {key:<{width}}  {n:>9,}  {bar(n, most)}{extra}".rstrip())
    return [*out, *_more(len(ranked), top)]


def _more(count: int, top: int) -> list[str]:
    return [f"  ... and {count - top} more"] if count > top else []


def _probability(stats: Stats, language: str) -> str:
    mean = stats.probability.get(language)
    return "" if mean is None else f"  mean probability {mean:.3f}"


def bar(value: float, most: float, width: int = _BAR) -> str:
    """A bar of ``width`` characters for ``most``, in eighths of a character: ``value`` / ``most`` of it."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(min(value / most, 1.0) * width * 8))
    return "█" * (eighths // 8) + _EIGHTHS[eighths % 8].strip()


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def _amount(n: int) -> str:
    for unit, size in (("G", 10**9), ("M", 10**6), ("k", 10**3)):
        if n >= size:
            return f"{n / size:,.1f} {unit}"
    return f"{n:,}"


# ---------------------------------------------------------------------------
# the plot


def figure(stats: Stats, *, top: int = TOP) -> Any:
    """A matplotlib ``Figure`` of the two things a plot says better than a table: the share of characters each
    outlet keeps (or, with no characters counted, its records) and the dropped lines by label. Needs matplotlib
    (the ``plot`` extra); raises ``ImportError`` naming it when missing."""
    try:
        from matplotlib.figure import Figure  # no pyplot: no global state, no display needed
    except ImportError as exc:
        raise ImportError(f"the plot needs matplotlib: pip install 'newsclean[plot]' ({exc})") from exc
    outlets = sorted(stats.outlets.items(), key=lambda item: (-item[1].records, item[0]))[:top]
    labels = sorted(stats.labels.items(), key=lambda item: (-item[1], item[0]))[:top]
    fig = Figure(figsize=(10, 0.9 + 0.32 * max(len(outlets), len(labels), 1)), layout="constrained")
    left, right = fig.subplots(1, 2)
    names = [f"{name} ({outlet.records:,})" for name, outlet in outlets]
    if stats.counted:
        shares = [outlet.kept / (outlet.kept + outlet.dropped) if outlet.kept + outlet.dropped else 0.0
                  for _, outlet in outlets]
        left.barh(names, shares, color="tab:green")
        left.set_xlim(0, 1)
        left.set_title("share of characters kept, per outlet (records)")
    else:
        left.barh(names, [outlet.records for _, outlet in outlets], color="tab:green")
        left.set_title("records per outlet")
    right.barh([label for label, _ in labels], [n for _, n in labels], color="tab:red")
    right.set_title("dropped lines by label")
    for axes in (left, right):
        axes.invert_yaxis()  # the largest on top, as in the text report
    return fig


def plot(stats: Stats, path: str, *, top: int = TOP) -> None:
    """Save :func:`figure` to ``path`` (its format from the extension: .png, .svg, .pdf)."""
    figure(stats, top=top).savefig(path, dpi=110)
