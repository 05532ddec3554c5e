"""The optional native core: one multi-pattern scan that tells which rules (or signatures) may match.

The C extension ``newsclean._speedups`` wraps Hyperscan (or its fork Vectorscan), a regex engine that
scans a text once for many patterns at a time, in time linear in the text.  newsclean does not hand it
the rule patterns as they are: each pattern is read with the standard library's parser (the reader
``prefilter`` uses) and written out again as a pattern that matches a **superset** of what the
``regex`` module matches (:func:`superset`).  The scan names the rules whose superset matches a line,
and the rule's own pattern, with the ``regex`` module, confirms them in rule order exactly as the
Python path does: the scan only decides which patterns are worth trying, never which rule wins.  A
rule or signature whose pattern cannot be written so (or that the engine refuses) is tried on every
line, as without the extension.

The engine reads bytes: a text is scanned as one byte a character, a Latin-1 character as its own code
and every character past U+00FF as byte 0xFF (no encoding step, and no text it cannot take).  How a
pattern is widened, piece by piece:

* a single character (a literal, a class, ``\\d``, ``.``): a class of bytes holding its Latin-1 members
  exactly, found by asking the ``regex`` module about each of the 256 characters with the pattern's
  case and dot flags, and 0xFF when it may match a character past U+00FF (a case-sensitive literal or
  class of literals and ranges only when one of them lies there; ignoring case, also when one of its
  Latin-1 members folds past it, :data:`FOLDS_PAST_LATIN1`; a category, a negated class, always);
* anchors, word boundaries and lookarounds match nothing: they are left out, which can only let
  more strings through;
* an atomic group or possessive repeat becomes a plain group or repeat; a back reference, any text;
* a bounded repeat keeps its bounds up to :data:`_BOUND` and is open-ended past it.

Hyperscan compiles in its prefilter mode, which may widen a pattern further, never narrow it.

The rule lookup scans a line's opening for every rule at once (an alternative that opens with a run of prose, as
".{0,600}(Foto: X)", searched for past its run instead: :func:`opening_superset`); before a rule's pattern call it
then scans the line for that rule's superset alone, anchored at both ends (:func:`whole_line_scan`): alone in its
database, that scan stops where the pattern can go no further, and rules out most lines whose opening only
resembles a match (the opening scan of many patterns at once cannot be tightened so cheaply).
Compiling a rule set's patterns takes about a second: the database is kept on disk (:func:`newsclean.cache.folder`) and
loaded from there by the next process, in a millisecond.

The switch: ``NEWSCLEAN_PURE_PYTHON=1`` in the environment (read at import) or :func:`use` turns the
native core off, so the tests run every page through both paths.  Where the extension was not built
(no compiler or no Hyperscan headers at install time), the Python path runs, with one
:class:`NativeWarning` the first time a rule set is compiled.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.machinery
import os
import platform
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from functools import lru_cache
from typing import Any, TypeVar, cast

import regex

from . import cache, regex_syntax
from .regex_syntax import Unreadable, is_placeholder, sre


def _extension(name: str) -> tuple[Any, str | None]:
    """The C extension ``newsclean.<name>`` and None, or None and why it is not there.  Only a built extension
    counts: in a source checkout whose build failed, ``_structure`` (the folder of its C files) would import as an
    empty namespace package."""
    try:
        module = importlib.import_module(f"newsclean.{name}")
    except ImportError as exc:  # built without the compiler (or the Hyperscan headers): the Python path
        return None, str(exc)
    origin = getattr(module.__spec__, "origin", None) or ""
    if not origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        return None, f"newsclean.{name} was not built (found {origin or 'a folder'} instead)"
    return module, None


_speedups, _MISSING = _extension("_speedups")
_structure, _ = _extension("_structure")

_F = TypeVar("_F", bound=Callable[..., Any])
_C = TypeVar("_C", bound=type)

__all__ = ["NativeWarning", "Scanner", "Untranslatable", "available", "enabled",
           "opening_superset", "record", "scanner", "structural", "structure_available", "superset", "use",
           "whole_line_scan"]

# The environment variable that, set to anything but "" or "0", turns the native core off; and its state.
_ENV = "NEWSCLEAN_PURE_PYTHON"
_on = os.environ.get(_ENV, "") in ("", "0")
if _structure is not None:
    _structure.use(_on)
_warned = False
# A bounded repeat's bounds are kept up to this count; a larger one makes the engine's automaton large.
_BOUND = 8
_LATIN1 = "".join(map(chr, range(256)))
# The Latin-1 characters that, ignoring case, the regex module matches with a character past U+00FF
# ("k" with the Kelvin sign, "s" with the long s...); tests/test_native.py checks it against the installed module.
FOLDS_PAST_LATIN1 = frozenset("IKSiksµÅßåÿ")
# Hyperscan flags (hs_compile.h): "." matches every byte, each pattern reports once, a pattern may match "".
_HS_DOTALL, _HS_SINGLEMATCH, _HS_ALLOWEMPTY = 0x02, 0x08, 0x10
_HS_PREFILTER = 0x80
FLAGS = _HS_DOTALL | _HS_SINGLEMATCH | _HS_ALLOWEMPTY | _HS_PREFILTER
# How many database files the cache folder keeps (0.5-1 MB each; the built-in rule sets make fifteen, and tests
# register many more), and their suffix.
_KEPT = 64
_SUFFIX = ".hsdb"
# The same for the databases of one pattern each (whole_line_scan: a few kB each; the built-in rules make 200).
_KEPT_ONE = 1024
_ONE_SUFFIX = ".hsone"
# The repeats; and how many characters a repeat of one class may run to for opening_superset to search past it.
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
_LONG_RUN = 16
_PROSE = frozenset(map(ord, " abcdefghijklmnopqrstuvwxyz"))
# The layout of a database file kept on disk (the indices tried on every text, a line end, the engine's bytes).
_FORMAT = 1
# A kept file larger than this is no database this library wrote (the built-in rule sets' are 0.5-1 MB).
_LARGEST_DATABASE = 64 << 20


class NativeWarning(UserWarning):
    """The native core is not built here: newsclean runs its pure-Python path (same output, slower)."""


class Untranslatable(ValueError):
    """A pattern :func:`superset` cannot write for the engine: its rule is tried on every line."""


def available() -> bool:
    """Whether the extension was built and imports."""
    return _speedups is not None


def structure_available() -> bool:
    """Whether the structural passes' extension (``newsclean._structure``) was built and imports."""
    return _structure is not None


def structural(name: str, python: _F) -> _F:
    """The structural pass ``python`` (the reference), run by its native version ``name`` in
    ``newsclean._structure`` while the native core is on and that version is built; else by ``python``.

    The native pass reads its constants and patterns from the Python modules (``setup``, once), so a
    threshold or pattern changed there changes both; the tests run every page through both and compare.
    Which of the two runs is decided in C at each call (``newsclean._structure.Switch``, flipped by :func:`use`):
    no Python frame stands between a caller and the pass.
    """
    found = getattr(_structure, name, None) if _structure is not None else None
    if found is None:
        return python
    _native_passes[name] = found
    return cast(_F, _structure.Switch(found, python, structure, _shown))


def _shown(native: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``native(*args, **kwargs)``, the call a Switch makes through here while a profiler runs: cProfile then
    reports the native pass by name (``{built-in method newsclean._structure.label_lines}``), as before the choice
    moved to C."""
    return native(*args, **kwargs)


def record(cls: _C) -> _C:
    """What makes a ``cls`` (a frozen dataclass with slots, as :class:`~newsclean.model.Article`): while the native
    core is on, each field is set in C through its slot, as the class's generated ``__init__`` sets it with
    ``object.__setattr__`` (one C call, not a Python frame and a call a field); else ``cls`` itself.

    ``cls`` itself where the extension is not built or the class's making does more (a ``__post_init__``, a
    ``__new__``, a field ``__init__`` does not take); a call that does not give every field once goes to ``cls``.
    """
    if _structure is None or not _plain_record(cls):
        return cls
    names = tuple(f.name for f in dataclasses.fields(cls))
    return cast(_C, _structure.Switch(_structure.Record(cls, names), cls, structure))


def _plain_record(cls: type) -> bool:
    """Whether ``cls``'s generated ``__init__`` only sets its fields, each in a slot of its own."""
    params = getattr(cls, "__dataclass_params__", None)
    return (dataclasses.is_dataclass(cls) and params is not None and params.init and params.frozen
            and "__slots__" in vars(cls) and not hasattr(cls, "__post_init__") and cls.__new__ is object.__new__
            and all(f.init for f in dataclasses.fields(cls)))


# The native version of each pass handed to structural(), by name.
_native_passes: dict[str, Callable[..., Any]] = {}


@lru_cache(maxsize=1)
def structure() -> Any:
    """The structural passes' extension, set up: each pass has read its module's constants and patterns."""
    from . import body, header, label, metadata, normalize, record, shape
    from .model import Label

    _structure.setup(tuple(Label), shape, body, header, label, normalize, metadata, record)
    return _structure


def enabled() -> bool:
    """Whether matching uses the native core now (built, and not switched off); warns once when it is not built."""
    if _speedups is None:
        _warn_missing()
        return False
    return _on


def use(native: bool) -> bool:
    """Switch the native core on or off for this process (the tests run both paths); returns the previous state.

    Rule sets compiled before keep their scanners: the switch is read at every line looked up.
    """
    global _on
    previous, _on = _on, native
    if _structure is not None:
        _structure.use(native)  # the switch the passes read (structural)
    return previous


def _warn_missing() -> None:
    global _warned
    if not _warned and _on and _speedups is None:
        _warned = True
        if _structure is None:  # no compiler at install time: neither extension was built
            warnings.warn(f"newsclean's native core is not built ({_MISSING}); running the pure-Python path, same "
                          "output, about three times slower. To build it: a C compiler and the Python headers, and "
                          "apt-get install libhyperscan-dev (or libvectorscan-dev), then pip install again",
                          NativeWarning, stacklevel=2)
        else:
            warnings.warn(f"newsclean's native rule scan is not built ({_MISSING}); the structural passes run "
                          "natively, the rule lookup in Python, same output. To build the scan: apt-get install "
                          "libhyperscan-dev (or libvectorscan-dev), then pip install again", NativeWarning,
                          stacklevel=2)


class Scanner:
    """Which of a list of patterns may match a text: one native scan, then the caller confirms.

    ``patterns[i]`` is ``(pattern, ignore_case)``, or None for no pattern (never reported);
    ``items[i]`` is what :meth:`scan` returns for it.  With ``whole``, a pattern must match
    the whole text (a line); with ``start``, a prefix of it (:func:`opening_superset`); otherwise anywhere in it
    (a page).
    """

    #: ``match_lines(lines, table, cached_line, cache_size)``: ``rules.CompiledRuleSet.match`` of each line of a
    #: list in one call (``table``: its ``_native_table``): the line table, the literal tables, a scan of each line
    #: looked up, and the rules the scan names confirmed in rule order (the C method itself: one call a page)
    match_lines: Callable[[list[str], tuple[object, ...], int, int], list[Any]]
    #: ``dateline(table, line)``: ``rules.CompiledRuleSet.dateline(line)`` in one native call (``table``: its
    #: ``_dateline_table``): the scan of the line's opening, the first dateline rule named whose own pattern
    #: matches (a timeout in its call raised again naming the rule), and the prefix and city it cuts; the Python
    #: method answers where it would not take this path.  The C method itself: no Python frame in a call made for
    #: each prose line of a page.
    dateline: Callable[[tuple[object, ...], str], Any]

    def __init__(self, patterns: Sequence[tuple[str, bool] | None], items: Sequence[object], *, whole: bool,
                 start: bool = False) -> None:
        self._native = _database(tuple(patterns), whole, start)
        self._items = tuple(items)
        #: the indices of the patterns tried on every text: not written for the engine, or refused by it
        self.always: tuple[int, ...] = tuple(self._native.always)
        self.match_lines = self._native.match_lines
        self.dateline = self._native.dateline
        #: the engine's scanner itself (``newsclean._speedups.Scanner``), for a native table to name
        self.engine: Any = self._native

    def scan(self, text: str) -> tuple[Any, ...] | None:
        """The items of the patterns that may match ``text``, in pattern order (None: no scan, try them all)."""
        found: tuple[Any, ...] | None = self._native.scan(text, self._items)
        return found


@lru_cache(maxsize=64)
def _database(patterns: tuple[tuple[str, bool] | None, ...], whole: bool, start: bool) -> Any:
    """The engine's database for these patterns: built once per process (a rule set registered again, or
    extending a changed base, compiles the same patterns), and kept on disk (:func:`newsclean.cache.folder`):
    writing and compiling a rule set's patterns takes about a second, loading them a few milliseconds."""
    return _kept_database(patterns, whole, start, _SUFFIX, _KEPT)


def whole_line_scan(pattern: str, ignore_case: bool) -> Any | None:
    """The engine's scan of ``pattern``'s superset over a whole line (``newsclean._speedups.Scanner``, one pattern):
    a line it does not name, the pattern's ``fullmatch`` cannot match.  None where the extension is not built or
    the pattern cannot be written for the engine (nothing to rule out).

    The native rule lookup asks it before a rule's pattern call: anchored at both ends of the line and alone in
    its database, the scan stops where the pattern can go no further, most often within a few characters.
    """
    if _speedups is None:
        return None
    return _one_database(pattern, ignore_case)


@lru_cache(maxsize=1024)
def _one_database(pattern: str, ignore_case: bool) -> Any | None:
    """:func:`whole_line_scan`, built once per process for every rule set holding the pattern (a base's rules are
    in each outlet's), and kept on disk (each a few kilobytes, apart from the rule sets' databases)."""
    database = _kept_database(((pattern, ignore_case),), True, False, _ONE_SUFFIX, _KEPT_ONE)
    return None if database.always else database


def _kept_database(patterns: tuple[tuple[str, bool] | None, ...], whole: bool, start: bool, suffix: str,
                   kept: int) -> Any:
    """The database of :func:`_database`, from the cache folder's ``*{suffix}`` files (the last ``kept`` used)."""
    name = cache.name(lambda: _key(patterns, whole, start))
    kept_bytes = None if name is None else cache.read(name, suffix, limit=_LARGEST_DATABASE)
    if kept_bytes is not None:
        # not one this library and CPU can run (a probe scan tells): compiled again
        with suppress(ValueError, RuntimeError):
            listed, _, data = kept_bytes.partition(b"\n")
            tried = {int(i) for i in listed.decode().split(",") if i}  # on every text: not written, or refused
            loaded = _speedups.load(data, [i in tried for i in range(len(patterns))])
            loaded.scan("", (None,) * len(patterns))
            return loaded
    expressions: list[str | None] = []
    always: list[bool] = []
    for found in patterns:
        written = None
        if found is not None:
            with suppress(Untranslatable):  # tried on every text instead
                written = (f"\\A(?:{superset(*found)})\\z" if whole else opening_superset(*found) if start
                           else superset(*found))
        expressions.append(written)
        always.append(found is not None and written is None)
    database = _speedups.Scanner(expressions, always, FLAGS)
    if name is not None:
        cache.write(name, suffix, ",".join(map(str, database.always)).encode() + b"\n" + database.serialize(),
                    kept=kept)
    return database


def _key(patterns: tuple[tuple[str, bool] | None, ...], whole: bool, start: bool) -> list[object]:
    """What names the database file of ``patterns``: everything that decides its bytes (the code that writes
    the patterns for the engine and the reader it uses, the regex module it asks, the engine and the machine)."""
    return [_FORMAT, _speedups.ENGINE, platform.machine(), sys.version, regex.__version__, FLAGS, whole, start,
            patterns, _code()]


@lru_cache(maxsize=1)
def _code() -> str:
    """A digest of this module's source and of the reader's (``regex_syntax``), or "" where they cannot be read."""
    return cache.source_digest(__file__, regex_syntax.__file__)



def scanner(patterns: Sequence[tuple[str, bool] | None], items: Sequence[object], *, whole: bool,
            start: bool = False) -> Scanner | None:
    """A :class:`Scanner` for ``patterns``, or None when the native core is not built (warned once)."""
    if _speedups is None:
        _warn_missing()
        return None
    return Scanner(patterns, items, whole=whole, start=start)


# ---------------------------------------------------------------------------
# Writing a pattern as one the engine takes, matching a superset of it


def superset(pattern: str, ignore_case: bool = False) -> str:
    """``pattern`` (``regex`` module syntax) as a Hyperscan pattern (UTF-8 mode, "." matching all) that matches
    every string the ``regex`` module's ``fullmatch`` (``search``) accepts, and maybe more.

    Raises :class:`Untranslatable` for a pattern the standard parser cannot read or a construct not known here.
    """
    items, flags, escapes = _read(pattern, ignore_case)
    return _sequence(items, flags, escapes)


def opening_superset(pattern: str, ignore_case: bool = False) -> str:
    """A Hyperscan pattern, its anchors written in, found in every text an opening of which ``pattern`` matches
    (as ``regex``'s ``match``): :func:`superset` anchored at the text's start, except an alternative that opens with
    a run of prose (:func:`_after_long_runs`: ``.{0,600}X``, ``[^)]{3,}\\(Foto``), which is searched for anywhere
    without its run (``X``).  A superset still: where the alternative matches an opening, what follows its run
    matches somewhere.

    Anchored, such an alternative keeps the engine's scan alive along a whole paragraph (15 of the generic rule
    set's patterns, the credits and copyright lines opening with any text): searched for, the engine looks for what
    follows the run instead, and a rule set's scan of a paragraph costs about a sixth less.
    """
    items, flags, escapes = _read(pattern, ignore_case)
    anchored: list[str] = []
    searched: list[str] = []
    for branch, branch_flags in _alternatives(items, flags):
        rest = _after_long_runs(branch, branch_flags, escapes)
        if rest is None:
            anchored.append(_sequence(branch, branch_flags, escapes))
        else:
            searched.append(_sequence(rest, branch_flags, escapes))
    if not searched:  # as it is (its alternatives apart, the engine's automaton may be larger)
        return f"\\A(?:{_sequence(items, flags, escapes)})"
    return "|".join(([f"\\A(?:{'|'.join(anchored)})"] if anchored else []) + [f"(?:{x})" for x in searched])


def _alternatives(items: Sequence[tuple[Any, Any]], flags: int) -> list[tuple[list[tuple[Any, Any]], int]]:
    """A sequence's alternatives with the flags they are read with: one whose first item (zero-width items, written
    as nothing, left out) is an alternation is one alternative a branch, each followed by the rest of the sequence
    (``(?:A|B)C``: ``AC``, ``BC``), and each split likewise; one opening with a group, the group's alternatives
    followed by the rest (the group's flags kept in a group of their own)."""
    found = [(op, av) for op, av in items if op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)]
    if found and found[0][0] is sre.BRANCH:
        return [alternative for branch in found[0][1][1]
                for alternative in _alternatives([*branch, *found[1:]], flags)]
    if found and found[0][0] is sre.SUBPATTERN:
        group, add, remove, inner = found[0][1]
        inner_flags = (flags | add) & ~remove
        return [(alternative if not found[1:] and own == flags else
                 [(sre.SUBPATTERN, (group, own & ~flags, flags & ~own, alternative)), *found[1:]], flags)
                for alternative, own in _alternatives(list(inner), inner_flags)]
    return [(found, flags)]


def _after_long_runs(items: Sequence[tuple[Any, Any]], flags: int,
                     escapes: Mapping[int, str]) -> list[tuple[Any, Any]] | None:
    """The items after the runs of prose that open the sequence (a repeat of one character class holding the space
    and every small ASCII letter, :data:`_LONG_RUN` or more allowed; within an opening group, the group's own), or
    None where it does not open with one.  A run of a narrower class (a word, digits) ends within a few characters of
    a paragraph's start: anchored, its alternative costs the engine little, and searched for without it, the rest
    may open with a literal as common as ".": left as it is."""
    at = 0
    while at < len(items) and items[at][0] in _REPEATS:
        _, high, inner = items[at][1]
        inner = list(inner)
        if not (len(inner) == 1 and inner[0][0] in (sre.ANY, sre.IN, sre.NOT_LITERAL, sre.LITERAL)
                and (high is sre.MAXREPEAT or high >= _LONG_RUN)
                and _PROSE.issubset(_members(inner[0][0], inner[0][1], flags, escapes))):
            break
        at += 1
    if at < len(items) and items[at][0] is sre.SUBPATTERN:
        group, add, remove, inner = items[at][1]
        rest = _after_long_runs(list(inner), (flags | add) & ~remove, escapes)
        if rest is not None:
            return [(sre.SUBPATTERN, (group, add, remove, rest)), *items[at + 1:]]
    return list(items[at:]) if at else None


def _read(pattern: str, ignore_case: bool) -> tuple[list[tuple[Any, Any]], int, Mapping[int, str]]:
    """``pattern``'s top-level items, its flags (``ignore_case`` added) and its placeholders' escapes."""
    try:
        parsed = regex_syntax.parse(pattern)
    except Unreadable as exc:
        raise Untranslatable(f"{pattern}: {exc}") from exc
    return parsed.items, parsed.tree.state.flags | (sre.SRE_FLAG_IGNORECASE if ignore_case else 0), parsed.escapes


def _sequence(items: Sequence[tuple[Any, Any]], flags: int, escapes: Mapping[int, str]) -> str:
    return "".join(_node(op, av, flags, escapes) for op, av in items)


def _node(op: Any, av: Any, flags: int, escapes: Mapping[int, str]) -> str:
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return _class(op, av, flags, escapes)
    if op is sre.SUBPATTERN:
        _, add, remove, inner = av
        return f"(?:{_sequence(list(inner), (flags | add) & ~remove, escapes)})"
    if op is sre.BRANCH:
        return "(?:" + "|".join(_sequence(list(branch), flags, escapes) for branch in av[1]) + ")"
    if op in _REPEATS:
        low, high, inner = av
        body = f"(?:{_sequence(list(inner), flags, escapes)})"
        if high is sre.MAXREPEAT or high > _BOUND:
            return f"{body}{{{min(low, _BOUND)},}}"
        return f"{body}{{{low},{high}}}"
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return f"(?:{_sequence(list(av), flags, escapes)})"
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return ""  # zero-width: leaving it out lets more through, never less
    if op is sre.GROUPREF:
        return ".*"  # the text of a group: any text
    if op is sre.GROUPREF_EXISTS:
        _, yes, no = av
        otherwise = _sequence(list(no), flags, escapes) if no is not None else ""
        return f"(?:{_sequence(list(yes), flags, escapes)}|{otherwise})"
    raise Untranslatable(f"{op}")


def _class(op: Any, av: Any, flags: int, escapes: Mapping[int, str]) -> str:
    """One character's piece of pattern as a class of bytes: Latin-1 exact, byte 0xFF for ÿ and all beyond."""
    members = _members(op, av, flags, escapes)
    ranges: list[list[int]] = []
    for b in sorted(members):
        if ranges and ranges[-1][1] == b - 1:
            ranges[-1][1] = b
        else:
            ranges.append([b, b])
    return "[" + "".join(f"\\x{lo:02x}" if lo == hi else f"\\x{lo:02x}-\\x{hi:02x}" for lo, hi in ranges) + "]"


def _members(op: Any, av: Any, flags: int, escapes: Mapping[int, str]) -> set[int]:
    """The bytes of :func:`_class`'s class."""
    source, high = _source(op, av, flags, escapes)
    try:
        found = _compiled(source, flags).findall(_LATIN1)
    except regex.error as exc:  # a piece read otherwise than the regex module reads it: no superset to write
        raise Untranslatable(f"{source}: {exc}") from None
    if any(len(c) != 1 for c in found):  # (seen where Latin-1 holds two characters it matches in a row)
        raise Untranslatable(f"{source}: not one character")
    members = set(map(ord, found))
    if high:
        members.add(0xFF)
    if not members:
        raise Untranslatable(source)  # a class nothing matches
    return members


@lru_cache(maxsize=4096)
def _compiled(source: str, flags: int) -> regex.Pattern[str]:
    return regex.compile(source, regex.V0 | (regex.IGNORECASE if flags & sre.SRE_FLAG_IGNORECASE else 0)
                         | (regex.DOTALL if flags & sre.SRE_FLAG_DOTALL else 0))


def _source(op: Any, av: Any, flags: int, escapes: Mapping[int, str]) -> tuple[str, bool]:
    """The ``regex`` source of one character's piece, and whether it may match a character past U+00FF."""
    folds = bool(flags & sre.SRE_FLAG_IGNORECASE)
    if op is sre.ANY:
        return ".", True
    if op is sre.LITERAL:
        if is_placeholder(av):
            return escapes[av], True
        return _item(sre.LITERAL, av, escapes), av > 0xFF or (folds and chr(av) in FOLDS_PAST_LATIN1)
    if op is sre.NOT_LITERAL:
        return f"[^{_item(sre.LITERAL, av, escapes)}]", True
    negated = bool(av) and av[0][0] is sre.NEGATE
    items = av[1:] if negated else av
    text = "[" + ("^" if negated else "") + "".join(_item(o, a, escapes) for o, a in items) + "]"
    if negated or not all(o is sre.RANGE or (o is sre.LITERAL and not is_placeholder(a)) for o, a in items):
        return text, True
    # a class of characters and ranges: past U+00FF only if one of them is, or (ignoring case) one of its
    # Latin-1 members matches a character past it
    return text, any((a if o is sre.LITERAL else a[1]) > 0xFF for o, a in items) or (
        folds and any(c in FOLDS_PAST_LATIN1 for c in _compiled(text, flags).findall(_LATIN1)))


def _item(op: Any, av: Any, escapes: Mapping[int, str]) -> str:
    """One member of a class as ``regex`` source; a placeholder is the escape it stands for (a POSIX class,
    kept as "[[:alpha:]]", without its outer brackets)."""
    if op is sre.LITERAL:
        if is_placeholder(av):
            escape = escapes[av]
            return escape[1:-1] if escape.startswith("[[:") else escape
        return f"\\U{av:08x}"
    if op is sre.RANGE:
        return f"\\U{av[0]:08x}-\\U{av[1]:08x}"
    if op is sre.CATEGORY:
        name = str(getattr(av, "name", av)).upper()
        for key, source in (("NOT_DIGIT", r"\D"), ("DIGIT", r"\d"), ("NOT_SPACE", r"\S"), ("SPACE", r"\s"),
                            ("NOT_WORD", r"\W"), ("WORD", r"\w")):
            if key in name:
                return source
    raise Untranslatable(f"{op} {av}")
