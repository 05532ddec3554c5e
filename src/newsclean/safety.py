"""A static check that rejects rule patterns that can backtrack catastrophically (ReDoS).

A backtracking regex engine can take time exponential in the length of a line when a
pattern lets the same text be matched in many ways and the match then fails: ``(a+)+``,
``(\\w+\\s?)+``, ``(a|a)*``, ``(a|aa)*``.  Two unbounded repeats of the same characters
side by side (``\\w*\\w*``) take time quadratic in the line's length, which on a 10 MB line
is as bad.  :func:`pattern_problems` finds these shapes in a pattern before it ever runs,
and :func:`check_ruleset` applies it to every pattern of a rule set (rules, datelines,
signatures); :func:`newsclean.rules.ruleset_from_toml` refuses a rule set it flags.

How it works.  The pattern is read by :mod:`newsclean.regex_syntax` (which the prefilter
reads patterns with too), its alternatives kept apart: ``\\p{..}``/``\\P{..}`` (Unicode
properties) and POSIX classes become placeholder characters whose membership is asked of
``regex`` itself, ``\\m``/``\\M`` become ``\\b``.  A pattern it cannot read (``regex``'s
recursion, fuzzy matching, set operations, branch reset, ...) is rejected: what cannot be
checked is not trusted.  Ignoring case, characters pair as ``regex_syntax.case_variants``
says (the Turkish dotted and dotless i included).  Character classes are compared on a sample of characters (ASCII,
Latin-1, common punctuation, letters and digits of other scripts, and every character the
pattern names), so two classes "overlap" when a sampled character is in both.

The shapes rejected (``repeat`` means a repeat with no upper bound, or one above
:data:`LARGE`; possessive repeats and atomic groups never backtrack and are exempt):

* **nested repeat**: a repeated group whose body holds a repeat of varying length, and
  nothing else in the body that must match a character the inner repeat cannot: ``(a+)+``,
  ``(a*)*``, ``(\\w+\\s?)+``, ``(a+a)+``.  ``(\\w+\\s)+`` passes: each round must end on a
  space, which ``\\w`` cannot match, so the rounds cannot be cut differently.
* **ambiguous alternation**: a repeated group whose alternatives can match the same text
  and nothing else in the body separates the rounds: ``(a|a)*``, ``(\\w|\\d)+``,
  ``(a|aa)+``.  Alternatives that are plain words are compared exactly (a set of words is
  ambiguous when some text splits into them in two ways: ``(a|ab|b)*``); others when they
  can start and end on the same character.
* **adjacent repeats**: two repeats side by side (or with only optional items between)
  whose boundary can move: where they meet, a non-space character either can take
  (``\\w*\\w*``, ``\\d+\\w*x``), or a whole round of one could be a round of the other
  (``(?:\\s+#\\w+)*(?:\\s*#\\w+)*``).  ``(\\w+\\s)*\\w+`` passes: its rounds end on a
  space.  A last ``.*`` (or ``.+``) takes any rest of the line and is exempt, and so is
  an overlap in white space alone: normalisation collapses runs of spaces.

What it does not do: it is a conservative heuristic, not a proof.  It may reject a pattern
that the ``regex`` module happens to match quickly, and it does not look for slowness from
lookarounds inside repeats, backreferences, or a search (signatures) that restarts at every
position; the time bound per document is the matching code's job.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from . import cache, regex_syntax
from .regex_syntax import (
    Parsed,
    Unreadable,
    case_variants,
    class_items,
    compile_flagged,
    fold,
    group_ignores_case,
    is_placeholder,
)
from .regex_syntax import parse as read_pattern
from .regex_syntax import sre as _c

if TYPE_CHECKING:
    from .rules import RuleSet

#: A bounded repeat with more rounds than this counts as unbounded.
LARGE = 16

# The verdicts kept on disk: their layout, their files' suffix, how many rule sets' verdicts are kept (a few kB each;
# tests register many rule sets), and the size past which a file is none this library wrote.
_FORMAT = 1
_SUFFIX = ".redos"
_KEPT = 256
_LARGEST = 16 << 20

_MAXREPEAT = _c.MAXREPEAT
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_POSSESSIVE = _c.POSSESSIVE_REPEAT
_SAMPLE = "".join(
    [chr(i) for i in range(0x00, 0x80)]
    + [chr(i) for i in range(0xA0, 0x100)]
    + list("\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u00b7\u20ac\u2122\u2212\u0130\u0131\u017f\u212a"
           "\u1e9e\u03a3\u03c3\u03c2\u0394\u0416\u0436\u05d0\u0627\u0660\u06f1\u0966\u0e01\u4e00\u3042\uac00"
           "\u2028\u2029\u3000\u200b\u200d\ufeff\u1680\u2000\u202f\u0300\u0301\u064b\u01c5\u2160\u00bd\u2070")
    + ["\U0001f600", "\U00010400", "\U00010428", "\U0001d7ce", "\U000e0001"]
)


class UnsafePattern(ValueError):
    """A pattern that can backtrack catastrophically (or that the check cannot read)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a pattern is refused: ``shape`` names the kind, ``detail`` says where in the pattern."""

    shape: str
    detail: str

    def __str__(self) -> str:
        return f"{self.shape}: {self.detail}"


def pattern_problems(pattern: str, *, ignore_case: bool = False) -> list[Problem]:
    """The catastrophic-backtracking shapes found in ``pattern`` (empty when it is judged safe)."""
    return _problems(pattern, ignore_case)


def check_pattern(pattern: str, *, ignore_case: bool = False) -> None:
    """Raise :class:`UnsafePattern` naming the first dangerous shape found in ``pattern``."""
    found = pattern_problems(pattern, ignore_case=ignore_case)
    if found:
        raise UnsafePattern(str(found[0]))


def check_ruleset(ruleset: RuleSet) -> list[str]:
    """One message per pattern of ``ruleset`` that can backtrack catastrophically.

    Each message names the rule set, the rule (or dateline, or signature) and the reason.  The verdicts on a rule
    set's patterns are kept on disk (:mod:`newsclean.cache`), under a digest of the patterns, of this check's code
    and of the Python and ``regex`` module it ran on: a new process that loads the same rule set reads them, where
    checking takes ~0.2 s for the built-in rule sets.
    """
    found = list(_patterns(ruleset))
    messages: list[str] = []
    for (where, pattern, _), problems in zip(found, _verdicts(tuple((p, ic) for _, p, ic in found)), strict=True):
        if problems:
            messages.append(f"rule set {ruleset.name!r}, {where}: pattern '{_shorten(pattern)}' can backtrack "
                            f"catastrophically ({problems[0]})")
    return messages


@lru_cache(maxsize=256)
def _verdicts(patterns: tuple[tuple[str, bool], ...]) -> list[list[Problem]]:
    """:func:`pattern_problems` of each ``(pattern, ignore_case)``, from the kept file when there is one (read once
    in a process: a rule set loaded from TOML is checked again when registered)."""
    name = cache.name(lambda: [_FORMAT, sys.version, regex.__version__, _code(), patterns])
    kept = None if name is None else cache.read(name, _SUFFIX, limit=_LARGEST)
    if kept is not None:
        with suppress(ValueError, RecursionError):  # not what this library writes: checked again
            return _read_verdicts(kept, len(patterns))
    verdicts = [pattern_problems(pattern, ignore_case=ignore_case) for pattern, ignore_case in patterns]
    if name is not None:
        written = [[[p.shape, p.detail] for p in problems] for problems in verdicts]
        cache.write(name, _SUFFIX, json.dumps(written).encode(), kept=_KEPT)
    return verdicts


def _read_verdicts(data: bytes, count: int) -> list[list[Problem]]:
    """The verdicts a kept file holds; ``ValueError`` when it holds anything but ``count`` lists of problems."""
    read = json.loads(data)
    if not isinstance(read, list) or len(read) != count:
        raise ValueError("not the verdicts of these patterns")
    verdicts = []
    for problems in read:
        if not isinstance(problems, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in problems):
            raise ValueError("not a list of problems")
        verdicts.append([Problem(shape, detail) for shape, detail in problems])
    return verdicts


@lru_cache(maxsize=1)
def _code() -> str:
    """A digest of this check's source and of the reader's (``regex_syntax``)."""
    return cache.source_digest(__file__, regex_syntax.__file__)


def _patterns(ruleset: RuleSet) -> Iterator[tuple[str, str, bool]]:
    for rule in ruleset.rules:
        if isinstance(rule.pattern, str):
            yield f"rule {rule.name!r}", rule.pattern, rule.ignore_case
    for dl in ruleset.datelines:
        if isinstance(dl.pattern, str):
            yield f"dateline {dl.name!r}", dl.pattern, False
    for i, sig in enumerate(ruleset.signatures):
        if isinstance(sig.pattern, str):
            yield f"signature {i + 1}", sig.pattern, sig.ignore_case


def _shorten(pattern: str, width: int = 80) -> str:
    return pattern if len(pattern) <= width else pattern[: width - 1] + "…"


# ---------------------------------------------------------------------------
# parsing


@lru_cache(maxsize=4096)
def _problems(pattern: str, ignore_case: bool) -> list[Problem]:
    try:
        compile_flagged(pattern, ignore_case)  # (as every matcher compiles it: compiled once in a process)
    except (regex.error, RecursionError, OverflowError, ValueError, TypeError):
        return []  # not a pattern at all: the rule set's own checks say so
    try:
        parsed = read_pattern(pattern, keep_alternatives=True)
    except Unreadable as exc:
        return [Problem("cannot be checked", f"the pattern uses syntax the ReDoS check does not read ({exc})")]
    analysis = _Analysis(parsed, parsed.ignores_case(ignore_case), _universe(parsed.source))
    try:
        return analysis.run()
    except RecursionError:
        return [Problem("cannot be checked", "the pattern is nested too deeply")]


def _universe(source: str) -> str:
    """The characters sampled: :data:`_SAMPLE`, and every character of the pattern as read (placeholders too:
    the private-use characters that a class of them can hold), in every case."""
    extra = {c for ch in source for c in case_variants(ch)}
    return "".join(sorted(set(_SAMPLE) | extra))


# ---------------------------------------------------------------------------
# analysis

_Node = tuple[Any, Any]


class _Analysis:
    def __init__(self, parsed: Parsed, ignore_case: bool, universe: str) -> None:
        self.parsed = parsed
        self.ignore_case = ignore_case
        self.universe = universe
        self.found: list[Problem] = []
        # node -> characters, keyed by the node's identity (parsed nodes live as long as the analysis)
        self._memo: dict[tuple[Any, int, bool, int], frozenset[str]] = {}

    def run(self) -> list[Problem]:
        self._walk(self.parsed.items, self.ignore_case, in_repeat=False)
        return self.found

    # --- character sets -------------------------------------------------------------------------

    def _memoized(self, key: tuple[Any, int, bool, int], compute: Callable[[], frozenset[str]]) -> frozenset[str]:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = compute()
        return found

    def _single(self, op: Any, av: Any, icase: bool) -> frozenset[str]:
        return self._memoized(_key(op, av, icase, 3), lambda: self._set(op, av, icase))

    def _set(self, op: Any, av: Any, icase: bool) -> frozenset[str]:
        """The sampled characters one single-character item matches."""
        universe = self.universe
        found: frozenset[str]
        if op is _c.LITERAL:
            escape = self.parsed.escapes.get(av)
            found = _matching(escape, universe) if escape is not None else frozenset({chr(av)})
        elif op is _c.NOT_LITERAL:
            found = frozenset(universe) - {chr(av)}
        elif op is _c.ANY:
            found = frozenset(universe) - {"\n"}
        elif op is _c.RANGE:
            found = frozenset(ch for ch in universe if av[0] <= ord(ch) <= av[1])
        elif op is _c.CATEGORY:
            found = _matching(_CATEGORIES.get(str(av), "(?s:.)"), universe)
        elif op is _c.IN:
            negate, items = class_items(av)
            union: set[str] = set()
            for o, a in items:
                union |= self._set(o, a, False)
            found = frozenset(universe) - union if negate else frozenset(union)
        else:
            found = frozenset(universe)  # anything else: assume it can match anything (conservative)
        if icase:
            found = frozenset(ch for ch in universe if not found.isdisjoint(case_variants(ch)))
        return found

    def chars(self, nodes: Iterable[_Node], icase: bool) -> frozenset[str]:
        """Every character the sequence can consume."""
        out: set[str] = set()
        for op, av in nodes:
            out |= self._node_chars(op, av, icase)
        return frozenset(out)

    def _node_chars(self, op: Any, av: Any, icase: bool) -> frozenset[str]:
        return self._memoized(_key(op, av, icase, 0), lambda: self._node_chars_of(op, av, icase))

    def _node_chars_of(self, op: Any, av: Any, icase: bool) -> frozenset[str]:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN, _c.CATEGORY):
            return self._single(op, av, icase)
        if op in _REPEATS or op is _POSSESSIVE:
            return self.chars(av[2], icase)
        if op is _c.SUBPATTERN:
            return self.chars(av[3], group_ignores_case(av, icase))
        if op is _c.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                out |= self.chars(alt, icase)
            return frozenset(out)
        if op is _c.ATOMIC_GROUP:
            return self.chars(av, icase)
        if op is _c.GROUPREF_EXISTS:
            return self.chars(av[1], icase) | (self.chars(av[2], icase) if av[2] is not None else frozenset())
        if op is _c.GROUPREF:
            return frozenset(self.universe)
        return frozenset()  # anchors and lookarounds consume nothing

    def edge(self, nodes: list[_Node], icase: bool, *, last: bool) -> frozenset[str]:
        """The characters the sequence can start with (``last``: end with)."""
        out: set[str] = set()
        for op, av in reversed(nodes) if last else nodes:
            out |= self._node_edge(op, av, icase, last)
            if not _nullable(op, av):
                break
        return frozenset(out)

    def _node_edge(self, op: Any, av: Any, icase: bool, last: bool) -> frozenset[str]:
        return self._memoized(_key(op, av, icase, 1 + last), lambda: self._node_edge_of(op, av, icase, last))

    def _node_edge_of(self, op: Any, av: Any, icase: bool, last: bool) -> frozenset[str]:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN, _c.CATEGORY):
            return self._single(op, av, icase)
        if op in _REPEATS or op is _POSSESSIVE:
            return self.edge(list(av[2]), icase, last=last)
        if op is _c.SUBPATTERN:
            return self.edge(list(av[3]), group_ignores_case(av, icase), last=last)
        if op is _c.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                out |= self.edge(list(alt), icase, last=last)
            return frozenset(out)
        if op is _c.ATOMIC_GROUP:
            return self.edge(list(av), icase, last=last)
        return self._node_chars(op, av, icase)

    # --- the walk ---------------------------------------------------------------------------------

    def _walk(self, nodes: list[_Node], icase: bool, *, in_repeat: bool) -> None:
        self._adjacent(nodes, icase)
        for op, av in nodes:
            if op in _REPEATS:
                body = list(av[2])
                if _large(av[1]):
                    self._repeated_body(body, icase)
                self._walk(body, icase, in_repeat=in_repeat or _large(av[1]))
            elif op is _POSSESSIVE:
                self._walk(list(av[2]), icase, in_repeat=in_repeat)
            elif op is _c.SUBPATTERN:
                self._walk(list(av[3]), group_ignores_case(av, icase), in_repeat=in_repeat)
            elif op is _c.BRANCH:
                for alt in av[1]:
                    self._walk(list(alt), icase, in_repeat=in_repeat)
            elif op is _c.ATOMIC_GROUP:
                self._walk(list(av), icase, in_repeat=in_repeat)
            elif op in (_c.ASSERT, _c.ASSERT_NOT):
                self._walk(list(av[1]), icase, in_repeat=in_repeat)
            elif op is _c.GROUPREF_EXISTS:
                self._walk(list(av[1]), icase, in_repeat=in_repeat)
                if av[2] is not None:
                    self._walk(list(av[2]), icase, in_repeat=in_repeat)

    def _report(self, shape: str, detail: str) -> None:
        problem = Problem(shape, detail)
        if problem not in self.found:
            self.found.append(problem)

    def _repeated_body(self, body: list[_Node], icase: bool) -> None:
        """A body repeated without bound: can one text be cut into rounds in many ways?"""
        spine = _spine(body, icase)
        for k, (op, av, ic) in enumerate(spine):
            others = [(o, a, c) for j, (o, a, c) in enumerate(spine) if j != k]
            if _varying(op, av):
                inner = self._node_chars(op, av, ic)
                if self._unseparated(others, inner):
                    self._report("nested repeat", f"a repeat of varying length ({_show(op, av)}) inside a "
                                 "repeated group, with nothing in the group to tell the rounds apart")
            elif op is _c.BRANCH:
                inner = self._node_chars(op, av, ic)
                if not self._unseparated(others, inner):
                    continue
                alts = [list(alt) for alt in av[1]]
                for alt in alts:
                    for o, a, c in _spine(alt, ic):
                        if _varying(o, a) and self._unseparated(
                                [x for x in _spine(alt, ic) if x != (o, a, c)], self._node_chars(o, a, c)):
                            self._report("nested repeat", f"a repeat of varying length ({_show(o, a)}) in an "
                                         "alternative of a repeated group")
                if self._ambiguous(alts, ic):
                    self._report("ambiguous alternation", "alternatives of a repeated group can match the same "
                                 "text, so a run of it can be cut into rounds in many ways")

    def _unseparated(self, others: list[tuple[Any, Any, bool]], inner: frozenset[str]) -> bool:
        """True when every other item of the round is optional or can take the inner item's characters."""
        for op, av, ic in others:
            if _nullable(op, av):
                continue
            if not (self._node_chars(op, av, ic) & inner):
                return False
        return True

    def _ambiguous(self, alts: list[list[_Node]], icase: bool) -> bool:
        words = [_word(alt, icase) for alt in alts]
        if all(w is not None for w in words):
            return not _uniquely_decodable([w for w in words if w is not None])
        for i in range(len(alts)):
            for j in range(i + 1, len(alts)):
                a, b = alts[i], alts[j]
                if (self.edge(a, icase, last=False) & self.edge(b, icase, last=False)
                        and self.edge(a, icase, last=True) & self.edge(b, icase, last=True)):
                    return True
        return False

    def _adjacent(self, nodes: list[_Node], icase: bool) -> None:
        """Two unbounded repeats side by side whose boundary can move: a run either can take."""
        spine = _spine(nodes, icase)
        for k, (op, av, ic) in enumerate(spine):
            if not _unbounded_single(op, av):
                continue
            ends = self._node_edge(op, av, ic, True)
            for j in range(k + 1, len(spine)):
                o, a, c = spine[j]
                if _unbounded_single(o, a):
                    rest = spine[j + 1 :]
                    tail_any = _takes_any(o, a) and all(_nullable(x, y) for x, y, _ in rest)
                    starts = self._node_edge(o, a, c, False)
                    # a character either repeat can take where they meet (runs of spaces are collapsed by
                    # normalisation, so space alone does not count) ...
                    shared = {ch for ch in ends & starts if not ch.isspace()}
                    # ... or a whole round of one that could be a round of the other (" #tag" in two lists)
                    rounds = (not _one_char(av) and not _one_char(a) and bool(
                        self._node_edge(op, av, ic, False) & starts) and bool(ends & self._node_edge(o, a, c, True)))
                    if (shared or rounds) and not tail_any:
                        such = f" (such as {min(shared)!r})" if shared else ""
                        self._report("adjacent repeats", f"{_show(op, av)} and {_show(o, a)} can take the same "
                                     f"text{such}, so a long run of it can be split between the two in as many "
                                     "ways as it is long")
                if not _nullable(o, a):
                    break


def _spine(nodes: Iterable[_Node], icase: bool) -> list[tuple[Any, Any, bool]]:
    """The items of a sequence with plain groups opened up (a group with one alternative is its items)."""
    out: list[tuple[Any, Any, bool]] = []
    for op, av in nodes:
        if op is _c.SUBPATTERN:
            inner = list(av[3])
            ic = group_ignores_case(av, icase)
            if len(inner) == 1 and inner[0][0] is _c.BRANCH:
                out.append((inner[0][0], inner[0][1], ic))
            else:
                out.extend(_spine(inner, ic))
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # consume nothing
        else:
            out.append((op, av, icase))
    return out


def _large(maximum: int) -> bool:
    return maximum is _MAXREPEAT or maximum == _MAXREPEAT or maximum > LARGE


def _varying(op: Any, av: Any) -> bool:
    """A (backtracking) repeat that can take different numbers of rounds."""
    return op in _REPEATS and av[1] > av[0] and (av[1] >= 2 or _nullable_seq(av[2]))


def _unbounded_single(op: Any, av: Any) -> bool:
    return op in _REPEATS and _large(av[1])


def _one_char(av: Any) -> bool:
    """Whether a repeat's body is a single character item."""
    body = list(av[2])
    return len(body) == 1 and body[0][0] in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN, _c.CATEGORY)


def _takes_any(op: Any, av: Any) -> bool:
    body = list(av[2])
    return len(body) == 1 and body[0][0] is _c.ANY


def _nullable_seq(nodes: Iterable[_Node]) -> bool:
    return all(_nullable(op, av) for op, av in nodes)


def _nullable(op: Any, av: Any) -> bool:
    if op in _REPEATS or op is _POSSESSIVE:
        return av[0] == 0 or _nullable_seq(av[2])
    if op is _c.SUBPATTERN:
        return _nullable_seq(av[3])
    if op is _c.BRANCH:
        return any(_nullable_seq(alt) for alt in av[1])
    if op is _c.ATOMIC_GROUP:
        return _nullable_seq(av)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT, _c.GROUPREF):
        return True
    if op is _c.GROUPREF_EXISTS:
        return _nullable_seq(av[1]) or av[2] is None or _nullable_seq(av[2])
    return False


def _word(nodes: Iterable[_Node], icase: bool) -> str | None:
    """The alternative as a plain string when it is one (case-folded under ignore-case), else None."""
    out: list[str] = []
    for op, av, _ in _spine(nodes, icase):
        if op is not _c.LITERAL or is_placeholder(av):
            return None
        out.append(chr(av))
    word = "".join(out)
    return fold(word) if icase else word


def _uniquely_decodable(words: list[str]) -> bool:
    """Sardinas-Patterson: whether no text splits into ``words`` in two ways (the empty word never is)."""
    code = set(words)
    if len(code) < len(words) or "" in code:
        return False

    def quotient(a: set[str], b: set[str]) -> set[str]:
        return {y[len(x):] for x in a for y in b if y.startswith(x)}

    dangling = quotient(code, code) - {""}
    seen: set[frozenset[str]] = set()
    while dangling:
        if dangling & code or "" in dangling:
            return False
        key = frozenset(dangling)
        if key in seen:
            return True
        seen.add(key)
        dangling = quotient(code, dangling) | quotient(dangling, code)
        if "" in dangling:
            return False
    return True


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W", "CATEGORY_LINEBREAK": r"\n", "CATEGORY_NOT_LINEBREAK": r".",
}


@lru_cache(maxsize=1024)
def _matching(escape: str, universe: str) -> frozenset[str]:
    """The characters of ``universe`` that the regex (one character long) matches."""
    try:
        return frozenset(regex.findall(escape, universe))
    except regex.error:
        return frozenset(universe)


def _key(op: Any, av: Any, icase: bool, kind: int) -> tuple[Any, int, bool, int]:
    # parsed nodes live as long as the analysis, so their identity names them; a code point names itself
    return op, av if isinstance(av, int) else id(av), icase, kind


def _show(op: Any, av: Any) -> str:
    lo, hi = av[0], av[1]
    bound = "*" if (lo, _large(hi)) == (0, True) else "+" if (lo, _large(hi)) == (1, True) else (
        f"{{{lo},}}" if _large(hi) else f"{{{lo},{hi}}}")
    return f"a repeat {bound}"
