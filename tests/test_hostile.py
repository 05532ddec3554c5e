"""Hostile input: every class of bad text gives a result (or a clear, documented error) that keeps the invariants.

The invariants are those of test_properties.py: one Line per input line (``text.split("\\n")``), each with a
label and the rule that set it; each line's text is its normalised input line; the body is made of input lines
in input order; cleaning the body again gives the same body.  docs/robustness.md lists what each class gives
and how long it takes (benchmarks/hostile.py).

The big inputs (a 50 MB page, a 10 MB line, a million lines) run in a child process with a time limit, so that
a regression cannot hang the suite, and are marked ``slow``: they run when ``CI`` or ``NEWSCLEAN_SLOW`` is set
(see conftest.py), as .ci/run does, and are skipped otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import ftfy.bad_codecs  # noqa: F401 -- registers sloppy-windows-1252, the mojibake browsers and scrapers make
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from conftest import Page, devset_pages, seed_pages
from newsclean import Article, Label, cli
from test_properties import check_idempotent, check_invariants

SEEDS = seed_pages()
PAGES = (*SEEDS, *devset_pages())
ROOT = Path(__file__).resolve().parent.parent


def clean(text: str, **options: Any) -> Article:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", newsclean.UnknownOutletWarning)
        article = newsclean.clean(text, language=False, **options)
    check_invariants(text, article)
    return article


def page(outlet: str) -> Page:
    return next(p for p in SEEDS if newsclean.get(p.gold["outlet"]).name == outlet)


# ---------------------------------------------------------------------------
# nothing there


@pytest.mark.parametrize("text", ["", "\n", "\n\n\n", " ", "\t\t", "\r\n\r\n", " \n\t\n\r\n \x0b\x0c"])
def test_empty_and_ascii_white_space_give_blank_lines_and_no_body(text: str) -> None:
    article = clean(text)
    assert article.body == "" and article.paragraphs == () and article.title is None
    assert all(line.label is Label.BLANK for line in article.lines)
    check_idempotent(article)


@pytest.mark.parametrize("text", ["\u00a0", "\u3000\u2003\u200b", "\ufeff", "\u00a0\n\u200b\n\u2060 \u00ad"])
def test_unicode_white_space_is_a_ui_line_not_a_blank_one(text: str) -> None:
    article = clean(text)
    assert article.body == ""
    assert all(line.label is Label.UI for line in article.lines)


# ---------------------------------------------------------------------------
# characters a page should not hold


CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0))]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_control_character_anywhere_in_a_page_loses_no_line(char: str) -> None:
    text = page("okezone").text
    lines = text.split("\n")
    spiked = "\n".join(f"{char}{line}" if i % 3 == 0 else line.replace(" ", f" {char}", 1) for i, line in
                       enumerate(lines))
    article = clean(spiked)
    assert len(article.lines) == len(lines)
    check_idempotent(article)


def test_nul_bytes_alone_and_inside_words() -> None:
    for text in ("\x00", "\x00" * 1000, "Harga\x00cabai naik\x00 dua kali lipat, kata pedagang di pasar.\n\x00"):
        check_idempotent(clean(text))


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "\udc80", "\ud83d"])
def test_lone_surrogates_give_a_result(surrogate: str) -> None:
    text = page("suara").text
    article = clean(text.replace("a", surrogate, 50) + surrogate)
    check_idempotent(article)
    json.dumps(article.to_dict())  # a str like any other for json (it escapes them)


def test_a_lone_surrogate_in_a_jsonl_record_is_cleaned_and_written_as_valid_utf8(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = page("kompastv").text.replace("Kazakhstan", "Kazakh\ud800stan")
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"id": "s", "text": text}) + "\n", encoding="ascii")  # \ud800 as a JSON escape
    output = tmp_path / "out.jsonl"
    assert cli.main(["clean", "--workers", "1", "--no-language", str(path), "-o", str(output)]) == 0
    capsys.readouterr()
    (record,) = [json.loads(line) for line in output.read_bytes().decode("utf-8").splitlines()]
    assert "error" not in record and record["body"]


# ---------------------------------------------------------------------------
# line ends


def test_only_line_feeds_split_lines_whatever_the_other_line_ends() -> None:
    ends = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\n\r"]
    lines = page("republika").text.split("\n")
    text = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines))
    article = clean(text)
    assert len(article.lines) == text.count("\n") + 1
    check_idempotent(article)


@pytest.mark.parametrize("p", SEEDS, ids=[p.id for p in SEEDS])
def test_crlf_gives_the_same_article_as_lf(p: Page) -> None:
    assert clean(p.text.replace("\n", "\r\n")).to_dict(lines=False) == clean(p.text).to_dict(lines=False)


def test_a_page_of_old_mac_line_ends_is_one_line_and_still_an_article() -> None:
    # a lone CR does not end a line (docs/robustness.md): the page is one long line, kept whole
    text = page("okezone").text.replace("\n", "\r")
    article = clean(text)
    assert len(article.lines) == 1


# ---------------------------------------------------------------------------
# scripts, marks and pictographs

ARABIC = "قال الرئيس إن الأسعار ارتفعت في السوق يوم الخميس، وفقا للتجار في المدينة."
HEBREW = "המחירים עלו בשוק ביום חמישי, כך אמרו הסוחרים בעיר."
BIDI = "\u202eBerita\u202c \u2067kata\u2069 \u200fpolisi\u200e \u2066x\u2069"


def zalgo(text: str) -> str:
    return "".join(ch + "\u0301\u0300\u0327\u0308\u0489" * 4 for ch in text)


@pytest.mark.parametrize("extra", [ARABIC, HEBREW, BIDI, zalgo("Harga cabai naik"), "e\u0301" * 500],
                         ids=["arabic", "hebrew", "bidi-controls", "zalgo", "combining-run"])
def test_right_to_left_and_combining_text_keeps_the_invariants(extra: str) -> None:
    lines = page("pikiran-rakyat").text.split("\n")
    article = clean("\n".join(f"{line} {extra}" if i % 2 else line for i, line in enumerate(lines)) + "\n" + extra)
    check_idempotent(article)


def test_a_page_in_arabic_is_read_as_prose() -> None:
    article = clean("\n".join([ARABIC] * 5))
    assert article.paragraphs == (ARABIC,) * 5


def test_decomposed_text_is_kept_as_printed() -> None:
    # normalisation fixes spaces and mojibake, not Unicode forms: NFD stays NFD
    lead = "Kafé di Jakarta menaikkan harga kopi dua kali lipat sejak awal pekan, kata pemiliknya kepada wartawan."
    nfd = unicodedata.normalize("NFD", lead)
    assert clean(nfd).paragraphs == (nfd,)


EMOJI = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🇮🇩", "🏳️‍🌈", "❤️", "🔥", "\U0001fae0", "\U000e0067\U000e007f"]


@pytest.mark.parametrize("p", SEEDS, ids=[p.id for p in SEEDS])
def test_emoji_on_every_line_keep_the_invariants(p: Page) -> None:
    lines = p.text.split("\n")
    article = clean("\n".join(f"{EMOJI[i % len(EMOJI)]} {line}" for i, line in enumerate(lines)))
    check_idempotent(article)


# ---------------------------------------------------------------------------
# mojibake


@pytest.mark.parametrize("p", PAGES, ids=[p.id for p in PAGES])
def test_utf8_read_as_windows_1252_gives_the_same_article(p: Page) -> None:
    # the usual mojibake (and the same done twice) is repaired line by line before any rule looks at it
    once = p.text.encode("utf-8").decode("sloppy-windows-1252")
    twice = once.encode("utf-8").decode("sloppy-windows-1252")
    expected = clean(p.text).to_dict(lines=False)
    assert clean(once).to_dict(lines=False) == expected
    assert clean(twice).to_dict(lines=False) == expected


@pytest.mark.parametrize("codec", ["latin-1", "mac_roman", "cp437", "cp1252"])
def test_other_mojibake_gives_a_result(codec: str) -> None:
    # not always repaired (docs/normalization.md), but never a crash or a lost line
    for p in SEEDS:
        check_idempotent(clean(p.text.encode("utf-8").decode(codec, "replace")))


# ---------------------------------------------------------------------------
# HTML and glued pages


def test_html_left_in_the_text_is_text() -> None:
    p = page("okezone")
    lines = p.text.split("\n")
    html = "\n".join([
        "<!DOCTYPE html>", "<html><head><title>Berita</title>",
        "<script>var a = '<p>' + x + '</p>'; for (i=0;i<10;i++) { document.write(i) }</script>",
        "</head><body>", *(f"<p>{line}</p>" if i % 2 else line for i, line in enumerate(lines)),
        "&nbsp;&amp;&lt;b&gt; &#8212; &quot;kutipan&quot;", "<!-- komentar -->", "</body></html>",
    ])
    article = clean(html)
    # newsclean does not parse HTML: a tag stays in the line, entities stay escaped
    assert any("<p>" in paragraph for paragraph in article.paragraphs)
    check_idempotent(article)


@pytest.mark.parametrize(("a", "b"), [(a, b) for a in SEEDS for b in SEEDS if a is not b],
                         ids=[f"{a.id}+{b.id}" for a in SEEDS for b in SEEDS if a is not b])
def test_two_outlets_pages_glued_together_give_one_article(a: Page, b: Page) -> None:
    article = clean(a.text + "\n" + b.text)
    outlets = {newsclean.get(p.gold["outlet"]).name for p in (a, b)}
    assert article.outlet is None or article.outlet in outlets
    # one article: the longest stretch of running text, from one of the two pages
    first = set(clean(a.text).paragraphs)
    second = set(clean(b.text).paragraphs)
    assert article.paragraphs
    check_idempotent(article)
    assert first & set(article.paragraphs) or second & set(article.paragraphs)


# ---------------------------------------------------------------------------
# generated hostile text

HOSTILE_CHARS = st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9c", "\r", "\u2028", "\u2029", "\x0b",
                                 "\ud800", "\udfff", "\u202e", "\u200f", "\u0301", "\u0489", "\ufeff", "\u00a0",
                                 "\u200b", "😀", "👨‍👩‍👧", "Ã©", "â€œ", "Â\u00a0", "<p>", "&amp;", " ", "\t"])
SEED_LINES = sorted({line for p in SEEDS for line in p.text.split("\n")})


@st.composite
def hostile_pages(draw: st.DrawFn) -> str:
    """Seed lines, shuffled and glued, spiked with hostile characters, joined by mixed line ends."""
    lines = draw(st.lists(st.sampled_from(SEED_LINES), max_size=40))
    out = []
    for line in lines:
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(line)))
            line = line[:at] + draw(HOSTILE_CHARS) + line[at:]
        out.append(line)
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\n\r", "\n\n", "\r\n\r\n", "\u2028\n"]),
                         min_size=len(out), max_size=len(out)))
    return "".join(line + end for line, end in zip(out, ends, strict=True))


@given(hostile_pages(), st.sampled_from([None, *newsclean.rulesets()]))
def test_invariants_on_hostile_pages(text: str, outlet: str | None) -> None:
    check_idempotent(clean(text, outlet=outlet))


@given(st.lists(st.sampled_from(SEEDS), min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_invariants_on_seed_pages_glued_and_shuffled(pages: list[Page], rng: Any) -> None:
    lines = [line for p in pages for line in p.text.split("\n")]
    rng.shuffle(lines)
    check_idempotent(clean("\r\n".join(lines)))


# ---------------------------------------------------------------------------
# invalid UTF-8 in files


def test_a_page_file_that_is_not_utf8_is_exit_1_naming_it_and_the_others_are_cleaned(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(page("okezone").text, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(page("suara").text.encode("utf-8")[:500] + b"\xff\xc3(\xed\xa0\x80")
    code = cli.main(["clean", "--no-language", "--format", "json", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert code == cli.EXIT_INPUT == 1
    assert err == f"newsclean: {bad}: not UTF-8: invalid start byte at byte 500\n"  # the corpus reader's words
    assert [json.loads(line)["file"] for line in out.splitlines()] == [str(good)]


def test_utf8_encoded_surrogates_in_a_file_are_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"Berita \xed\xa0\x80 lagi\n")  # U+D800 as CESU/WTF-8 bytes
    assert cli.main(["explain", str(path)]) == cli.EXIT_INPUT
    assert "not UTF-8: invalid continuation byte at byte 7" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# big inputs, in a child process with a time limit

BIG = '''
import json, sys, time, newsclean
from pathlib import Path
seeds = [p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))]
words = " ".join(seeds).split()
text = {build}
started = time.perf_counter()
article = newsclean.clean(text, outlet={outlet!r}, language=False)
seconds = time.perf_counter() - started
assert len(article.lines) == text.count("\\n") + 1
assert all(line.rule for line in article.lines)
print(json.dumps({{"seconds": seconds, "paragraphs": len(article.paragraphs)}}))
'''


def clean_in_child(build: str, limit: float, outlet: str | None = None) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", BIG.format(build=build, outlet=outlet)], capture_output=True,
                          text=True, timeout=limit, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_million_as_and_a_bang_on_one_line_finishes() -> None:
    result = clean_in_child("'a' * 10**6 + '!'", limit=60)
    assert result["paragraphs"] == 1


def test_a_line_of_a_million_spaces_finishes() -> None:
    result = clean_in_child("' ' * 10**6 + 'x'", limit=60)
    assert result["paragraphs"] == 0


@pytest.mark.slow
def test_a_million_tiny_lines_finish() -> None:
    clean_in_child("'\\n'.join(['a', '1', '·', '', 'Baca juga', 'x y', '—', ' '][i % 8] for i in range(10**6))",
                   limit=120)


@pytest.mark.slow
def test_a_50_mb_page_finishes() -> None:
    result = clean_in_child("'\\n'.join(seeds * (50_000_000 // sum(len(p) + 1 for p in seeds) + 1))[:50_000_000]",
                            limit=180)
    assert result["paragraphs"] > 0


@pytest.mark.slow
def test_a_10_mb_single_line_finishes() -> None:
    # about 7 s; it took more than 300 s before greedy .* were made lazy in five rules (docs/robustness.md)
    result = clean_in_child("' '.join(words * (10**7 // sum(len(w) + 1 for w in words) + 1))[:10**7]", limit=120)
    assert result["paragraphs"] == 1


@pytest.mark.slow
@pytest.mark.parametrize("line", ["'#a ' * 333_333 + ','", "' '.join(words)[:10**6] + ' | Republika x'",
                                  "('x read-1' * 125_000) + ' '", "'Budi ' * 200_000 + 'Kasus'"],
                         ids=["hashtags", "title-suffix", "read-links", "names"])
def test_a_1_mb_line_of_each_shape_that_made_the_rules_crawl_finishes(line: str) -> None:
    clean_in_child(line, limit=60)  # each took 7 to 40 s before (quadratic), about 1 s now


@pytest.mark.slow
@pytest.mark.parametrize("outlet", newsclean.rulesets())
def test_a_1_mb_line_finishes_with_every_rule_set(outlet: str) -> None:
    # every rule set's alternation, on prose and on a run of short tokens: about 1 s each, where the second took
    # 26 to 40 s when the alternation was quadratic
    clean_in_child("' '.join(words * 100)[:10**6]", limit=20, outlet=outlet)
    clean_in_child("'#a ' * 333_333 + '!'", limit=20, outlet=outlet)
