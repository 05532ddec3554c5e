"""The native core's one table of rule records (module.c: every pass reads a Rule's attributes through it) against
the Python passes, which read the Rule itself: pages naming more rules than the table keeps, so it is emptied in
the middle of a page, and a rule set registered, used, replaced by one of the same rule names with other labels and
used again in one process, so stale records would show as other labels."""

from __future__ import annotations

import gc
import json

import pytest

import newsclean
from newsclean import label, native, registry
from newsclean.model import Label
from newsclean.normalize import normalize_lines
from newsclean.rules import Rule, RuleSet
from newsclean.segment import split_lines

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

RULE_SLOTS = 1024  # module.c's NC_RULE_SLOTS; more rules than that on one page overfill any table of that size
PROSE = ("Pemerintah daerah menyatakan bahwa pembangunan jembatan baru itu akan selesai pada akhir tahun ini, "
         "setelah tertunda beberapa bulan karena cuaca buruk yang melanda wilayah tersebut.")
SHAPES: list[dict[str, object]] = [  # the attributes the passes read, in turns
    dict(label=Label.NAV),
    dict(label=Label.PROMO, stops_body=False),
    dict(label=Label.META, pattern=r"Oleh (?P<author>\w+) (?P<n>\d+)"),
    dict(label=Label.META, pattern=r"(?P<published>\d+ Maret 2024) (?P<n>\d+)"),
    dict(label=Label.CAPTION, previous=Label.CAPTION, previous_field=None),
    dict(label=Label.RELATED, claims_list=True),
    dict(label=Label.UI, opens_body=True),
    dict(label=Label.AD, next=Label.AD),
    dict(label=Label.META, next=Label.META, next_field="author"),
]
SWAPPED: list[dict[str, object]] = [SHAPES[(k + 4) % len(SHAPES)] for k in range(len(SHAPES))]


def _rules(count: int, shapes: list[dict[str, object]]) -> tuple[Rule, ...]:
    rules = []
    for k in range(count):
        shape = dict(shapes[k % len(shapes)])
        if shape.get("pattern"):
            # one pattern a rule: the k in the line tells the rules apart
            shape["pattern"] = str(shape["pattern"]).replace(r"(?P<n>\d+)", str(k))
        else:
            shape["lines"] = (f"Bagian nomor {k}",)
        rules.append(Rule(f"r{k}", **shape))  # type: ignore[arg-type]
    return tuple(rules)


def _line(k: int, shapes: list[dict[str, object]]) -> str:
    pattern = shapes[k % len(shapes)].get("pattern")
    if pattern is None:
        return f"Bagian nomor {k}"
    return f"Oleh Budi {k}" if "author" in str(pattern) else f"{k % 28 + 1} Maret 2024 {k}"


def _page(count: int, shapes: list[dict[str, object]]) -> str:
    lines = ["Judul Berita Yang Panjang Tentang Jembatan Baru Di Daerah", ""]
    for k in range(count):
        lines += [_line(k, shapes), "Keterangan Foto Jembatan", PROSE if k % 7 == 0 else "Menu", ""]
    return "\n".join(lines)


def _record(text: str, outlet: str, native_on: bool) -> str:
    previous = native.use(native_on)
    try:
        article = newsclean.clean(text, outlet=outlet, language=False)
        return json.dumps(article.to_dict(lines=True), ensure_ascii=False, sort_keys=True, default=str)
    finally:
        native.use(previous)


def _labels(text: str, outlet: str) -> list[tuple[str, str]]:
    """label_lines on both paths (the passes it calls native, then in Python): the same Layout; its labels."""
    raw = split_lines(text)
    lines = normalize_lines(text)
    rules = registry.compiled(outlet)
    layouts = []
    for passes_native in (True, False):
        previous = native.use(passes_native)
        try:
            expected = label.label_lines(raw, lines, rules)
            got = native.structure().label_lines(raw, lines, rules)
        finally:
            native.use(previous)
        assert got == expected
        layouts.append(got)
    return [(line.label.value, line.rule) for line in layouts[0].lines]


def _register(name: str, count: int, shapes: list[dict[str, object]]) -> None:
    registry.register(RuleSet(name, rules=_rules(count, shapes)), replace=True)


def test_a_page_naming_more_rules_than_the_table_keeps() -> None:
    count = RULE_SLOTS + 100
    _register("ruletable-many", count, SHAPES)
    text = _page(count, SHAPES)
    for _ in range(2):  # the second time with the table holding some of the page's rules
        labels = _labels(text, "ruletable-many")
        assert _record(text, "ruletable-many", True) == _record(text, "ruletable-many", False)
    # every rule was read: each named its own line, with its own label
    named = {rule for _, rule in labels if rule.startswith("ruletable-many.r") and ":" not in rule}
    assert len(named) == count


def test_a_rule_set_replaced_in_one_process_is_read_afresh() -> None:
    name = "ruletable-swap"
    text = _page(60, SHAPES)
    seen = []
    rounds: list[list[dict[str, object]]] = [SHAPES, SWAPPED] * 3
    for shapes in rounds:
        _register(name, 60, shapes)
        labels = _labels(text, name)
        assert _record(text, name, True) == _record(text, name, False)
        seen.append(labels)
        gc.collect()  # the replaced Rules go: a table keyed by bare addresses would meet new Rules at old ones
    # the same rule names gave other labels once replaced, and the first ones again after
    assert seen[0] != seen[1]
    assert seen[0::2] == [seen[0]] * 3 and seen[1::2] == [seen[1]] * 3
