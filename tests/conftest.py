"""Shared test data: the gold pages (seeds and devset), the gold comparison form, hypothesis profiles.

Test modules import the helpers below with ``from conftest import ...``: pytest puts this directory
on ``sys.path`` (rootdir ``tests/`` has no ``__init__.py``), and the gold pages must be known at
collection time to parametrise over them.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import newsclean
from newsclean import native, registry

TESTS = Path(__file__).resolve().parent
SEEDS = TESTS.parent / "seeds"
VARIANTS = TESTS / "variants"
HELDOUT = TESTS / "heldout"
HELDOUT2 = TESTS / "heldout2"
HELDOUT3 = TESTS / "heldout3"
DEVSET = TESTS / "devset"

# The native core's compiled databases: kept with pytest's cache, not in the user's (worker processes inherit it).
os.environ.setdefault("NEWSCLEAN_CACHE_DIR", str(TESTS.parent / ".pytest_cache" / "newsclean"))

# Where the native core is not built, the suite runs the pure-Python path as chosen (NEWSCLEAN_PURE_PYTHON, which
# worker processes and the command line inherit): no NativeWarning in the output the tests read. The header says so.
if not native.available():
    os.environ.setdefault("NEWSCLEAN_PURE_PYTHON", "1")
    native.use(False)


def pytest_report_header() -> str:
    built = "built" if native.available() else f"NOT built ({native._MISSING}): the pure-Python path only"
    return f"newsclean native core: {built}"


# Modest by default so the suite stays quick; HYPOTHESIS_PROFILE=ci digs deeper.
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@dataclass(frozen=True, eq=False)  # hashed by identity: pages are loaded once and cached
class Page:
    """A raw page text with its gold annotation (format: ../shared/LABELS.md)."""

    name: str
    site: str
    text: str
    gold: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.site}/{self.name}" if self.site != "seeds" else self.name


def _load(gold_path: Path, site: str) -> Page:
    text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
    # bytes, not read_text(): universal newlines would rewrite any CR the gold line numbers count on
    text = text_path.read_bytes().decode("utf-8")
    return Page(text_path.stem, site, text, json.loads(gold_path.read_text(encoding="utf-8")))


@cache
def seed_pages() -> tuple[Page, ...]:
    """The seed pages, one per outlet with a rule set."""
    return tuple(_load(p, "seeds") for p in sorted(SEEDS.glob("*.gold.json")))


@cache
def variant_pages() -> tuple[Page, ...]:
    """Pages written to the five outlets' other templates (tests/variants, tests/heldout*; OUTLET/NAME.txt).

    tests/heldout and tests/heldout2 were written blind to the rules and scored before any rule was fixed for them.
    """
    folders = (VARIANTS, HELDOUT, HELDOUT2)
    return tuple(_load(p, p.parent.name) for d in folders for p in sorted(d.glob("*/*.gold.json")))


@cache
def scraper_pages() -> tuple[Page, ...]:
    """Pages of the five outlets as other scrapers print them (tests/heldout3: reader mode, joined header
    lines, CRLF and invisible characters, mojibake, HTML entities, AMP), written blind to the rules."""
    return tuple(_load(p, p.parent.name) for p in sorted(HELDOUT3.glob("*/*.gold.json")))


@cache
def devset_pages() -> tuple[Page, ...]:
    """The devset pages of every site (tests/devset/SITE/NAME.txt)."""
    return tuple(_load(p, p.parent.name) for p in sorted(DEVSET.glob("*/*.gold.json")))


_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """The comparison form of LABELS.md: NFKC, curly quotes and dashes to ASCII, white-space runs collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip()


def fold_all(texts: Any) -> list[str]:
    """``fold`` over a sequence of strings."""
    return [fold(t) for t in texts]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (big inputs: seconds each, a couple of minutes together) run where ``CI`` or
    ``NEWSCLEAN_SLOW`` is set in the environment (.ci/run runs with CI=true) and are skipped elsewhere."""
    if os.environ.get("CI") or os.environ.get("NEWSCLEAN_SLOW"):
        return
    skip = pytest.mark.skip(reason="slow: set NEWSCLEAN_SLOW=1 (or CI) to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def clean_lines(*lines: str, outlet: str | None = "generic") -> newsclean.Article:
    """A page of ``lines``, cleaned with the generic rule set (or ``outlet``), language not identified."""
    return newsclean.clean("\n".join(lines), outlet=outlet, language=False)


# The test modules that run every test on both matching paths, the native core's scan (where it is built) and
# the pure Python, which must give the same output: the gold pages, the property tests, the lookup's tests.
BOTH_PATHS = frozenset({"test_gold", "test_devset_gold", "test_properties", "test_prefilter"})
PATHS = ("native", "python")
# The modules that run on the pure-Python path only: test_timeout's slow lines are ones the native scan rules out
# before any pattern runs, and there the time limit on the regex module's calls is what is tested
# (tests/test_native.py has the native side of it).
PYTHON_ONLY = frozenset({"test_timeout"})


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "matching" in metafunc.fixturenames and metafunc.module.__name__ in BOTH_PATHS:
        metafunc.parametrize("matching", PATHS, indirect=True, scope="module")


@pytest.fixture(scope="module", autouse=True)
def matching(request: pytest.FixtureRequest) -> Iterator[str]:
    """The matching path a module's tests run on: "native" (the default; skipped where the extension is not
    built) or "python" (modules in BOTH_PATHS run both)."""
    path: str = getattr(request, "param", "python" if request.module.__name__ in PYTHON_ONLY else "native")
    if path == "native" and not native.available():
        if request.module.__name__ not in BOTH_PATHS:
            yield "python"  # the rest of the suite runs on what there is
            return
        pytest.skip("the native core is not built here (tests/test_native.py fails in CI when it is missing)")
    previous = native.use(path == "native")
    # rule sets remember the answers for short lines: compiled afresh, every line is looked up on this path
    with registry._lock:
        registry._compiled.clear()
    yield path
    native.use(previous)
    with registry._lock:
        registry._compiled.clear()
