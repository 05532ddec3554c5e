"""Rule sets as data: the declarative records, their TOML form, and compiling them once.

A rule set says how to recognise an outlet (hosts, text signatures), which whole
lines carry which label (rules), how its lead's dateline prefix reads, and which
base rule sets it extends.  Compiling turns all the rules of a rule set and its
bases into one literal-line table and one alternation, so labelling a line is a
dictionary lookup plus at most one regex match, whatever the number of rules.

Loading a rule set from TOML never executes code: the file is parsed as data and
every pattern is compiled and checked against its own examples.
"""

from __future__ import annotations

import importlib
import math
import signal
import sys
import threading
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache, partial
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import regex

from . import native, safety
from .model import Label
from .prefilter import Ends, ends, opening_literal, required_literal, turkic_i
from .regex_syntax import compile_flagged, flagged
from .segment import TEMPLATE_LINE

#: Named groups a rule pattern may use to hand a piece of its line to the metadata stage.
FIELDS = ("author", "editor", "source", "published", "dateline")

# Labels whose rules end the article body unless the rule says otherwise: a widget
# header, a byline or a footer line means the running text is over.
_STOPS_BY_DEFAULT = frozenset({Label.NAV, Label.META})
# a line up to this length is remembered with its rule: a site's template lines repeat on every page
_CACHED_LINE = TEMPLATE_LINE
_CACHE_SIZE = 1 << 16
# A line ending with this character (most paragraphs) is scanned natively for the rules whose match can end with it.
_SCANNED_APART = "."
# A rule whose match needs one of more literals than this is tried without looking for them first.
_GATE_LITERALS = 6
# The deadline of each pattern call in this context when the page timer cannot be used (None: call as is).
_deadline: ContextVar[float | None] = ContextVar("newsclean_deadline", default=None)
# The page timer: a CPU-time interval timer whose signal interrupts the regex module (which checks for signals
# as it matches) and whatever else runs; it then fires again every _REPEAT seconds until disarmed, so a handler
# that swallows the exception cannot run on unbounded.
_SIGNAL = getattr(signal, "SIGVTALRM", None)
_TIMER = getattr(signal, "ITIMER_VIRTUAL", None)
_REPEAT = 0.05
# signal.getsignal turns the handler into an enum member through a failed lookup (4 us); the C one is 0.1 us
_getsignal: Callable[[int], Any] = getattr(importlib.import_module("_signal"), "getsignal", signal.getsignal)


class MatchTimeout(Exception):
    """A page's pattern matching ran past its time limit (``clean(timeout=...)``).

    Not a ``TimeoutError``: that is an ``OSError``, which callers (the command line among them) rightly
    take for a failing file or device.
    """


#: The longest time limit, in seconds (about 31 years): the regex module's timer counts microseconds in 63 bits
#: (some 292,000 years), and a longer limit (``float("inf")`` included) is clamped to this one.
LONGEST_TIMEOUT = 1e9


def checked_timeout(seconds: object) -> float | None:
    """``seconds`` as a time limit: None (no limit) stays None, a number of seconds is clamped to
    :data:`LONGEST_TIMEOUT`; NaN or a negative number is a ``ValueError``, anything else a ``TypeError``.

    Every entry point that takes a ``timeout`` (``clean``, ``clean_many``, the engines, ``--timeout``) checks it here.
    """
    if type(seconds) is float and 0.0 <= seconds <= LONGEST_TIMEOUT:  # (clean()'s every page: the default 60.0)
        return seconds
    if seconds is None:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise TypeError(f"timeout must be a number of seconds or None, got {type(seconds).__name__}")
    # an int too large for a float is as much longer than the longest limit as inf is
    value = float(min(seconds, LONGEST_TIMEOUT)) if isinstance(seconds, int) else seconds
    if math.isnan(value) or value < 0:
        raise ValueError(f"timeout must be 0 or more seconds (None: no limit), got {seconds!r}")
    return min(value, LONGEST_TIMEOUT)


class time_limit:  # a class in lower case: it reads as the function it was, ``with time_limit(seconds):``
    """Bound every pattern call made in this context (this thread or task) to ``seconds`` in all.

    Past the limit, :class:`MatchTimeout` is raised, naming the pattern and the length of its text.
    Raises ``ValueError`` or ``TypeError`` for a limit :func:`checked_timeout` refuses.

    Two ways, the same bound.  In the main thread, a CPU-time interval timer is set for the whole
    context: its signal stops a match in progress (the ``regex`` module checks for signals as it
    matches), and the calls themselves cost nothing more (setting the timer costs about 6 µs a page;
    its ``SIGVTALRM`` handler, installed on first use, stays, and ignores the signal outside a limit).
    Where that timer cannot be used (another thread; a program that has a handler or timer of its own
    for ``SIGVTALRM``; a limit of 0; a context inside another), every pattern call goes through
    :func:`timed`, with the ``regex`` module's own ``timeout=``: about 1.7 µs a call, a third of
    ``clean()``'s time on a page of short lines.
    """

    _armed = False  # whether the page timer runs (the main thread only, one context at a time)
    _owner: FrameType | None = None  # the frame of the ``with`` it bounds

    def __init__(self, seconds: float | None) -> None:
        self.seconds = checked_timeout(seconds)
        self.timer = False

    def __enter__(self) -> None:
        # (the timer's signal is ignored in this frame and __exit__'s: it could leave the timer set)
        seconds = self.seconds
        self.timer = seconds is not None and seconds > 0 and self._arm(seconds, sys._getframe(1))
        deadline = None if seconds is None or self.timer else time.monotonic() + seconds
        self.token = _deadline.set(deadline)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.timer:
            # (a signal handled from here on is ignored: the handler sees this frame, then _armed False)
            self.timer = time_limit._armed = False
            signal.setitimer(_TIMER, 0)  # type: ignore[arg-type]
            time_limit._owner = None
        _deadline.reset(self.token)

    @staticmethod
    def _arm(seconds: float, owner: FrameType) -> bool:
        if _SIGNAL is None or _TIMER is None or time_limit._armed:
            return False
        handler = _getsignal(_SIGNAL)
        if handler is not _on_timer:
            if handler != signal.SIG_DFL:  # the program's own (or SIG_IGN)
                return False
            try:
                signal.signal(_SIGNAL, _on_timer)
            except ValueError:  # not the main thread
                return False
        elif threading.current_thread() is not threading.main_thread():
            return False
        previous = signal.setitimer(_TIMER, seconds, _REPEAT)
        if previous != (0.0, 0.0):  # the program's own timer: put it back
            signal.setitimer(_TIMER, *previous)
            return False
        time_limit._armed, time_limit._owner = True, owner
        return True


class untimed:  # lower case, as time_limit: ``with untimed():``
    """Leave a one-off cost of the process out of the page's time limit: building a rule set's native scan
    (about a second, once per process and rule set) is no part of matching the page it happens on."""

    def __enter__(self) -> None:
        self.left = signal.setitimer(_TIMER, 0) if time_limit._armed and _TIMER is not None else None
        self.start = time.monotonic()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.left is not None and time_limit._armed:
            signal.setitimer(_TIMER, max(self.left[0], 1e-6), self.left[1])  # type: ignore[arg-type]
        deadline = _deadline.get()
        if deadline is not None:
            _deadline.set(deadline + time.monotonic() - self.start)


def _disarm() -> None:
    time_limit._armed, time_limit._owner = False, None
    signal.setitimer(_TIMER, 0)  # type: ignore[arg-type]


_QUIET = (time_limit.__enter__.__code__, time_limit.__exit__.__code__, time_limit._arm.__code__, _disarm.__code__)


def _on_timer(signum: int, frame: FrameType | None) -> None:
    if not time_limit._armed or frame is None or frame.f_code in _QUIET:
        return
    # only within the block the timer bounds: one whose exit was cut short (a second Ctrl-C in __exit__)
    # left the timer set, and it is stopped here instead of failing whatever runs next
    within: FrameType | None = frame
    while within is not None and within is not time_limit._owner:
        within = within.f_back
    if within is None:
        _disarm()
        return
    raise MatchTimeout(_running(frame))


def _running(frame: FrameType) -> str:
    """What the page timer stopped: the pattern call in ``frame`` (see :func:`timed`, ``CompiledRuleSet``)."""
    code, names = frame.f_code, frame.f_locals
    text = names.get("text") if code is timed.__code__ else names.get("line")
    what = None
    if code is timed.__code__:
        what = names.get("what")
    elif code is CompiledRuleSet._lookup.__code__ and "i" in names:
        what = f"rule {names['self'].rules[names['i']].name}"
    elif code is CompiledRuleSet.dateline.__code__ and "i" in names:
        what = f"dateline {names['self'].datelines[names['i']].name}"
    if isinstance(what, str) and isinstance(text, str):
        return _past(what, text)
    return f"the page ran past its time limit (in {code.co_name})"


def _past(what: str, text: str) -> str:
    return f"{what} ran past the page's time limit on {len(text):,} characters"


def timed(method: Callable[..., regex.Match[str] | None], text: str, what: str) -> regex.Match[str] | None:
    """``method(text)`` (a compiled pattern's ``fullmatch``, ``search``...) within the time limit, if any."""
    deadline = _deadline.get()
    if deadline is None:
        return method(text)
    left = deadline - time.monotonic()
    try:
        if left <= 0:
            raise TimeoutError
        found = method(text, timeout=left)
    except TimeoutError:
        raise MatchTimeout(_past(what, text)) from None
    # the regex module does not look at the clock everywhere (matching a long literal the first time)
    if time.monotonic() > deadline:
        raise MatchTimeout(_past(what, text))
    return found
_INNER_NAME = regex.compile(r"\(\?P<([A-Za-z_]\w*)>")


class RuleSetError(ValueError):
    """A rule set that cannot be used: bad field, bad pattern, or an example that fails."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule that gives ``label`` to every line it matches in full.

    A rule matches either one of its literal ``lines`` (compared after case
    folding when ``ignore_case``) or its ``pattern`` (a regex that must match the
    whole stripped line).  ``stops_body`` ends the running text (default: nav and
    meta rules do); ``opens_body`` marks header furniture after which the body
    usually starts.  ``previous`` gives a label to the nearest non-blank line
    before it that no rule matched (a caption above a "Foto:" line, a name above
    "Jurnalis"), and ``previous_field`` names the metadata field that line holds;
    ``previous_echo`` claims that line only when it is this line's own opening
    text printed again (a caption printed plain, then with its credit).
    ``next`` and ``next_field`` do the same for the nearest line after it.
    ``claims_list`` makes the run of short lines no rule named right after it
    (a bare "Baca Juga" and its headlines) items of its list, with its label.
    """

    name: str
    label: Label
    pattern: str | None = None
    lines: tuple[str, ...] = ()
    ignore_case: bool = False
    stops_body: bool | None = None
    opens_body: bool = False
    previous: Label | None = None
    previous_field: str | None = None
    previous_echo: bool = False
    next: Label | None = None
    next_field: str | None = None
    claims_list: bool = False
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()

    @property
    def stops(self) -> bool:
        """Whether a line of this rule ends the article body."""
        return self.label in _STOPS_BY_DEFAULT if self.stops_body is None else self.stops_body


@dataclass(frozen=True, slots=True)
class Dateline:
    """A lead prefix such as ``"JAKARTA, KOMPAS.TV - "``; its ``city`` group names the dateline."""

    name: str
    pattern: str
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Signature:
    """A pattern whose presence in a page's text is evidence for the outlet."""

    pattern: str
    weight: int = 1
    ignore_case: bool = False


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything newsclean knows about one outlet (or a shared base), as plain data.

    ``generic`` rule sets are bases or fallbacks: they are never the detected
    outlet, and an article cleaned with one reports ``outlet=None``.
    """

    name: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = ()
    min_score: int = 2
    rules: tuple[Rule, ...] = ()
    datelines: tuple[Dateline, ...] = ()
    generic: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """The rule that matched a line, and its index in the compiled rule table."""

    index: int
    rule: Rule


@dataclass(frozen=True)
class CompiledRuleSet:
    """A rule set with its bases merged in, ready to label lines.

    Rule names are qualified with the rule set that declared them
    (``"okezone.font_buttons"``); a rule set's own rules win over its bases'.
    """

    ruleset: RuleSet
    rules: tuple[Rule, ...]
    datelines: tuple[Dateline, ...]
    _exact: Mapping[str, int]
    _folded: Mapping[str, int]
    _dateline_own: tuple[regex.Pattern[str], ...] = ()
    _dateline_ends: tuple[Ends, ...] = ()
    # a line's first character -> the dateline rules whose match can begin with it
    _dateline_begins: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    _by_name: Mapping[str, Rule] = field(default_factory=dict)
    _cache: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)
    # each rule's own compiled pattern (None: literal lines only) and the ends its match can have
    _patterns: tuple[regex.Pattern[str] | None, ...] = ()
    _ends: tuple[Ends | None, ...] = ()
    # (first, last character of a line) -> the rules, in order, whose match such a line can be; and the
    # tables it is made from: a character -> the bit set of rules that can begin (end) with it
    _by_ends: dict[tuple[str, str], tuple[tuple[int, regex.Pattern[str]], ...]] = field(
        default_factory=dict, compare=False, repr=False)
    _firsts: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _lasts: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _by_mask: dict[int, tuple[tuple[int, regex.Pattern[str]], ...]] = field(default_factory=dict, compare=False,
                                                                           repr=False)

    @cached_property
    def _matches(self) -> tuple[Match, ...]:
        """One :class:`Match` per rule, made once: a page matches dozens of lines."""
        return tuple(Match(i, rule) for i, rule in enumerate(self.rules))

    @cached_property
    def _all(self) -> tuple[tuple[int, regex.Pattern[str]], ...]:
        """Every pattern rule, in rule order, with its index."""
        return tuple((i, p) for i, p in enumerate(self._patterns) if p is not None)

    @cached_property
    def _plain(self) -> regex.Pattern[str] | None:
        """One alternation of every pattern rule, each in a group named after its index: the plain method."""
        branches = [f"(?P<r{i}>{flagged(_anonymous(r.pattern), r.ignore_case)})"
                    for i, r in enumerate(self.rules) if r.pattern is not None]
        return regex.compile("|".join(branches), regex.V0) if branches else None

    @cached_property
    def _plain_dateline(self) -> regex.Pattern[str] | None:
        """One alternation of every dateline rule, the plain method."""
        branches = [f"(?P<d{i}>{_anonymous(d.pattern)})" for i, d in enumerate(self.datelines)]
        return regex.compile("|".join(branches)) if branches else None

    @property
    def name(self) -> str:
        """The rule set's name."""
        return self.ruleset.name

    def match(self, line: str) -> Match | None:
        """The first rule, in rule order, that matches the whole (normalised) line, or None."""
        if native.enabled() and _deadline.get() is None and (scanner := self._scanner) is not None:
            # what follows, in one native call (see match_lines)
            found: Match | None = scanner.match_lines([line], self._native_table, _CACHED_LINE, _CACHE_SIZE)[0]
            return found
        # Menus, widget headers and footers repeat on every page of a site: short lines are
        # remembered (a bounded table, emptied when full), long ones are nearly always unique.
        if len(line) > _CACHED_LINE:
            index = self._lookup(line)
        else:
            try:
                index = self._cache[line]
            except KeyError:
                index = self._lookup(line)
                if len(self._cache) >= _CACHE_SIZE:
                    self._cache.clear()
                self._cache[line] = index
        return None if index is None else self._matches[index]

    def match_lines(self, lines: Sequence[str]) -> list[Match | None]:
        """:meth:`match` for each of a page's lines, in one native call a page where the native scan runs.

        The native call does what :meth:`match` does line after line (the same line table, filled and emptied
        the same way; the same literal lookups; the scan; the same shortcuts and confirmation in rule order),
        with every pattern call made directly, as under the page timer; where each call must be timed on its
        own (:func:`timed`: another thread, a limit of 0), the lines go through :meth:`match`.
        """
        if native.enabled() and _deadline.get() is None and (scanner := self._scanner) is not None:
            return scanner.match_lines(lines if isinstance(lines, list) else list(lines), self._native_table,
                                       _CACHED_LINE, _CACHE_SIZE)
        return [self.match(line) for line in lines]

    @cached_property
    def _native_table(self) -> tuple[object, ...]:
        """What the native :meth:`match_lines` reads (``_speedups.c``'s ``T_*`` layout): the line table, the
        literal tables, per rule its pattern's ``fullmatch`` with its opening and gate literals, the
        :class:`Match` per rule, the fold of a casefolded line, how a timeout names its rule, per rule the
        Latin-1 characters its match can end with (:func:`_last_characters`, 256 bytes a rule), the
        character whose lines the scan of :attr:`_apart_scanner` serves, with that scan, and per rule its
        whole-line scan (:meth:`_whole_scan`: False until built on first need, by that method), and the length of
        the longest literal line (a longer line is looked up in neither literal table)."""
        plan = tuple((None, None, None) if p is None else (p.fullmatch, self._openings[i], self._gates[i])
                     for i, p in enumerate(self._patterns))
        with untimed():  # (read once per process and rule set, 0.1 s: no part of the page it happens on)
            last = b"".join(map(_last_characters, self._ends))
        apart = self._apart_scanner
        return (self._cache, self._exact, self._folded, plan, self._matches, turkic_i, MatchTimeout,
                self._rule_timed_out, last, None if apart is None else (_SCANNED_APART, apart.engine),
                self._whole_scans, self._whole_scan, max(map(len, (*self._exact, *self._folded)), default=-1))

    @cached_property
    def _whole_scans(self) -> list[Any]:
        """Per rule, its whole-line scan once built (:meth:`_whole_scan`), None for none, False until then."""
        return [False] * len(self.rules)

    def _whole_scan(self, i: int) -> Any:
        """Rule ``i``'s whole-line scan (:func:`native.whole_line_scan`; None: none), kept in :attr:`_whole_scans`.

        The native lookup asks it before the rule's pattern call, which it rules out where the line is not in
        the pattern's superset; built the first time the rule is to be called (most rules never are on a site's
        pages), outside the page's time limit.
        """
        rule = self.rules[i]
        with untimed():  # (compiled or loaded once per process and pattern: no part of the page it happens on)
            found = None if rule.pattern is None else native.whole_line_scan(rule.pattern, rule.ignore_case)
        self._whole_scans[i] = found
        return found

    def _rule_timed_out(self, i: int, line: str) -> None:
        """Raise the page timer's :class:`MatchTimeout` of rule ``i`` on ``line`` (as :func:`_running` names it)."""
        raise MatchTimeout(_past(f"rule {self.rules[i].name}", line)) from None

    def _lookup(self, line: str) -> int | None:
        index = self._exact.get(line)
        casefolded = line.casefold()
        folded = self._folded.get(casefolded)
        if folded is not None and (index is None or folded < index):
            index = folded
        deadline = _deadline.get()  # None: call as is (no limit, or the page timer bounds every call)
        gates = self._gates
        folded_line = turkic_i(casefolded)  # the line as folded literals are looked for in
        # a rule's opening literals are tested on a line that opens with a letter or digit (never white space)
        openings = self._openings if line[:1].isalnum() else None
        # the native scan names the rules whose superset matches (their own patterns confirm them below)
        found = scanner.scan(line) if native.enabled() and (scanner := self._scanner) is not None else None
        for i, pattern in self._candidates(line) if found is None else found:
            if index is not None and i >= index:
                break
            if openings is not None and (opening := openings[i]) is not None:
                literals, in_folded = opening
                if not (folded_line if in_folded else line).startswith(literals):
                    continue
            if (gate := gates[i]) is not None:
                literals, in_folded = gate
                text = folded_line if in_folded else line
                for x in literals:
                    if x in text:
                        break
                else:
                    continue
            if deadline is None:
                if pattern.fullmatch(line) is not None:
                    return i
            elif timed(pattern.fullmatch, line, f"rule {self.rules[i].name}") is not None:
                return i
        return index

    @cached_property
    def _scanner(self) -> native.Scanner | None:
        """The native scan of every pattern rule for a line's opening (None: the extension is not built).

        A rule matching the whole line matches an opening of it (the line itself), so the rules whose superset
        opens the line are the ones worth trying.  Scanned for the whole line instead (``whole=True``) the engine
        takes a sixth more time, and names more rules: its prefilter widens a pattern followed by the line's end
        more than one followed by nothing (``base.date_line``, 1,649 characters, is then named on nearly every line).
        """
        with untimed():
            return native.scanner([None if r.pattern is None else (r.pattern, r.ignore_case) for r in self.rules],
                                  [None if p is None else (i, p) for i, p in enumerate(self._patterns)], whole=False,
                                  start=True)

    @cached_property
    def _apart_scanner(self) -> native.Scanner | None:
        """The native scan of :attr:`_scanner` for a line that ends with :data:`_SCANNED_APART` (most paragraphs),
        of only the pattern rules whose match can end with it (None: the extension is not built).

        The native lookup rules the others out by the line's last character anyway, so it names the same rules
        worth trying; with a third of the patterns left out the engine scans such a line in two thirds of the time.
        """
        flag = ord(_SCANNED_APART)
        with untimed():
            return native.scanner([None if r.pattern is None or not _last_characters(self._ends[i])[flag]
                                   else (r.pattern, r.ignore_case) for i, r in enumerate(self.rules)],
                                  [None if p is None else (i, p) for i, p in enumerate(self._patterns)], whole=False,
                                  start=True)

    @cached_property
    def _dateline_scanner(self) -> native.Scanner | None:
        """The native scan of every dateline rule for a line's opening (None: the extension is not built)."""
        with untimed():
            return native.scanner([(d.pattern, False) for d in self.datelines], range(len(self.datelines)),
                                  whole=False, start=True)

    @cached_property
    def _openings(self) -> tuple[tuple[tuple[str, ...], bool] | None, ...]:
        """Per rule, the literals one of which opens every match on a line that opens with a letter or digit."""
        return tuple(None if rule.pattern is None else opening_literal(rule.pattern, rule.ignore_case)
                     for rule in self.rules)

    @cached_property
    def _gates(self) -> tuple[tuple[tuple[str, ...], bool] | None, ...]:
        """Per rule, a few literals one of which every match holds (None: no such test, or too many to pay):
        a line without them is not tried, and a paragraph holds none of most rules' "©", "|" or "Baca"."""
        found = []
        for rule in self.rules:
            gate = None if rule.pattern is None else required_literal(rule.pattern, rule.ignore_case, shortest=1)
            found.append(gate if gate is not None and len(gate[0]) <= _GATE_LITERALS else None)
        return tuple(found)

    def _candidates(self, line: str) -> tuple[tuple[int, regex.Pattern[str]], ...]:
        """The rules, in rule order, whose match can begin with ``line``'s first character and end with its last.

        A paragraph meets a third of the rules this way; and the rules are tried one by
        one because the regex module matches a rule alone faster than as a branch of one
        alternation of them all (it finds more shortcuts in a single pattern).
        """
        if not line:
            return self._all
        key = (line[0], line[-1])
        try:
            return self._by_ends[key]
        except KeyError:
            pass
        # each character is judged once per rule; a pair of them is the intersection of two bit sets
        mask = self._ends_mask(self._firsts, line[0], first=True) & self._ends_mask(self._lasts, line[-1], first=False)
        found = self._by_mask.get(mask)
        if found is None:
            if len(self._by_mask) >= _CACHE_SIZE:
                self._by_mask.clear()
            found = self._by_mask[mask] = tuple((i, p) for i, p in self._all if mask >> i & 1)
        if len(self._by_ends) >= _CACHE_SIZE:
            self._by_ends.clear()
        self._by_ends[key] = found
        return found

    def _ends_mask(self, table: dict[str, int], c: str, *, first: bool) -> int:
        mask = table.get(c)
        if mask is None:
            mask = 0
            for i, _ in self._all:
                e = self._ends[i]
                if e is not None and (e.may_begin(c) if first else e.may_end(c)):
                    mask |= 1 << i
            if len(table) >= _CACHE_SIZE:
                table.clear()
            table[c] = mask
        return mask

    def reference_match(self, line: str) -> int | None:
        """The index of the first rule matching ``line`` by the plain method (one alternation of every
        pattern, no shortcut); what :meth:`match` must always agree with."""
        index = self._exact.get(line)
        folded = self._folded.get(line.casefold())
        if folded is not None and (index is None or folded < index):
            index = folded
        if self._plain is not None:
            m = self._plain.fullmatch(line)
            if m is not None and m.lastgroup is not None:
                found = int(m.lastgroup[1:])
                index = found if index is None else min(index, found)
        return index

    def dateline(self, line: str) -> tuple[Dateline, str, str | None] | None:
        """``(dateline rule, prefix, city)`` when ``line`` opens with a dateline prefix."""
        if not line:
            return None
        deadline = _deadline.get()
        candidates = None
        # the native scan names the dateline rules whose superset opens the line (their own patterns confirm them)
        if native.enabled() and (scanner := self._dateline_scanner) is not None:
            if deadline is None:  # the scan, the loop below and _dateline_found in one native call
                found: tuple[Dateline, str, str | None] | None = scanner.dateline(self._dateline_table, line)
                return found
            candidates = scanner.scan(line)
        if candidates is None:
            candidates = self._dateline_begins.get(line[0])
        if candidates is None:
            if len(self._dateline_begins) >= _CACHE_SIZE:
                self._dateline_begins.clear()
            candidates = self._dateline_begins[line[0]] = tuple(
                i for i, e in enumerate(self._dateline_ends) if e.may_begin(line[0]))
        for i in candidates:
            # the first dateline rule that matches, as in one alternation of them all
            if deadline is None:
                m = self._dateline_own[i].match(line)
            else:
                m = timed(self._dateline_own[i].match, line, f"dateline {self.datelines[i].name}")
            if m is not None:
                return self._dateline_found(i, m, line)
        return None

    @cached_property
    def _dateline_table(self) -> tuple[object, ...]:
        """What the native :meth:`dateline` reads (``_speedups.c``'s ``D_*`` layout): each dateline rule's own
        ``match``, how a timeout names it, the rules, whether each has a ``city`` group, what decides whether the
        native call may answer (the deadline, the switch in :mod:`native`), and this method to answer otherwise."""
        return (tuple(p.match for p in self._dateline_own), MatchTimeout, self._dateline_timed_out, self.datelines,
                tuple("city" in p.groupindex for p in self._dateline_own), _deadline, native, self.dateline)

    @cached_property
    def native_dateline(self) -> Callable[[str], tuple[Dateline, str, str | None] | None]:
        """:meth:`dateline`, as one native call where the native scan is built (no Python frame: the native body
        pass asks it about each prose line and the rest of each lead), else the method itself."""
        scanner = self._dateline_scanner
        return self.dateline if scanner is None else partial(scanner.dateline, self._dateline_table)

    def _dateline_timed_out(self, i: int, line: str) -> None:
        """Raise the page timer's :class:`MatchTimeout` of dateline rule ``i`` on ``line``."""
        raise MatchTimeout(_past(f"dateline {self.datelines[i].name}", line)) from None

    def reference_dateline(self, line: str) -> tuple[Dateline, str, str | None] | None:
        """:meth:`dateline` by the plain method (one alternation of every dateline rule, no shortcut)."""
        m = self._plain_dateline.match(line) if self._plain_dateline is not None else None
        if m is None or m.lastgroup is None:
            return None
        i = int(m.lastgroup[1:])
        own = self._dateline_own[i].match(line)
        return None if own is None else self._dateline_found(i, own, line)

    def _dateline_found(self, i: int, m: regex.Match[str], line: str) -> tuple[Dateline, str, str | None] | None:
        if m.end() >= len(line):
            return None
        city = m.groupdict().get("city")
        return self.datelines[i], line[: m.end()], city.strip() if city else None

    def rule(self, name: str) -> Rule | None:
        """The rule with this qualified name."""
        return self._by_name.get(name)


@lru_cache(maxsize=4096)
def _last_characters(found: Ends | None) -> bytes:
    """256 flags: whether a match with these ends can end with that Latin-1 character (all set for None).

    The native lookup tries a rule on a line only where its flag for the line's last character is set: the
    same over-approximation :meth:`CompiledRuleSet._candidates` chooses rules with, so it rules calls out,
    never in.  Kept per :class:`Ends` (equal ones hash alike): a base's rules are read once for every rule set.
    """
    if found is None:
        return b"\x01" * 256
    return found.latin1_ends()


def _anonymous(pattern: str) -> str:
    """The pattern with its named groups made non-capturing, for use inside the alternation."""
    return _INNER_NAME.sub("(?:", pattern)


def compile_ruleset(ruleset: RuleSet, resolve: Callable[[str], RuleSet]) -> CompiledRuleSet:
    """Merge ``ruleset`` with the bases it extends (looked up with ``resolve``) and compile it."""
    rules: list[Rule] = []
    datelines: list[Dateline] = []
    for source in _lineage(ruleset, resolve):
        rules.extend(_qualified(source.name, r) for r in source.rules)
        datelines.extend(Dateline(f"{source.name}.{d.name}", d.pattern, d.examples, d.counterexamples)
                         for d in source.datelines)
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    for i, rule in enumerate(rules):
        for literal in rule.lines:
            table, key = (folded, literal.casefold()) if rule.ignore_case else (exact, literal)
            table.setdefault(key, i)
    return CompiledRuleSet(
        ruleset=ruleset,
        rules=tuple(rules),
        datelines=tuple(datelines),
        _exact=exact,
        _folded=folded,
        _dateline_own=tuple(compile_flagged(d.pattern, False) for d in datelines),
        _dateline_ends=tuple(ends(d.pattern) for d in datelines),
        _by_name={r.name: r for r in rules},
        _patterns=tuple(None if r.pattern is None else compile_flagged(r.pattern, r.ignore_case) for r in rules),
        _ends=tuple(None if r.pattern is None else ends(r.pattern, r.ignore_case) for r in rules),
    )


def _qualified(owner: str, rule: Rule) -> Rule:
    return replace(rule, name=f"{owner}.{rule.name}")


def _lineage(ruleset: RuleSet, resolve: Callable[[str], RuleSet]) -> list[RuleSet]:
    """The rule set, then its bases depth-first, each once (own rules take priority)."""
    order: list[RuleSet] = []
    seen: set[str] = set()

    def visit(rs: RuleSet, path: tuple[str, ...]) -> None:
        if rs.name in path:
            raise RuleSetError(f"rule set {rs.name!r} extends itself through {' -> '.join(path)}")
        if rs.name in seen:
            return
        seen.add(rs.name)
        order.append(rs)
        for base in rs.extends:
            visit(resolve(base), (*path, rs.name))

    visit(ruleset, ())
    return order


# ---------------------------------------------------------------------------
# Validation: every pattern compiles and agrees with its own examples.


#: The longest pattern a rule set may hold, in characters (the longest built-in one has 2,299): the first match of a
#: text against a long literal takes the ``regex`` module time cubic in its length, and no signal or timeout stops
#: it (0.3 s at 3,000 characters, 1.7 s at 5,000, minutes at 20,000).
MAX_PATTERN = 5_000
#: Seconds the checks of one rule set's patterns against its examples may take in all (0.2 s for all the built-in
#: rule sets together): past them the rule set is refused.
CHECK_SECONDS = 10.0


def check_ruleset(ruleset: RuleSet) -> list[str]:
    """Problems found in ``ruleset``'s own rules (empty when it is sound).

    Bounded: a pattern longer than :data:`MAX_PATTERN` is a problem before anything is compiled, and the
    example checks stop at :data:`CHECK_SECONDS` (a problem too).
    """
    problems = check_sizes(ruleset)
    if problems:
        return problems
    try:
        with time_limit(CHECK_SECONDS):
            return _problems(ruleset)
    except MatchTimeout as exc:
        return [f"{ruleset.name}: checking the patterns against their examples ran past {CHECK_SECONDS:g} seconds "
                f"({exc})"]


def check_sizes(ruleset: RuleSet) -> list[str]:
    """One problem per pattern of ``ruleset`` longer than :data:`MAX_PATTERN` (checked first, in no time)."""
    return [f"{ruleset.name}{where}: pattern of {len(pattern):,} characters, longer than the {MAX_PATTERN:,} a rule "
            "set may hold" for where, pattern in _all_patterns(ruleset) if len(pattern) > MAX_PATTERN]


def _all_patterns(ruleset: RuleSet) -> Iterator[tuple[str, str]]:
    for rule in ruleset.rules:
        if rule.pattern is not None:
            yield f".{rule.name}", rule.pattern
    for dl in ruleset.datelines:
        yield f".{dl.name}", dl.pattern
    for sig in ruleset.signatures:
        yield " signature", sig.pattern


def _problems(ruleset: RuleSet) -> list[str]:
    problems: list[str] = []
    names: set[str] = set()
    for rule in ruleset.rules:
        where = f"{ruleset.name}.{rule.name}"
        if rule.name in names:
            problems.append(f"{where}: duplicate rule name")
        names.add(rule.name)
        if rule.pattern is None and not rule.lines:
            problems.append(f"{where}: needs a pattern or lines")
        for key in ("previous_field", "next_field"):
            if getattr(rule, key) is not None and getattr(rule, key) not in FIELDS:
                problems.append(f"{where}: {key} must be one of {FIELDS}")
        compiled = _try_compile(rule.pattern, rule.ignore_case, where, problems)
        if compiled is not None or rule.pattern is None:
            problems.extend(_example_problems(where, rule, compiled))
    for dl in ruleset.datelines:
        where = f"{ruleset.name}.{dl.name}"
        compiled = _try_compile(dl.pattern, False, where, problems)
        if compiled is None:
            continue
        what = f"dateline {where}"
        problems.extend(f"{where}: example {ex!r} does not open with the dateline"
                        for ex in dl.examples if timed(compiled.match, ex, what) is None)
        problems.extend(f"{where}: counterexample {ex!r} opens with the dateline"
                        for ex in dl.counterexamples if timed(compiled.match, ex, what) is not None)
    for sig in ruleset.signatures:
        _try_compile(sig.pattern, sig.ignore_case, f"{ruleset.name} signature", problems)
    return problems


def _try_compile(pattern: str | None, ignore_case: bool, where: str, problems: list[str]) -> regex.Pattern[str] | None:
    if pattern is None:
        return None
    try:
        return compile_flagged(pattern, ignore_case)
    except regex.error as exc:
        problems.append(f"{where}: pattern does not compile: {exc}")
        return None


def rule_matches(rule: Rule, line: str, compiled: regex.Pattern[str] | None = None) -> bool:
    """Whether ``rule`` on its own matches the whole line."""
    if rule.ignore_case and line.casefold() in {x.casefold() for x in rule.lines}:
        return True
    if not rule.ignore_case and line in rule.lines:
        return True
    if compiled is None and rule.pattern is not None:
        compiled = compile_flagged(rule.pattern, rule.ignore_case)
    return compiled is not None and timed(compiled.fullmatch, line, f"rule {rule.name}") is not None


def _example_problems(where: str, rule: Rule, compiled: regex.Pattern[str] | None) -> Iterable[str]:
    for ex in rule.examples:
        if not rule_matches(rule, ex, compiled):
            yield f"{where}: example {ex!r} is not matched"
    for ex in rule.counterexamples:
        if rule_matches(rule, ex, compiled):
            yield f"{where}: counterexample {ex!r} is matched"


# ---------------------------------------------------------------------------
# TOML form


_RULE_KEYS = {"name", "label", "pattern", "lines", "ignore_case", "stops_body", "opens_body", "previous",
              "previous_field", "previous_echo", "next", "next_field", "claims_list", "examples", "counterexamples"}
_DATELINE_KEYS = {"name", "pattern", "examples", "counterexamples"}
_SIGNATURE_KEYS = {"pattern", "weight", "ignore_case"}
_TOP_KEYS = {"name", "description", "aliases", "hosts", "extends", "signatures", "min_score", "rules",
             "datelines", "generic"}


def ruleset_from_toml(source: str | Path) -> RuleSet:
    """Read a rule set from a TOML file (a ``Path``) or TOML text (a ``str``), checking it.

    Raises :class:`RuleSetError` naming the first problem found.
    """
    where = str(source) if isinstance(source, Path) else "<toml text>"
    try:
        text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleSetError(f"{where}: cannot read rule set: {exc}") from exc
    except RecursionError:  # arrays or tables nested thousands deep
        raise RuleSetError(f"{where}: cannot read rule set: nested too deeply") from None
    ruleset = ruleset_from_dict(data, where=where)
    # no example runs through an unsafe pattern, and no pattern too long is checked at all
    problems = check_sizes(ruleset) or safety.check_ruleset(ruleset) or check_ruleset(ruleset)
    if problems:
        raise RuleSetError(f"{where}: " + "; ".join(problems))
    return ruleset


def ruleset_from_dict(data: Mapping[str, Any], *, where: str = "<dict>") -> RuleSet:
    """Build a :class:`RuleSet` from plain data (the parsed TOML form)."""
    _known(data, _TOP_KEYS, where)
    name = _text(data, "name", where)
    return RuleSet(
        name=name,
        description=_optional_text(data, "description", where) or "",
        aliases=_texts(data, "aliases", where),
        hosts=_texts(data, "hosts", where),
        extends=_texts(data, "extends", where),
        signatures=tuple(_signature(s, f"{where}: signature") for s in _tables(data, "signatures", where)),
        min_score=_integer(data, "min_score", 2, where),
        rules=tuple(_rule(r, f"{where}: rule {r.get('name', '?')!r}") for r in _tables(data, "rules", where)),
        datelines=tuple(_dateline(d, f"{where}: dateline {d.get('name', '?')!r}")
                        for d in _tables(data, "datelines", where)),
        generic=_flag(data, "generic", where),
    )


def _rule(data: Mapping[str, Any], where: str) -> Rule:
    _known(data, _RULE_KEYS, where)
    previous, after = data.get("previous"), data.get("next")
    return Rule(
        name=_text(data, "name", where),
        label=_label(data.get("label"), where),
        pattern=_optional_text(data, "pattern", where),
        lines=_texts(data, "lines", where),
        ignore_case=_flag(data, "ignore_case", where),
        stops_body=_flag(data, "stops_body", where) if "stops_body" in data else None,
        opens_body=_flag(data, "opens_body", where),
        previous=None if previous is None else _label(previous, where),
        previous_field=data.get("previous_field"),
        previous_echo=_flag(data, "previous_echo", where),
        next=None if after is None else _label(after, where),
        next_field=data.get("next_field"),
        claims_list=_flag(data, "claims_list", where),
        examples=_texts(data, "examples", where),
        counterexamples=_texts(data, "counterexamples", where),
    )


def _dateline(data: Mapping[str, Any], where: str) -> Dateline:
    _known(data, _DATELINE_KEYS, where)
    return Dateline(_text(data, "name", where), _text(data, "pattern", where),
                    _texts(data, "examples", where), _texts(data, "counterexamples", where))


def _signature(data: Mapping[str, Any], where: str) -> Signature:
    _known(data, _SIGNATURE_KEYS, where)
    return Signature(_text(data, "pattern", where), _integer(data, "weight", 1, where),
                     _flag(data, "ignore_case", where))


def _known(data: Mapping[str, Any], keys: set[str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise RuleSetError(f"{where}: expected a table, got {type(data).__name__}")
    unknown = sorted(set(data) - keys)
    if unknown:
        raise RuleSetError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(keys))}")


def _label(value: Any, where: str) -> Label:
    try:
        return Label(value)
    except ValueError:
        raise RuleSetError(f"{where}: unknown label {value!r}; labels: {', '.join(x.value for x in Label)}") from None


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise RuleSetError(f"{where}: {key!r} must be a non-empty string")
    return value


def _texts(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, ())
    if isinstance(value, str) or not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise RuleSetError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _tables(data: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise RuleSetError(f"{where}: {key!r} must be an array of tables")
    return value


def _optional_text(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise RuleSetError(f"{where}: {key!r} must be a string")
    return value


def _integer(data: Mapping[str, Any], key: str, default: int, where: str) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleSetError(f"{where}: {key!r} must be an integer")
    return value


def _flag(data: Mapping[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise RuleSetError(f"{where}: {key!r} must be true or false")
    return value
