"""The shortcut in rule matching (rules chosen by a line's first and last character, tried one by one) always
names the rule the plain method names: one alternation of every pattern, tried on the whole line."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import registry
from newsclean.prefilter import ANYTHING, Ends, ends, fold, line_start_literal, opening_literal, required_literal
from newsclean.rules import CompiledRuleSet

PAGES = seed_pages() + variant_pages() + scraper_pages() + devset_pages()
LINES = sorted({line.strip() for page in PAGES for line in page.text.split("\n") if line.strip()})
NAMES = sorted(newsclean.rulesets())


def compiled(name: str) -> CompiledRuleSet:
    return registry.compiled(name)


@pytest.mark.parametrize("name", NAMES)
def test_every_line_of_the_test_pages_gets_the_rule_the_plain_method_gives(name: str) -> None:
    rules = compiled(name)
    assert len(LINES) > 3000
    for line in LINES:
        found = rules.match(line)
        assert (found.index if found else None) == rules.reference_match(line), line


@pytest.mark.parametrize("name", NAMES)
def test_every_line_gets_the_dateline_the_plain_method_gives(name: str) -> None:
    rules = compiled(name)
    found = 0
    for line in LINES + [f"{line[:20]}, Suara.com - Harga naik" for line in LINES[:500]]:
        expected = rules.reference_dateline(line)
        assert rules.dateline(line) == expected, line
        found += expected is not None
    assert found or not rules.datelines


# characters rule patterns begin and end with, and the cases and scripts around them
EDGES = st.sampled_from([*"([{\"'#@©|•·-–—:>»/.,;!?)]}0123456789aAbBpPsSkKſK İıßẞ\u00a0\u0301éÉ", "\U0001f600"])
WORDS = st.sampled_from([line for line in LINES if len(line) < 60][:4000])


@settings(max_examples=300)
@given(st.tuples(EDGES, WORDS | st.text(max_size=30), EDGES).map("".join), st.sampled_from(NAMES))
def test_lines_with_any_ends_get_the_rule_the_plain_method_gives(line: str, name: str) -> None:
    rules = compiled(name)
    found = rules.match(line)
    assert (found.index if found else None) == rules.reference_match(line)


# ------------------------------------------------------------------------ the ends of single patterns

@pytest.mark.parametrize(("pattern", "ignore_case", "first_in", "first_out", "last_in", "last_out"), [
    ("Baca juga:.*", False, "B", "b", ":x", ""),
    ("Baca juga", True, "bB", "c", "aA", "b"),
    (r"(?:foto|video)\s*:\s*\S+", False, "fv", "F", "x)", ""),
    (r"\p{Lu}\p{Ll}+", False, "AÉ", "a1", "aé", "A"),
    (r"\p{Lu}\p{Ll}+", True, "aA", "1-", "aA", "1"),
    (r"\d+\s+menit", False, "7٣", "a", "t", "s"),
    (r"[^·•|]{1,40}", False, "a1(", "·|", "a", "•"),
    (r"\(\s*Foto\s*:[^()]+\)", False, "(", "F", ")", "."),
    (r"(?:\w+ )?x", False, "a_x", "", "x", "y"),
    (r"(?=.*\bNama\b)\p{Lu}.*", False, "A", "a", "a.", ""),
    (r"\W+", False, ".-(", "a", ")", "_"),
    (r"[\S]+", False, "a.", "", "a", ""),
])
def test_the_ends_of_a_pattern(pattern: str, ignore_case: bool, first_in: str, first_out: str, last_in: str,
                               last_out: str) -> None:
    found = ends(pattern, ignore_case)
    compiled_pattern = regex.compile(f"(?i:{pattern})" if ignore_case else pattern)
    for c in first_in:
        assert found.admits(c + (last_in[0] if last_in else c)), c
    for c in first_out:
        assert not found.admits(c + (last_in[0] if last_in else "x")), c
        assert not any(compiled_pattern.fullmatch(c + middle + end) for middle in ("", "a", "Ab1 ") for end in last_in)
    for c in last_out:
        assert not found.admits((first_in[0] if first_in else "x") + c), c


@pytest.mark.parametrize("pattern", [
    r"[[:alpha:]]+", r"\P{L}+", r"\p{Alpha}+", r"(?|a|b)", r"(?V1)a", r"a(?r)b", r"(unclosed", r"(?:foto){e<=1}",
    r"(?f)straße",
])
def test_patterns_it_cannot_read_or_model_can_begin_and_end_with_anything(pattern: str) -> None:
    assert ends(pattern) == ends("(?s).*")
    assert ends(pattern).first == ANYTHING and ends(pattern).last == ANYTHING
    assert required_literal(pattern, shortest=1) is None and opening_literal(pattern) is None


def _latin1_ends_one_by_one(found: Ends) -> bytes:
    return bytes(found.may_end(chr(c)) for c in range(256))


@pytest.mark.parametrize("name", NAMES)
def test_the_latin1_end_flags_are_may_end_of_each_character(name: str) -> None:
    rules = compiled(name)
    found = [e for e in rules._ends if e is not None]
    assert found
    for e in found:
        assert e.latin1_ends() == _latin1_ends_one_by_one(e)


@given(st.text(r"ab\p{L}[]^-.*+?|()IİıK©é ", max_size=14), st.booleans())
def test_the_latin1_end_flags_of_any_pattern_are_may_end_of_each_character(pattern: str, ignore_case: bool) -> None:
    found = ends(pattern, ignore_case)
    assert found.latin1_ends() == _latin1_ends_one_by_one(found)


@pytest.mark.parametrize(("pattern", "begins", "not_begins", "ends_with", "not_ends"), [
    # syntax of the regex module's own that the shared reader (regex_syntax) reads
    (r"\m\w+\M", "a7_", "-", "a", "."),  # word start and end: zero-width
    (r"(?<who>Rep)\s*:", "R", "r", ":", "p"),  # a named group in the other spelling
    (r"[:.]\d+", ":.", "1", "7", ":"),  # a class holding ':' is no POSIX class
    (r"\[[^\[\]]+\]", "[", "a", "]", "a"),
    (r"\\p{L}", "\\", "a", "}", "a"),  # an escaped backslash, then the text "p{L}"
])
def test_the_regex_modules_own_syntax_is_read_as_it_means(pattern: str, begins: str, not_begins: str,
                                                         ends_with: str, not_ends: str) -> None:
    found = ends(pattern)
    assert all(found.may_begin(c) for c in begins) and not any(found.may_begin(c) for c in not_begins)
    assert all(found.may_end(c) for c in ends_with) and not any(found.may_end(c) for c in not_ends)


@pytest.mark.parametrize(("pattern", "ignore_case", "literals"), [
    (r"(?m)^(?:\p{Lu}[\p{L} ]+,\s*)?Suara(?!Merdeka)\.(?:com|id)", False, (("Suara",), False)),
    (r"\bokezone\b", True, (("okezone",), True)),
    (r"(?i)Kompas\.TV", False, (("kompas.tv",), True)),
    (r"a|b", False, None),
    (r"(?:ab)?c", False, None),
    (r"\p{Lu}\p{Lu}\p{Lu}x", False, None),
    (r"(?:Jurnalis){1,2}", False, (("Jurnalis",), False)),
    (r"(?i:Jurnalis)x", False, None),
    (r"follow okezone|info okezone\.com|okezone hari ini", True, (("follow okezone", "info okezone.com",
                                                                   "okezone hari ini"), True)),
    (r"x(?:abcd|efg)y", False, (("abcd", "efg"), False)),
    (r"x(?:abcd|ef)y", False, None),
    (r"x(?:abcd|ef)yyy", False, (("yyy",), False)),
    # a group's own flags: MULTILINE changes no literal; ignoring case only inside a case-sensitive pattern
    # leaves the case of the literals open
    (r"(?i)abcd|(?m:^efgh\b)", False, (("abcd", "efgh"), True)),
    (r"(?i:abcd)|efgh", False, None),
    (r"(?i)(?-i:ABCD)x", False, (("abcd",), True)),
    (r"abc|\d+", False, None),
    # a small class is a literal of one character; a sign tells more than a letter or a digit
    (r"[^·•|]{1,40}(?:\s*[·•|]\s*[^·•|]{0,40}){2,}", False, None),
    (r".{0,40}©\s*(?:19|20)\d\d", False, None),
    (r"(?:©|\(c\)|copyright)\s*.{0,160}|.{0,40}©\s*(?:19|20)\d\d", True, None),  # "©" is one character
    (r"Baca juga\s*:.*", True, (("baca juga",), True)),
])
def test_the_literals_every_match_holds_one_of(pattern: str, ignore_case: bool,
                                              literals: tuple[tuple[str, ...], bool] | None) -> None:
    assert required_literal(pattern, ignore_case) == literals


@pytest.mark.parametrize(("pattern", "literals"), [
    (r"[^·•|]{1,40}(?:\s*[·•|]\s*[^·•|]{0,40}){2,}", ("|", "·", "•")),
    (r".{0,40}©\s*(?:19|20)\d\d", ("©",)),  # the sign, not the years of every paragraph
    (r"[a-z]+>x", (">x",)),  # a range is no small class
    (r"\p{Lu}+[>»]", (">", "»")),
    (r"(?:©|\(c\)|copyright)\s*.{0,160}|.{0,40}©\s*(?:19|20)\d\d", ("(c)", "copyright", "©")),
])
def test_literals_of_one_character_for_the_rule_gate(pattern: str, literals: tuple[str, ...]) -> None:
    found = required_literal(pattern, shortest=1)
    assert found is not None and found[0] == literals


@pytest.mark.parametrize(("pattern", "ignore_case", "literals"), [
    (r"(?m)^(?:PR \p{Lu}+|PIKIRAN RAKYAT|DESK ?JABAR)\s*[-–—]\s", False,
     (("DESK", "PIKIRAN RAKYAT", "PR "), False)),
    (r"(?m)^Kabar Daerah$", False, (("Kabar Daerah",), False)),
    (r"(?m)^Suara\p{Lu}\p{L}*\.id", False, (("Suara",), False)),
    (r"^Rep\s*:", True, (("rep",), True)),
    (r"(?m)^(?:\p{Lu}+,\s*)?KOMPAS\.TV", False, None),  # the match may open with a name
    (r"(?m)^\p{Lu}\p{Lu}\p{Lu}", False, None),
    (r"(?m)^ab", False, None),  # shorter than three
    (r"(?m)^abc|xyz", False, None),  # the second alternative is not anchored
    (r"Suara", False, None),
    (r"(?m)^(?:abc|)x", False, None),
    (r"(?m)^(?i:abc)x", False, None),
])
def test_the_literals_every_match_opens_a_line_with(pattern: str, ignore_case: bool,
                                                    literals: tuple[tuple[str, ...], bool] | None) -> None:
    assert line_start_literal(pattern, ignore_case) == literals


# the letters that case-insensitive matching pairs unlike str.casefold(): "İ" with "i", "ı" with "I"; and "ß"
TURKIC = "iIİıßẞs"


@given(st.text("abcxyz|()?*+^" + TURKIC, max_size=12),
       st.lists(st.text("abcxyz" + TURKIC, max_size=8), max_size=4).map("\n".join), st.booleans())
def test_a_text_the_pattern_matches_has_a_line_that_opens_with_one_of_its_literals(
    pattern: str, text: str, ignore_case: bool
) -> None:
    try:
        compiled_pattern = regex.compile(f"(?m){pattern}", regex.IGNORECASE if ignore_case else 0)
    except regex.error:
        return
    found = line_start_literal(f"(?m){pattern}", ignore_case, shortest=1)
    if found is not None and compiled_pattern.search(text) is not None:
        literals, folded = found
        lines = (fold(text) if folded else text).split("\n")
        assert any(line.startswith(literal) for line in lines for literal in literals)


@given(st.text("abcxyzB©|()?*+[]" + TURKIC, max_size=14), st.text("abcxyzABC©|" + TURKIC, max_size=20),
       st.booleans())
def test_a_text_the_pattern_matches_holds_one_of_its_literals(pattern: str, text: str, ignore_case: bool) -> None:
    try:
        compiled_pattern = regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except regex.error:
        return
    found = required_literal(pattern, ignore_case, shortest=1)
    if found is not None and compiled_pattern.search(text) is not None:
        literals, folded = found
        assert any(literal in (fold(text) if folded else text) for literal in literals)


@pytest.mark.parametrize(("pattern", "ignore_case", "literals"), [
    # an optional word and white space before the keyword: either opens the line
    (r"(?:berita|artikel)?\s*(?:terkait|populer)\s*:?", True, (("artikel", "berita", "populer", "terkait"), True)),
    (r"(?=\d)\d+ komentar", False, None),  # a digit class opens it
    (r"(?=[A-Z])Baca juga: .*", False, (("Baca juga: ",), False)),  # a lookahead takes no room
    (r"(?:a|)bc", False, (("abc", "bc"), False)),
    (r"[·•]\s*x", False, (("·", "•"), False)),
    (r"\s+abc", False, None),  # white space that must be there: no line we test opens so
    (r"x?", False, None),  # may match nothing
    (r"\p{Lu}abc", False, None),
    (r"(?i:abc)d", False, None),  # case ignored inside a case-sensitive pattern
    (r"Editor\s*:.*|Redaktur\s*:.*", True, (("editor", "redaktur"), True)),
])
def test_the_literals_every_match_opens_with(pattern: str, ignore_case: bool,
                                             literals: tuple[tuple[str, ...], bool] | None) -> None:
    assert opening_literal(pattern, ignore_case) == literals


PIECES = st.sampled_from(["a", "b", "x", "İ", "I", "ı", "(?:", ")", "|", "?", "*", "+", "\\s*", " ", "[ab]", "(?=a)"])


@given(st.lists(PIECES, max_size=10).map("".join), st.text("abx IİıB", max_size=10), st.booleans())
def test_a_line_the_pattern_matches_opens_with_one_of_its_opening_literals(
    pattern: str, line: str, ignore_case: bool
) -> None:
    try:
        compiled_pattern = regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except regex.error:
        return
    found = opening_literal(pattern, ignore_case)
    if found is not None and line[:1].isalnum() and compiled_pattern.fullmatch(line) is not None:
        literals, folded = found
        assert (fold(line) if folded else line).startswith(literals)


@pytest.mark.parametrize(("pattern", "line"), [
    ("(?i)index", "İndex"), ("(?i)INDEX", "ındex"), ("(?i)straße", "STRAẞE"),
])
def test_folded_text_holds_the_folded_literal_of_every_case_insensitive_match(pattern: str, line: str) -> None:
    assert regex.fullmatch(pattern, line)
    found = required_literal(pattern)
    assert found is not None and found[1] and any(x in fold(line) for x in found[0])


@pytest.mark.parametrize("name", NAMES)
def test_lines_with_turkic_letters_get_the_rule_the_plain_method_gives(name: str) -> None:
    """Every rule's examples, their "i" and "I" spelled "İ" and "ı": the literal tests must not turn them away."""
    rules = compiled(name)
    for rule in rules.rules:
        for example in rule.examples:
            for line in (example.replace("i", "İ"), example.replace("I", "ı"), example.upper().replace("I", "İ")):
                found = rules.match(line)
                assert (found.index if found else None) == rules.reference_match(line), line
