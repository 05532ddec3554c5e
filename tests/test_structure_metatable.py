"""The native metadata pass reads a rule's name, label, pattern and claimed fields through the native core's one
table of rules (module.c, nc_rule_read), as every other native pass does.  These pages put each of those readings
to work (a claimed line's previous or next field, set or not; a meta rule with no pattern; a joined part matched by
a rule of another label; a footer list ended, or not, by a credit) and hold the native pass to metadata.extract,
with a compiled rule set and with a rule set that hands out a new copy of a rule at each call."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import metadata, native, rules
from newsclean.label import Layout
from newsclean.model import Label, Line
from newsclean.rules import CompiledRuleSet, Match, Rule

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

_RULESET = rules.compile_ruleset(rules.ruleset_from_dict({
    "name": "tablecheck",
    "rules": [
        {"name": "writer", "label": "meta", "pattern": r"Penulis: (?P<author>.+)"},
        {"name": "editor", "label": "meta", "pattern": r"Editor: (?P<editor>.+)"},
        {"name": "dated", "label": "meta", "pattern": r"Diterbitkan (?P<published>.+)"},
        {"name": "tag", "label": "meta", "lines": ["Tag", "Topik"]},
        {"name": "menu", "label": "nav", "pattern": r"Menu (?P<author>.+)"},
        {"name": "reporter", "label": "meta", "lines": ["Reporter"], "previous": "meta",
         "previous_field": "author", "next": "meta", "next_field": "editor"},
        {"name": "photo", "label": "caption", "lines": ["Foto"], "previous": "caption"},
    ],
}), lambda name: pytest.fail(f"no base {name}"))

# (text, rule name) of the lines a header or a footer is drawn from
_META_LINES = [
    ("Penulis: Budi Santoso", "tablecheck.writer"),
    ("Editor: Rina Ayu Lestari", "tablecheck.editor"),
    ("Diterbitkan Rabu, 12 Januari 2022 13:50 WIB", "tablecheck.dated"),
    ("Tag", "tablecheck.tag"),
    ("Andi Wijaya", "tablecheck.reporter:previous"),
    ("Siti Rahmawati", "tablecheck.reporter:next"),
    ("Dewi Kartika", "tablecheck.photo:previous"),
    ("Joko Susilo", "tablecheck.tag:next"),
    ("Bambang Hartono", "tablecheck.missing"),
    ("Penulis: Budi Santoso | Tag | Menu Andi Wijaya", "tablecheck.writer"),
    ("Tag | Penulis: Agus Salim | Rabu, 12 Januari 2022 | 14:00 WIB", "tablecheck.tag"),
    ("Editor: Rina Ayu | Menu Hendra Gunawan | Topik", "tablecheck.editor"),
]
_FOOTER_LINES = [*_META_LINES, ("Baca juga berita lain", "structure.footer_list")]
_BODY = "Pemerintah kota mengumumkan rencana pembangunan jalan baru yang akan dimulai pada bulan depan."


class _CopyingRules:
    """A rule set that is no CompiledRuleSet and gives a new Rule object each time it is asked (so the native pass
    asks rules.rule itself, and reads each copy afresh)."""

    def __init__(self, compiled: CompiledRuleSet) -> None:
        self._compiled = compiled

    def rule(self, name: str) -> Rule | None:
        found = self._compiled.rule(name)
        return None if found is None else dataclasses.replace(found)

    def match(self, line: str) -> Match | None:
        found = self._compiled.match(line)
        return None if found is None else Match(found.index, dataclasses.replace(found.rule))


def _layout(header: list[tuple[str, str]], footer: list[tuple[str, str]]) -> Layout:
    lines: list[Line] = []
    for text, rule in header:
        lines.append(Line(len(lines), text, Label.META, rule, ""))
    start = len(lines)
    lines.append(Line(start, _BODY, Label.BODY, "structure.body", ""))
    for text, rule in footer:
        label = Label.RELATED if rule == "structure.footer_list" else Label.META
        lines.append(Line(len(lines), text, label, rule, ""))
    return Layout(tuple(lines), start, start, None, None, None)


def _outcome(call: Any, layout: Layout, ruleset: Any) -> Any:
    try:
        return call(layout, ruleset)
    except Exception as exc:  # the error is the outcome compared
        return type(exc), str(exc)


def _assert_alike(layout: Layout) -> None:
    for ruleset in (_RULESET, _CopyingRules(_RULESET)):
        expected = _outcome(metadata.extract, layout, ruleset)
        assert _outcome(native.structure().extract, layout, ruleset) == expected
        # again, from what the native pass remembered of the lines and the rules
        assert _outcome(native.structure().extract, layout, ruleset) == expected


def test_each_rule_reading_gives_the_python_fields() -> None:
    layout = _layout(_META_LINES, [_FOOTER_LINES[-1], _META_LINES[0], _FOOTER_LINES[-1], _META_LINES[3]])
    _assert_alike(layout)
    found = metadata.extract(layout, _RULESET)
    # the readings these pages are built to reach: a pattern's group, a claimed previous and next field, a joined
    # part's group, a footer credit past a list start
    assert {"Budi Santoso", "Andi Wijaya", "Agus Salim"} <= set(found.authors)
    assert {"Siti Rahmawati", "Rina Ayu Lestari"} <= set(found.editors)
    assert found.published is not None
    assert "Hendra Gunawan" not in found.authors  # a nav rule's group is no field
    # a footer list goes on past a line whose rule credits a writer, and ends above one whose rule credits none
    credited = _layout([], [_FOOTER_LINES[-1], _META_LINES[0]])
    uncredited = _layout([], [_FOOTER_LINES[-1], _META_LINES[4]])
    _assert_alike(credited)
    _assert_alike(uncredited)
    assert metadata.extract(credited, _RULESET).authors == ("Budi Santoso",)
    assert metadata.extract(uncredited, _RULESET).authors == ()
    assert metadata.extract(_layout([_META_LINES[4]], []), _RULESET).authors == ("Andi Wijaya",)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_META_LINES), max_size=8), st.lists(st.sampled_from(_FOOTER_LINES), max_size=8))
def test_a_page_of_claimed_and_joined_meta_lines_has_the_same_metadata(
        header: list[tuple[str, str]], footer: list[tuple[str, str]]) -> None:
    _assert_alike(_layout(header, footer))
