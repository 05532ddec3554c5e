"""Rules as data: every rule and dateline agrees with its own examples, alone and compiled; the TOML
loader rejects unsound rule sets with a message that names the culprit."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import registry
from newsclean.rules import CompiledRuleSet, Dateline, Rule, RuleSetError, ruleset_from_toml

NAMES = newsclean.rulesets()
OWN_RULES = [(name, rule) for name in NAMES for rule in newsclean.get(name).rules]
OWN_DATELINES = [(name, d) for name in NAMES for d in newsclean.get(name).datelines]
COMPILED_RULES = [(name, i) for name in NAMES for i in range(len(registry.compiled(name).rules))]
COMPILED_DATELINES = [(name, i) for name in NAMES for i in range(len(registry.compiled(name).datelines))]


def matches_alone(rule: Rule, line: str) -> bool:
    """The rule's documented meaning, written out independently of the library's matcher."""
    if line in rule.lines or (rule.ignore_case and line.casefold() in {x.casefold() for x in rule.lines}):
        return True
    flags = regex.IGNORECASE if rule.ignore_case else 0
    return rule.pattern is not None and regex.fullmatch(rule.pattern, line, flags=flags) is not None


def first_matching(compiled: CompiledRuleSet, line: str) -> int | None:
    return next((i for i, rule in enumerate(compiled.rules) if matches_alone(rule, line)), None)


def opens_with(dateline: Dateline, line: str) -> regex.Match[str] | None:
    m = regex.match(dateline.pattern, line)
    # a prefix is only a dateline when text follows it
    return m if m is not None and m.end() < len(line) else None


def test_the_built_in_rule_sets_are_registered() -> None:
    assert {"base", "generic", "suara", "kompastv", "republika", "pikiran-rakyat", "okezone"} <= set(NAMES)


@pytest.mark.parametrize(("owner", "rule"), OWN_RULES, ids=[f"{o}.{r.name}" for o, r in OWN_RULES])
def test_rule_matches_its_examples_and_not_its_counterexamples(owner: str, rule: Rule) -> None:
    assert rule.examples, "a rule without examples is never checked"
    assert [ex for ex in rule.examples if not matches_alone(rule, ex)] == []
    assert [ex for ex in rule.counterexamples if matches_alone(rule, ex)] == []


@pytest.mark.parametrize(("owner", "dateline"), OWN_DATELINES, ids=[f"{o}.{d.name}" for o, d in OWN_DATELINES])
def test_dateline_opens_its_examples_and_not_its_counterexamples(owner: str, dateline: Dateline) -> None:
    assert dateline.examples, "a dateline without examples is never checked"
    assert [ex for ex in dateline.examples if opens_with(dateline, ex) is None] == []
    assert [ex for ex in dateline.counterexamples if opens_with(dateline, ex) is not None] == []


@pytest.mark.parametrize(("name", "index"), COMPILED_RULES,
                         ids=[f"{n}:{registry.compiled(n).rules[i].name}" for n, i in COMPILED_RULES])
def test_compiled_rule_set_gives_each_example_its_rule_an_earlier_one_of_its_label_or_an_override(
    name: str, index: int
) -> None:
    # An outlet's own rules may take a line from a base rule on purpose (that is what extending
    # a base is for: Suara's "-" bullets are headline lists, not stray punctuation); a base
    # rule may lose its examples only to the extending set's own rules, never to another base rule.
    compiled = registry.compiled(name)
    rule = compiled.rules[index]
    own = f"{name}."
    wrong = []
    for example in rule.examples:
        m = compiled.match(example)
        overridden = m is not None and not rule.name.startswith(own) and m.rule.name.startswith(own)
        if m is None or not (m.index == index or (m.index < index and m.rule.label is rule.label) or overridden):
            wrong.append((example, None if m is None else f"{m.rule.name} ({m.rule.label})"))
    assert wrong == [], f"{rule.name} ({rule.label}) loses its examples to other rules"


@pytest.mark.parametrize("name", NAMES)
def test_compiled_rule_set_picks_the_first_rule_in_order(name: str) -> None:
    # own rules before their bases', and within a set the order of the file: literal lines included
    compiled = registry.compiled(name)
    lines = {x for rs in NAMES for r in newsclean.get(rs).rules for x in (*r.examples, *r.counterexamples)}
    wrong = []
    for line in sorted(lines):
        got = compiled.match(line)
        want = first_matching(compiled, line)
        if (None if got is None else got.index) != want:
            wrong.append((line, got and got.rule.name, None if want is None else compiled.rules[want].name))
    assert wrong == []


_LINE_PARTS = sorted({x for rs in NAMES for r in newsclean.get(rs).rules for x in (*r.examples, *r.lines)})


@given(st.lists(st.sampled_from(_LINE_PARTS) | st.text(max_size=12), min_size=1, max_size=3).map(" ".join),
       st.sampled_from(NAMES))
def test_compiled_match_agrees_with_the_rules_on_any_line(line: str, name: str) -> None:
    compiled = registry.compiled(name)
    got = compiled.match(line)
    assert (None if got is None else got.index) == first_matching(compiled, line)


@pytest.mark.parametrize(("name", "index"), COMPILED_DATELINES,
                         ids=[f"{n}:{registry.compiled(n).datelines[i].name}" for n, i in COMPILED_DATELINES])
def test_compiled_dateline_cuts_each_example_as_its_own_pattern_does(name: str, index: int) -> None:
    compiled = registry.compiled(name)
    dateline = compiled.datelines[index]
    wrong = []
    for example in dateline.examples:
        own = opens_with(dateline, example)
        assert own is not None
        city = own.groupdict().get("city")
        want = (own.group(0), city.strip() if city else None)
        found = compiled.dateline(example)
        got = None if found is None else (found[1], found[2])
        if got != want:
            wrong.append((example, got, want, found and found[0].name))
    assert wrong == []


# The prefixes and cities LABELS.md gives as examples, on the rule set of the outlet that prints them.
LABELLED_DATELINES = [
    ("kompastv", "JAKARTA, KOMPAS.TV - Presiden Joko Widodo", "JAKARTA, KOMPAS.TV - ", "JAKARTA"),
    ("kompastv", "NURSULTAN, KOMPAS.TV - Pasukan penjaga", "NURSULTAN, KOMPAS.TV - ", "NURSULTAN"),
    ("kompastv", "KOMPAS.TV - Presiden Joko Widodo", "KOMPAS.TV - ", None),
    ("suara", "SuaraJogja.id - Blok militer", "SuaraJogja.id - ", None),
    ("suara", "Suara.com - Presiden Joko Widodo", "Suara.com - ", None),
    ("suara", "JAKARTA, Suara.com - Presiden Joko Widodo", "JAKARTA, Suara.com - ", "JAKARTA"),
    ("republika", "REPUBLIKA.CO.ID, JAKARTA -- Aktris senior", "REPUBLIKA.CO.ID, JAKARTA -- ", "JAKARTA"),
    ("republika", "IHRAM.CO.ID, BANJARMASIN -- Kepala kantor", "IHRAM.CO.ID, BANJARMASIN -- ", "BANJARMASIN"),
    ("pikiran-rakyat", "PR DEPOK - Presiden Joko Widodo", "PR DEPOK - ", None),
    ("pikiran-rakyat", "JURNAL SOREANG - Warga desa", "JURNAL SOREANG - ", None),
    ("okezone", "ALMATY – Kerusuhan pecah", "ALMATY – ", "ALMATY"),
    ("okezone", "JAKARTA - Presiden Joko Widodo", "JAKARTA - ", "JAKARTA"),
    ("generic", "Liputan6.com, Jakarta - Presiden Joko Widodo", "Liputan6.com, Jakarta - ", "Jakarta"),
    ("generic", "JAKARTA - Presiden Joko Widodo", "JAKARTA - ", "JAKARTA"),
    ("generic", "Jakarta (ANTARA) - Presiden Joko Widodo", "Jakarta (ANTARA) - ", "Jakarta"),
    # a detik lead: the city in title case alone before the dash
    ("generic", "Jakarta - Presiden Joko Widodo", "Jakarta - ", "Jakarta"),
]


@pytest.mark.parametrize(("name", "line", "prefix", "city"), LABELLED_DATELINES)
def test_dateline_prefix_and_city_as_labels_md_gives_them(name: str, line: str, prefix: str, city: str | None) -> None:
    found = registry.compiled(name).dateline(line)
    assert found is not None
    assert (found[1], found[2]) == (prefix, city)


@pytest.mark.parametrize("line", ["Presiden Joko Widodo meminta", "JAKARTA", "JAKARTA - ", "Jakarta - kata dia"])
def test_no_dateline_where_labels_md_gives_none(line: str) -> None:
    assert registry.compiled("generic").dateline(line) is None


# ---------------------------------------------------------------------------- the TOML loader


def test_every_built_in_toml_file_loads_under_its_own_name() -> None:
    paths = sorted(Path(str(p)) for p in files("newsclean.outlets").iterdir() if p.name.endswith(".toml"))
    assert paths
    for path in paths:
        assert ruleset_from_toml(path).name == path.stem


GOOD = """
name = "testwire"
extends = ["base"]
[[rules]]
name = "wire_footer"
label = "nav"
pattern = 'TESTWIRE \\d{4}'
examples = ["TESTWIRE 2022"]
counterexamples = ["TESTWIRE melaporkan"]
"""


def test_a_sound_toml_rule_set_loads_as_data() -> None:
    rs = ruleset_from_toml(GOOD)
    assert (rs.name, rs.extends, [r.name for r in rs.rules]) == ("testwire", ("base",), ["wire_footer"])
    rule = rs.rules[0]
    assert (rule.label, rule.pattern, rule.examples) == (newsclean.Label.NAV, "TESTWIRE \\d{4}", ("TESTWIRE 2022",))


def test_a_toml_rule_set_loads_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "testwire.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert ruleset_from_toml(path) == ruleset_from_toml(GOOD)


def _rule(body: str, name: str = "bad_rule") -> str:
    return f'name = "testwire"\n[[rules]]\nname = "{name}"\n{body}\n'


# (TOML text, words the message must contain: the culprit and what is wrong with it)
BROKEN = {
    "unknown rule key": (_rule('label = "nav"\nlines = ["X"]\nexamples = ["X"]\ncolour = "red"'),
                         ["bad_rule", "colour"]),
    "unknown top key": ('name = "testwire"\nhomepage = "x"\n', ["homepage"]),
    "unknown dateline key": ('name = "testwire"\n[[datelines]]\nname = "bad_dateline"\npattern = "X - "\n'
                             'examples = ["X - y"]\ncity = "X"\n', ["bad_dateline", "city"]),
    "bad label": (_rule('label = "bodyy"\nlines = ["X"]\nexamples = ["X"]'), ["bad_rule", "bodyy"]),
    "bad previous label": (_rule('label = "meta"\nlines = ["X"]\nexamples = ["X"]\nprevious = "titel"'),
                           ["bad_rule", "titel"]),
    "no label": (_rule('lines = ["X"]\nexamples = ["X"]'), ["bad_rule"]),
    "pattern does not compile": (_rule("label = \"nav\"\npattern = '(unclosed'\nexamples = [\"(unclosed\"]"),
                                 ["bad_rule", "compile"]),
    "example not matched": (_rule("label = \"nav\"\npattern = 'Berita \\\\d+'\nexamples = [\"Berita Terkait\"]"),
                            ["bad_rule", "Berita Terkait"]),
    "counterexample matched": (_rule("label = \"nav\"\npattern = 'Berita.*'\nexamples = [\"Berita 1\"]\n"
                                     "counterexamples = [\"Berita hari ini\"]"), ["bad_rule", "Berita hari ini"]),
    "literal example not matched": (_rule('label = "ad"\nlines = ["Iklan"]\nexamples = ["IKLAN"]'),
                                    ["bad_rule", "IKLAN"]),
    "neither pattern nor lines": (_rule('label = "ad"\nexamples = ["Iklan"]'), ["bad_rule"]),
    "bad field": (_rule('label = "meta"\nlines = ["X"]\nexamples = ["X"]\nprevious = "meta"\n'
                        'previous_field = "colour"'), ["bad_rule", "previous_field"]),
    "duplicate rule name": (_rule('label = "ad"\nlines = ["Iklan"]\nexamples = ["Iklan"]')
                            + '[[rules]]\nname = "bad_rule"\nlabel = "ad"\nlines = ["Ads"]\nexamples = ["Ads"]\n',
                            ["bad_rule", "duplicate"]),
    "dateline example not matched": ('name = "testwire"\n[[datelines]]\nname = "bad_dateline"\n'
                                     "pattern = '[A-Z]+ - '\nexamples = [\"Jakarta - Presiden\"]\n",
                                     ["bad_dateline", "Jakarta - Presiden"]),
    "dateline pattern does not compile": ('name = "testwire"\n[[datelines]]\nname = "bad_dateline"\n'
                                          "pattern = '[A-Z'\nexamples = [\"X\"]\n", ["bad_dateline"]),
    "not TOML": ('name = "testwire\n', ["line 1"]),
    "rules not a list": ('name = "testwire"\nrules = "all"\n', ["rules"]),
}


@pytest.mark.parametrize(("toml", "words"), list(BROKEN.values()), ids=list(BROKEN))
def test_an_unsound_toml_rule_set_is_refused_naming_the_culprit(toml: str, words: list[str]) -> None:
    with pytest.raises(RuleSetError) as err:
        ruleset_from_toml(toml)
    assert [w for w in words if w not in str(err.value)] == []


def test_a_missing_toml_file_is_a_rule_set_error(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match=r"nope\.toml"):
        ruleset_from_toml(tmp_path / "nope.toml")
