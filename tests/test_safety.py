"""The ReDoS check (newsclean.safety): known catastrophic shapes are refused when a rule set loads, safe patterns
and every built-in rule set pass, and the built-in patterns rewritten to pass it match what they matched before.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import Rule, RuleSetError, ruleset_from_toml, safety

# Shapes that backtrack exponentially (or quadratically, on a long line) when the match fails.
UNSAFE = [
    r"(a+)+",
    r"(a*)*",
    r"(a+)*b",
    r"(a|a)*",
    r"(a|aa)+",
    r"(a|ab|b)*",
    r"(\w|\d)+",
    r"(?i)(A|a)+",
    r"(?i:(?:x|X)+)",
    r"([^a]|b)+",
    r"(\w+\s?)+",
    r"(?:\s*\w+)*",
    r"(\p{L}+\s?)+",
    r"(\d+\s*)*",
    r"(?:a+a)+",
    r"(x+x+)+y",
    r"((ab)*)+",
    r"(.*a){20}",
    r"(?:a{1,5})+",
    r"^(([a-z])+.)+[A-Z]([a-z])+$",
    r"(?:[\p{L}\p{N}]+[-_]?)+@",
    r"([[:digit:]]|\d)+",
    r"\w*\w*",
    r".*.*x",
    r"\d+\w*!",
    r"#\w+(?:\s+#?\w+)*(?:\s*,?\s*#\w+)*",  # base.hashtags before: a round of one list is a round of the other
    r"(?P<author>\p{Lu}\p{L}*(?:\s?\p{L}+)*)\s*,",
]

# Patterns of the kinds rule sets use, that must pass.
SAFE = [
    r"\d+",
    r"(\w+\s)+",
    r"(\w+\s)*\w+",
    r".*.*",  # the last .* takes any rest of the line (lines hold no newline): it never backtracks
    r"(?:[^,]+,)*",
    r"(a|ab)*c",
    r"(?:di|dari|dan)+",
    r"(?:x|X)+",
    r"[a-z]+@[a-z]+\.com",
    r"(?:\s+\p{Lu}[\p{L}.']*){0,4}",
    r"Foto\s*:\s*(.+)",
    r"(?>a+)+",
    r"(?:a++)+",
    r"(\p{Lu}\p{Ll}+)+",
    r".*\bUpload\s*",
    r"\s*(.+?)\s*",
    r"[^\p{L}]+",
    r"(?P<a>x)|(?P<a>y)",  # one name on two groups: regex allows it, the standard parser does not
    r"(?<n>a)b",
    r"Rep\s*:\s*(?P<author>.+?)\s*/?\s*Red\s*:\s*(?P<editor>.+)",
    r"(?m)^(?:\p{Lu}[\p{L} ]+,\s*)?Suara\.com\s*[-–—]{1,2}\s",
    r"[[]x[]]",
    r"[[:alpha:]]+\s[[:digit:]]+",
    r"(?#a comment | with a bar)x|y",
]


@pytest.mark.parametrize("pattern", UNSAFE)
def test_known_redos_shapes_are_refused(pattern: str) -> None:
    problems = safety.pattern_problems(pattern)
    assert problems, pattern
    assert problems[0].shape in {"nested repeat", "ambiguous alternation", "adjacent repeats"}
    with pytest.raises(safety.UnsafePattern):
        safety.check_pattern(pattern)


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_patterns_pass(pattern: str) -> None:
    assert safety.pattern_problems(pattern) == []


def test_a_pattern_the_check_cannot_read_is_refused() -> None:
    # recursion and fuzzy matching are regex-only: what cannot be checked is not trusted
    for pattern in (r"\((?:[^()]|(?R))*\)", r"(?:foto){e<=1}"):
        (problem,) = safety.pattern_problems(pattern)
        assert problem.shape == "cannot be checked"


def test_a_pattern_that_does_not_compile_is_left_to_the_rule_set_checks() -> None:
    assert safety.pattern_problems(r"\p{NoSuchProperty}+") == []
    with pytest.raises(RuleSetError, match="pattern does not compile"):
        ruleset_from_toml('name = "x"\n[[rules]]\nname = "r"\nlabel = "nav"\npattern = \'\\p{NoSuch}\'\n')


@pytest.mark.parametrize("name", newsclean.rulesets())
def test_every_built_in_rule_set_passes(name: str) -> None:
    assert safety.check_ruleset(newsclean.get(name)) == []


def unsafe_toml(pattern: str, kind: str = "rules", examples: tuple[str, ...] = ()) -> str:
    head = 'name = "mysite"\nextends = ["base"]\n'
    if kind == "signatures":
        return head + f"[[signatures]]\npattern = '{pattern}'\n"
    label = 'label = "nav"\n' if kind == "rules" else ""
    listed = ", ".join(f'"{e}"' for e in examples)
    return head + f"[[{kind}]]\nname = \"greedy\"\n{label}pattern = '{pattern}'\nexamples = [{listed}]\n"


@pytest.mark.parametrize(("kind", "where"), [("rules", "rule 'greedy'"), ("datelines", "dateline 'greedy'"),
                                             ("signatures", "signature 1")])
def test_loading_a_rule_set_with_an_unsafe_pattern_names_the_rule_set_the_rule_and_the_reason(
        kind: str, where: str) -> None:
    with pytest.raises(RuleSetError) as caught:
        ruleset_from_toml(unsafe_toml(r"(\w+\s?)+:", kind))
    message = str(caught.value)
    assert message.startswith(f"<toml text>: rule set 'mysite', {where}: pattern '(\\w+\\s?)+:' can backtrack "
                              "catastrophically (nested repeat: ")


def _forget() -> None:
    """Forget what this process has checked and read, as a new process would."""
    safety._problems.cache_clear()
    safety._verdicts.cache_clear()


def _checked_anew(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forget what this process has checked, as a new process would, and record each pattern analysed from now."""
    _forget()
    analysed: list[str] = []
    kept = safety._Analysis.run

    def run(self: safety._Analysis) -> list[safety.Problem]:
        analysed.append(self.parsed.source)
        return kept(self)

    monkeypatch.setattr(safety._Analysis, "run", run)
    return analysed


@pytest.mark.parametrize("unsafe", [False, True])
def test_a_rule_set_s_verdicts_are_kept_on_disk_and_read_by_the_next_process(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, unsafe: bool) -> None:
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", str(tmp_path))
    pattern = r"(\w+\s?)+:" if unsafe else r"Kanal \w+ [0-9]{2}"
    ruleset = newsclean.RuleSet(name="test-kept-verdicts", rules=(
        newsclean.Rule(name="safe", label=newsclean.Label.NAV, pattern=r"Ikuti kami di \w+"),
        newsclean.Rule(name="maybe", label=newsclean.Label.NAV, pattern=pattern, ignore_case=True)))
    analysed = _checked_anew(monkeypatch)
    first = safety.check_ruleset(ruleset)
    assert len(analysed) == 2 and len(list(tmp_path.glob("*.redos"))) == 1
    assert bool(first) is unsafe and all("'maybe'" in message for message in first)
    analysed.clear()
    _forget()
    assert safety.check_ruleset(ruleset) == first
    assert analysed == []  # read, not checked again
    # a file that holds anything else is checked again, with the same verdicts
    for garbage in (b"", b"[", b"[[]]", b'[[["a"]], []]', b"[" * 100_000, "[[], [[\"é\", 1]]]".encode()):
        next(tmp_path.glob("*.redos")).write_bytes(garbage)
        _forget()
        assert safety.check_ruleset(ruleset) == first
    assert len(analysed) == 2 * 6


def test_a_verdict_is_kept_under_the_pattern_and_its_case_flag(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", str(tmp_path))
    # the same pattern is safe with case kept and ambiguous ignoring it: the one verdict must not answer for the other
    def ruleset(ignore_case: bool) -> newsclean.RuleSet:
        return newsclean.RuleSet(name="test-kept-case", rules=(
            newsclean.Rule(name="r", label=newsclean.Label.NAV, pattern="(?:a|A)+", ignore_case=ignore_case),))
    _checked_anew(monkeypatch)
    assert safety.check_ruleset(ruleset(False)) == []
    assert "ambiguous alternation" in safety.check_ruleset(ruleset(True))[0]
    _forget()
    assert safety.check_ruleset(ruleset(False)) == []
    assert "ambiguous alternation" in safety.check_ruleset(ruleset(True))[0]
    assert len(list(tmp_path.glob("*.redos"))) == 2


def test_no_verdict_is_kept_without_a_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    analysed = _checked_anew(monkeypatch)
    assert safety.check_ruleset(newsclean.get("okezone")) == []
    assert analysed and not list(tmp_path.rglob("*.redos"))


def test_a_rule_set_built_in_python_is_checked_when_registered() -> None:
    unsafe = newsclean.RuleSet(name="test-safety-python", rules=(
        newsclean.Rule(name="greedy", label=newsclean.Label.NAV, pattern=r"(\w+\s?)+:"),))
    with pytest.raises(RuleSetError, match=r"rule set 'test-safety-python': .*'greedy'.*nested repeat"):
        newsclean.register(unsafe)
    assert "test-safety-python" not in newsclean.rulesets()


def test_the_check_runs_before_the_examples_so_a_hanging_example_cannot_hang_the_load() -> None:
    # (a|a)* on 40 a's and a '!' would take hours in the regex module; refused before it is tried
    started = time.perf_counter()
    with pytest.raises(RuleSetError, match="ambiguous alternation"):
        ruleset_from_toml(unsafe_toml("(a|a)*", examples=("a" * 40 + "!",)))
    assert time.perf_counter() - started < 5


def test_an_unsafe_rule_set_file_is_exit_3_on_the_command_line(tmp_path: object, capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    from newsclean import cli

    path = Path(str(tmp_path)) / "mysite.toml"
    path.write_text(unsafe_toml(r"(a+)+b"), encoding="utf-8")
    assert cli.main(["rulesets", "--ruleset", str(path)]) == cli.EXIT_RULESET
    err = capsys.readouterr().err
    assert err.startswith(f"newsclean: {path}: rule set 'mysite', rule 'greedy': pattern '(a+)+b' can backtrack")
    assert len(err.splitlines()) == 1


# ---------------------------------------------------------------------------
# the built-in patterns rewritten for the check match exactly what they matched before

BASE = {r.name: r for r in newsclean.get("base").rules}
OKEZONE = {r.name: r for r in newsclean.get("okezone").rules}
PIKIRAN = {r.name: r for r in newsclean.get("pikiran-rakyat").rules}
SUARA = {r.name: r for r in newsclean.get("suara").rules}


def pattern_of(rule: Rule) -> str:
    """The pattern of a rule this test knows to be a pattern rule."""
    assert rule.pattern is not None, rule.name
    return rule.pattern


REWRITTEN = {
    "pagination": (r"(?:halaman|hal\.?|page)\s*:?\s*(?:\d+\s*)*(?:selanjutnya|berikutnya|next)?|selanjutnya|"
                   r"sebelumnya|berikutnya|next|prev(?:ious)?|(?:\d+\s+){1,9}\d+|tampilkan semua|lihat semua halaman",
                   BASE["pagination"],
                   ["halaman", "hal.", "page", ":", " ", "1", "2", "0", "selanjutnya", "next", "x"]),
    "hashtags": (r"#[\p{L}\p{N}_]+(?:\s+#?[\p{L}\p{N}_]+)*(?:\s*,?\s*#[\p{L}\p{N}_]+)*", BASE["hashtags"],
                 ["#", " ", ",", "a", "b1", "_", "  ", "!"]),
    "read_link": (r"(?:\w+-)?read-\d+\S*(?:\s.*)?", OKEZONE["read_link"], ["read-", "1", "23", "x", "-", " ", "a"]),
    "read_link_headline": (r".+\s(?:\w+-)?read-\d+\S*", OKEZONE["read_link_headline"],
                           ["read-", "1", "x", " ", "-", "Berita"]),
    # greedy .* / .+ before \b or \s made the rule alternation quadratic on a long line: lazy matches the same lines
    "selfie_upload": (r".*\bUpload\s*", BASE["selfie_upload"], ["Upload", "x", " ", "-", "Foto"]),
    "site_title_suffix": (r".+\s\|\s(?:Republika Online|ihram\.co\.id|Republika)",
                          {r.name: r for r in newsclean.get("republika").rules}["site_title_suffix"],
                          ["Republika", " Online", " ", "|", "x", "ihram.co.id"]),
    "photo_credit": (pattern_of(PIKIRAN["photo_credit"]).replace(r"(?:.*?\s/", r"(?:.*\s/")
                     .replace(r"|.*?\s/", r"|.*\s/"),
                     PIKIRAN["photo_credit"], ["Foto", " ", "/", "//", "@ab", "x.", "Sumber:", "a", ")", "Dok"]),
    "writer_name": (pattern_of(SUARA["writer_name"]).replace("(?=.*?\\b", "(?=.*\\b").replace("(?!.*?\\b", "(?!.*\\b"),
                    SUARA["writer_name"], ["Budi", "Santoso", " ", "Kasus", "Abdul", "A.", "x", "Rahman"]),
}


@pytest.mark.parametrize("name", sorted(REWRITTEN))
@given(data=st.data())
def test_a_rewritten_built_in_pattern_matches_what_the_old_one_matched(name: str, data: st.DataObject) -> None:
    old, rule, pieces = REWRITTEN[name]
    line = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    flags = regex.IGNORECASE if rule.ignore_case else 0
    assert rule.pattern is not None
    assert (regex.fullmatch(old, line, flags) is None) == (regex.fullmatch(rule.pattern, line, flags) is None), line


@pytest.mark.parametrize(("name", "line"), [
    ("pagination", "halaman " + "1" * 20_000 + "x"),
    ("pagination", "halaman " + "1 " * 20_000 + "x"),
    ("hashtags", "#a" + " #a" * 20_000 + "!"),
])
def test_a_rewritten_built_in_pattern_fails_fast_on_the_line_that_made_the_old_one_crawl(name: str,
                                                                                         line: str) -> None:
    # the old patterns took seconds here (quadratic); with 100,000 repeats, minutes
    rule = BASE[name]
    assert rule.pattern is not None
    compiled = regex.compile(rule.pattern, regex.IGNORECASE if rule.ignore_case else 0)
    started = time.perf_counter()
    assert compiled.fullmatch(line) is None
    assert time.perf_counter() - started < 0.5
