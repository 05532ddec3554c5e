"""The native label.paragraphs (``newsclean._structure``) against label.py's, the reference: the same paragraphs on
every gold page's lines and on made-up Line records, and the same error where the Python raises one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import core, label, native
from newsclean.model import Label, Line

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")


def _outcome(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except Exception as exc:  # (the two must fail alike)
        return type(exc)


def _same(lines: Any) -> tuple[str, ...]:
    expected = _outcome(label.paragraphs, lines)
    got = _outcome(native.structure().paragraphs, lines)
    assert got == expected
    assert type(got) is type(expected)
    return got  # type: ignore[no-any-return]


def test_every_gold_page_has_the_same_paragraphs() -> None:
    previous = native.use(False)  # the layouts of the reference
    try:
        for page in (*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages()):
            lines = core.clean(page.text, language=False).lines
            assert _same(lines) == _same(list(lines))
            assert _same(lines) == tuple(line.text[len(line.prefix):] for line in lines if line.label == Label.BODY)
    finally:
        native.use(previous)


_TEXT = st.text(st.sampled_from("ab .\u00e9\u4e2d"), max_size=8)
_LINES = st.lists(st.builds(Line, st.integers(0, 99), _TEXT, st.sampled_from(list(Label)), st.just("rule"), _TEXT),
                  max_size=12)


@given(_LINES)
def test_made_up_lines_have_the_same_paragraphs(lines: list[Line]) -> None:
    # prefixes longer than their line and non-ASCII text included
    _same(tuple(lines))
    _same(lines)


def _untyped(value: object) -> Any:
    return value


class _Marked(Line):
    @property
    def content(self) -> str:
        return "marked"


def test_odd_calls_read_as_the_python() -> None:
    lines = (Line(0, "isi", Label.BODY, "r"),)
    for args, kwargs in [((), {"lines": lines}), ((), {}), ((lines, lines), {}), ((lines,), {"lines": lines}),
                         ((), {"other": lines})]:
        assert _outcome(native.structure().paragraphs, *args, **kwargs) == _outcome(label.paragraphs, *args,
                                                                                            **kwargs)


@pytest.mark.parametrize("lines", [
    (),
    [],
    (Line(0, "Dateline -- isi.", Label.BODY, "r", "Dateline -- "),),
    (Line(0, "ab", Label.BODY, "r", "abc"), Line(1, "", Label.BODY, "r")),
    (Line(0, "nav", Label.NAV, "r"), Line(1, "isi", Label.BODY, "r")),
    iter([Line(0, "isi", Label.BODY, "r")]),  # not a list or tuple: the Python function
    (_Marked(0, "isi", Label.BODY, "r"),),  # a subclass: its own content
    (Line(0, _untyped(5), Label.BODY, "r"),),  # not str: the error Python raises
    (Line(0, "isi", _untyped("body"), "r"),),  # a str label, not the Label member: no paragraph
    (("0", "isi", Label.BODY, "r", ""),),  # a plain tuple: no content
    None,
])
def test_odd_inputs_read_as_the_python(lines: Any) -> None:
    if isinstance(lines, type(iter([]))):
        items: list[Any] = list(lines)
        assert native.structure().paragraphs(iter(items)) == label.paragraphs(_untyped(iter(items)))
        return
    _same(lines)
