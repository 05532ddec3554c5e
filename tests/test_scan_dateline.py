"""The native dateline call (``_speedups.c``'s ``Scanner.dateline``, ``CompiledRuleSet.native_dateline``, what
body.c calls for each prose line) against the reference, the plain alternation of every dateline rule."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import devset_pages, seed_pages, variant_pages
from newsclean import MatchTimeout, native, registry, rules
from newsclean.rules import CompiledRuleSet, time_limit

BUILT = pytest.mark.skipif(not native.available(), reason="the native core is not built here")
NAMES = sorted(registry.rulesets())
GOLD_LINES = sorted({line.strip() for page in (*seed_pages(), *variant_pages(), *devset_pages())
                     for line in page.text.split("\n")} - {""})


def _examples(compiled: CompiledRuleSet) -> list[str]:
    return [x for d in compiled.datelines for x in (*d.examples, *d.counterexamples)]


@BUILT
def test_native_dateline_is_the_native_call() -> None:
    # not the Python method: that one would cost body.c a Python frame a prose line
    assert not hasattr(registry.compiled("generic").native_dateline, "__func__")


@BUILT
@pytest.mark.parametrize("name", NAMES)
def test_every_gold_line_gets_the_dateline_of_the_plain_alternation(name: str) -> None:
    compiled = registry.compiled(name)
    found = 0
    for line in (*GOLD_LINES, *_examples(compiled)):
        expected = compiled.reference_dateline(line)
        assert compiled.native_dateline(line) == expected, line
        found += expected is not None
    assert found


@BUILT
@given(st.sampled_from(NAMES), st.data())
def test_a_changed_dateline_example_gets_the_same_dateline_on_both_paths(name: str, data: st.DataObject) -> None:
    compiled = registry.compiled(name)
    line = data.draw(st.sampled_from(_examples(compiled)))
    cut = data.draw(st.integers(0, len(line)))
    line = line[:cut] + data.draw(st.text(alphabet=st.sampled_from(" ,.-–()ABJakrt\u00a0\u0130"), max_size=12))
    assert compiled.native_dateline(line) == compiled.reference_dateline(line), line


@BUILT
def test_where_each_call_is_timed_or_the_core_is_off_the_python_method_answers() -> None:
    compiled = registry.compiled("generic")
    lines = [x for x in GOLD_LINES if compiled.reference_dateline(x) is not None][:20]
    assert lines
    expected = [compiled.reference_dateline(x) for x in lines]
    calls: list[str] = []
    python = compiled.dateline

    def counted(line: str) -> object:
        calls.append(line)
        return python(line)

    table = list(compiled._dateline_table)
    table[-1] = counted
    scanner = compiled._dateline_scanner
    assert scanner is not None
    assert [scanner.dateline(tuple(table), x) for x in lines] == expected
    assert calls == []  # the native path answered
    found: list[object] = []

    def timed() -> None:  # in another thread the page timer cannot be used: each call is timed on its own
        with time_limit(30):
            assert rules._deadline.get() is not None
            found.extend(scanner.dateline(tuple(table), x) for x in lines)

    thread = threading.Thread(target=timed)
    thread.start()
    thread.join()
    assert found == expected and calls == lines
    previous = native.use(False)
    try:
        assert [scanner.dateline(tuple(table), x) for x in lines] == expected
    finally:
        native.use(previous)
    assert calls == lines * 2


@BUILT
def test_a_timeout_in_a_dateline_call_names_the_rule() -> None:
    compiled = registry.compiled("generic")
    line = next(x for x in GOLD_LINES if compiled.reference_dateline(x) is not None)

    def stopped(line: str) -> None:
        raise MatchTimeout("the page ran past its time limit (in clean)")  # what the page timer's signal raises

    table = list(compiled._dateline_table)
    table[0] = (stopped,) * len(compiled.datelines)
    with pytest.raises(MatchTimeout, match=r"^dateline base\.\S+ ran past the page's time limit on [0-9,]+ char"):
        compiled._dateline_scanner.dateline(tuple(table), line)  # type: ignore[union-attr]
    with pytest.raises(TypeError):
        compiled._dateline_scanner.dateline(tuple(table[:-1]), line)  # type: ignore[union-attr]
