"""Which rule sets exist, what they are called, and which one a page belongs to.

Rule sets arrive through the entry-point group ``newsclean.rulesets`` (the
built-in ones too) or through :func:`register`.  An entry point may name a
:class:`~newsclean.rules.RuleSet`, a path to a TOML rule set, or a callable
returning either.  Compiled rule sets are cached by name.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from urllib.parse import urlsplit

import regex

from . import native, safety
from .prefilter import fold, line_start_literal, required_literal
from .regex_syntax import compile_flagged
from .rules import (
    CompiledRuleSet,
    RuleSet,
    RuleSetError,
    check_ruleset,
    compile_ruleset,
    ruleset_from_toml,
    timed,
    untimed,
)

ENTRY_POINT_GROUP = "newsclean.rulesets"
#: The rule set used when no outlet's rule set matches a page.
FALLBACK = "generic"


class UnknownOutletError(LookupError):
    """An outlet name (or alias) that no registered rule set answers to."""


class RuleSetWarning(UserWarning):
    """A rule set offered through an entry point could not be loaded and was left out."""


class UnknownOutletWarning(UserWarning):
    """``clean(outlet=...)`` named no registered rule set; the generic one was used."""


_lock = threading.RLock()
_rulesets: dict[str, RuleSet] = {}
_aliases: dict[str, str] = {}
_compiled: dict[str, CompiledRuleSet] = {}
_signatures: dict[str, tuple[_Signature, ...]] = {}
# the native scan of every outlet's signatures, the outlet and signature of each index in it, the outlets that pass
# their min_score with no signature found, and the _signatures it was made from (a test may put other tables in place)
_signature_scan: list[tuple[native.Scanner | None, tuple[tuple[str, _Signature], ...], tuple[str, ...],
                            tuple[tuple[str, tuple[_Signature, ...]], ...]]] = []
# the _signatures dict the scan above was last found made from (a look at its identity spares comparing its items)
_scan_checked: list[object] = []
# the host table (see _host_tables), the hosts already looked up in it, and the rule sets (the _rulesets dict itself)
# they were made from; None until made, or once the rule sets change
_hosts: tuple[dict[str, tuple[int, RuleSet]], dict[str, RuleSet | None], object] | None = None
# How many hosts a process remembers the outlet of (emptied when full): a corpus of many sites stays bounded.
_HOSTS_SEEN = 4096
_broken: dict[str, str] = {}
_added: list[RuleSet] = []
_loaded = False


def register(ruleset: RuleSet | str | Path, *, replace: bool = False) -> RuleSet:
    """Add a rule set (a :class:`RuleSet`, or a path to its TOML file) and return it.

    Raises :class:`~newsclean.rules.RuleSetError` if the name or an alias is taken
    (unless ``replace``) or if the rule set is unsound.
    """
    _load_entry_points()
    added = _add(_as_ruleset(ruleset), replace=replace)
    with _lock:
        _added[:] = [rs for rs in _added if rs.name != added.name] + [added]
    return added


def added() -> tuple[RuleSet, ...]:
    """The rule sets added with :func:`register` in this process (worker processes get them too)."""
    with _lock:
        return tuple(_added)


def rulesets() -> tuple[str, ...]:
    """Names of every registered rule set, sorted."""
    _load_entry_points()
    return tuple(sorted(_rulesets))


def get(name: str) -> RuleSet:
    """The rule set called ``name`` (or one of its aliases, in any case)."""
    _load_entry_points()
    key = _aliases.get(name.strip().casefold())
    if key is None and name in _broken:
        raise RuleSetError(_broken[name])
    if key is None:
        known = ", ".join(sorted(_rulesets))
        raise UnknownOutletError(f"unknown outlet {name!r}; known rule sets: {known}")
    return _rulesets[key]


def compiled(name: str) -> CompiledRuleSet:
    """The compiled form of the rule set called ``name`` (built once, then cached)."""
    # every page: a rule set's own name (the one get() reads it as), compiled already; a dict read needs no lock
    found = _compiled.get(name)
    if found is not None and _aliases.get(name.strip().casefold()) == name:
        return found
    ruleset = get(name)
    with _lock:
        found = _compiled.get(ruleset.name)
        if found is None:
            with untimed():  # (a rule set compiles once per process: 0.2 s of CPU for a built-in one, no part of
                # the page's time limit)
                found = compile_ruleset(ruleset, get)
            _compiled[ruleset.name] = found
        return found


def choose(text: str | Sequence[str], *, outlet: str | None = None, url: str | None = None) -> RuleSet:
    """The rule set to clean a page with: the one named, else the detected one, else the fallback.

    ``text`` is the page's text, or its lines (joined with "\\n" only when its signatures are searched).
    """
    if outlet is not None:
        try:
            return get(outlet)
        except UnknownOutletError as exc:
            warnings.warn(f"{exc}; cleaning with the generic rule set", UnknownOutletWarning, stacklevel=3)
            return get(FALLBACK)
    return detect(text, url) or get(FALLBACK)


def detect(text: str | Sequence[str], url: str | None = None) -> RuleSet | None:
    """The outlet rule set for a page: by the URL's host when given, else by text signatures.

    ``text`` is the page's text, or its lines (joined with "\\n" only when its signatures are searched).
    """
    _load_entry_points()
    if url:
        by_host = _by_host(url)
        if by_host is not None:
            return by_host
    if not isinstance(text, str):
        text = "\n".join(text)
    found = _scanned(text)
    if found is None:
        texts = _Texts(text)
        return _decided({name: _score(patterns, texts) for name, patterns in _signature_patterns().items()})
    hits, owners, passing = found
    # the scan names the signatures whose superset occurs in the text: only those are searched for, as above; an
    # outlet none of whose signatures is found scores 0, and only those that pass with 0 can be chosen so
    scored = dict.fromkeys(passing, 0)
    for k in hits:  # (each once, in order)
        name, signature = owners[k]
        if timed(signature.pattern.search, text, "a signature") is not None:
            scored[name] = scored.get(name, 0) + signature.weight
    return _decided(scored)


def _decided(scores: Mapping[str, int]) -> RuleSet | None:
    """The outlet of the highest score among those that reach their rule set's ``min_score``; None when none does or
    two tie there (two outlets marked as strongly leave the page undecided: a wrong outlet costs more than none)."""
    best, top, tied = None, 0, False
    for name, score in scores.items():
        if score < _rulesets[name].min_score:
            continue
        if best is None or score > top:
            best, top, tied = name, score, False
        elif score == top:
            tied = True
    return None if best is None or tied else _rulesets[best]


def _by_host(url: str) -> RuleSet | None:
    """The first outlet rule set (in registration order) one of whose hosts is the URL's host or a domain of it."""
    host = _url_host(url)
    if host is None:
        return None
    table, seen, _ = _host_tables()
    if host in seen:  # (a corpus holds many pages of each host)
        return seen[host]
    # the host and each domain it is in ("www.suara.com", "suara.com", "com"): one look-up each, not one per host
    found = table.get(host)
    dot = host.find(".")
    while dot >= 0:
        owner = table.get(host[dot + 1:])
        if owner is not None and (found is None or owner[0] < found[0]):
            found = owner
        dot = host.find(".", dot + 1)
    if len(seen) >= _HOSTS_SEEN:
        seen.clear()
    seen[host] = None if found is None else found[1]
    return seen[host]


# A plain "http(s)://host/..." URL: an ASCII host with no user, port, brackets or characters urlsplit removes, up to
# the path, query or fragment.  Its host is the one urlsplit(...).hostname gives, lowercased.
_PLAIN_URL = re.compile(r"https?://([^/?#@\[\]:\t\r\n\x80-\U0010ffff]*+)(?=[/?#]|\Z)")


def _url_host(url: str) -> str | None:
    """The host of ``url`` casefolded, as ``urllib.parse.urlsplit(url).hostname`` gives it ("" for none; an address
    without a scheme, "www.suara.com/a", is read as a host and path); None when it is no URL ("[", a bad port).

    The common URL is read by one pattern; anything else (a user, a port, an IPv6 address, a host not in ASCII, no
    scheme) by urlsplit, 4-6 us a URL against 0.4 (tests/test_registry.py holds the two equal).
    """
    plain = _PLAIN_URL.match(url)
    if plain is not None:
        return plain[1].lower()
    try:
        return (urlsplit(url if "//" in url else f"//{url}").hostname or "").casefold()
    except ValueError:  # not a URL at all ("[", a bad port): no host to go by
        return None


def _host_tables() -> tuple[dict[str, tuple[int, RuleSet]], dict[str, RuleSet | None], object]:
    """Each host an outlet rule set names -> the first such rule set, with its place in registration order; the hosts
    looked up in it so far -> their outlet (see :func:`_by_host`); and the rule sets they were made from.  Made again
    when the rule sets change (:func:`_add`, or a test putting another table in place)."""
    global _hosts
    found = _hosts  # (one read: another thread may set it meanwhile)
    if found is not None and found[2] is _rulesets:
        return found
    with _lock:
        if _hosts is None or _hosts[2] is not _rulesets:
            table: dict[str, tuple[int, RuleSet]] = {}
            for order, ruleset in enumerate(_rulesets.values()):
                if not ruleset.generic:
                    for h in ruleset.hosts:
                        table.setdefault(h, (order, ruleset))
            _hosts = (table, {}, _rulesets)
        return _hosts


# How many of a line's first characters stand for its opening in the test for line-start literals.
_OPENING = 3


@dataclass(frozen=True, slots=True)
class _Signature:
    pattern: regex.Pattern[str]
    weight: int
    # a literal every match holds, and whether it is folded: a page without it is not searched
    literal: tuple[tuple[str, ...], bool] | None
    # for a pattern anchored at a line start: literals one of which opens a line where it matches
    opens: tuple[tuple[str, ...], bool] | None = None

    def may_match(self, texts: _Texts) -> bool:
        """Whether the page holds the literals a match needs (True when none is known)."""
        if self.opens is not None:
            literals, folded = self.opens
            # the set of the lines' first three characters rules most literals out at once
            openings = texts.openings(folded)
            text = texts.get(folded)
            return any(x[:_OPENING] in openings and (text.startswith(x) or f"\n{x}" in text) for x in literals)
        return self.literal is None or any(x in texts.get(self.literal[1]) for x in self.literal[0])


class _Texts:
    """A page's text, and its folded copy (``prefilter.fold``) made on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._openings: dict[bool, frozenset[str]] = {}

    def openings(self, folded: bool) -> frozenset[str]:
        """The first three characters of every line (of the folded text when ``folded``)."""
        found = self._openings.get(folded)
        if found is None:
            found = self._openings[folded] = frozenset(line[:_OPENING] for line in self.get(folded).split("\n"))
        return found

    def get(self, folded: bool) -> str:
        if not folded:
            return self.text
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded


def _score(signatures: tuple[_Signature, ...], texts: _Texts) -> int:
    # each signature is searched on its own: in one alternation a weak mention would hide a
    # strong lead tag that starts at the same place
    return sum(s.weight for s in signatures
               if s.may_match(texts) and timed(s.pattern.search, texts.text, "a signature") is not None)


def _scanned(text: str) -> tuple[tuple[int, ...], tuple[tuple[str, _Signature], ...], tuple[str, ...]] | None:
    """The indices of the signatures the native scan finds may occur in ``text``, the outlet and signature of each
    index, and the outlets that pass their ``min_score`` with no signature found (None: no native scan)."""
    if not native.enabled():
        return None
    current = _signature_patterns()
    with _lock:
        if not _signature_scan or not _scan_checked or _scan_checked[0] is not current:
            patterns = tuple(current.items())
            if not _signature_scan or _signature_scan[0][3] != patterns:
                owners: list[tuple[str, _Signature]] = []
                flat: list[tuple[str, bool]] = []
                for name, signatures in patterns:
                    owners.extend((name, s) for s in signatures)
                    flat.extend((s.pattern, s.ignore_case) for s in _rulesets[name].signatures)
                passing = tuple(name for name, _ in patterns if _rulesets[name].min_score <= 0)
                with untimed():
                    scanner = native.scanner(flat, range(len(flat)), whole=False)
                _signature_scan[:] = [(scanner, tuple(owners), passing, patterns)]
            _scan_checked[:] = [current]
        scanner, by_index, passing, _ = _signature_scan[0]
    found = scanner.scan(text) if scanner is not None else None
    return None if found is None else (found, by_index, passing)


def _signature_patterns() -> dict[str, tuple[_Signature, ...]]:
    with _lock:
        if not _signatures:
            for name, rs in _rulesets.items():
                if rs.generic or not rs.signatures:
                    continue
                _signatures[name] = tuple(
                    _Signature(compile_flagged(s.pattern, s.ignore_case), s.weight,
                               required_literal(s.pattern, s.ignore_case),
                               line_start_literal(s.pattern, s.ignore_case, shortest=_OPENING))
                    for s in rs.signatures
                )
        return _signatures


def _as_ruleset(value: object) -> RuleSet:
    if isinstance(value, RuleSet):
        return value
    if isinstance(value, Path):
        return ruleset_from_toml(value)
    if isinstance(value, str):
        return ruleset_from_toml(Path(value))
    if callable(value):
        return _as_ruleset(value())
    raise RuleSetError(f"cannot register {type(value).__name__}: expected a RuleSet or a TOML path")


def _add(ruleset: RuleSet, *, replace: bool) -> RuleSet:
    global _hosts
    # a rule set built in Python is checked as one read from TOML is: no pattern that can backtrack
    # catastrophically, every rule matching its examples and none of its counterexamples
    problems = safety.check_ruleset(ruleset) or check_ruleset(ruleset)
    if problems:
        raise RuleSetError(f"rule set {ruleset.name!r}: " + "; ".join(problems))
    with _lock:
        names = [ruleset.name, *ruleset.aliases]
        for n in names:
            owner = _aliases.get(n.casefold())
            if owner is not None and owner != ruleset.name and not replace:
                raise RuleSetError(f"name {n!r} of rule set {ruleset.name!r} is already taken by {owner!r}")
        if ruleset.name in _rulesets and not replace:
            raise RuleSetError(f"a rule set called {ruleset.name!r} is already registered")
        _rulesets[ruleset.name] = ruleset
        for n in names:
            _aliases[n.casefold()] = ruleset.name
        # any compiled set may extend the one just added
        _compiled.clear()
        _signatures.clear()
        _signature_scan.clear()
        _scan_checked.clear()
        _hosts = None
        return ruleset


def _load_entry_points() -> None:
    global _loaded
    if _loaded:
        return
    # loading happens once per process, on the first page perhaps: no part of that page's time limit
    with _lock, untimed():
        if _loaded:
            return
        # the built-in rule sets first, whatever the order of sys.path: a plug-in cannot take over their names
        found = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: not _built_in(ep))
        offered_by: dict[str, str] = {}
        for ep in found:
            try:
                ruleset = _as_ruleset(ep.load())
                if ruleset.name in _rulesets:
                    kept = offered_by.get(ruleset.name, "register()")
                    warnings.warn(f"entry point {ep.name!r} ({ep.value}) is left out: its rule set {ruleset.name!r} "
                                  f"has the name of the one from {kept}, which is kept", RuleSetWarning, stacklevel=3)
                    continue
                _add(ruleset, replace=False)
                offered_by[ruleset.name] = ep.value
            except Exception as exc:  # a plug-in's code may raise anything (ValueError, SyntaxError, ...)
                # One broken plug-in must not take the others down: it is left out, with a
                # warning now and the same message as an error whenever it is asked for by name.
                message = (f"entry point {ep.name!r} ({ep.value}) gives no usable rule set: "
                           f"{type(exc).__name__}: {exc}")
                _broken[ep.name] = message
                warnings.warn(message, RuleSetWarning, stacklevel=3)
        _loaded = True


def _built_in(ep: EntryPoint) -> bool:
    """Whether an entry point names one of newsclean's own rule sets."""
    return ep.module.partition(".")[0] == __name__.partition(".")[0]
