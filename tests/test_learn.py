"""The rule-set learner: line statistics, their merge, the draft rule set, and whether the draft helps.

Expected values come from the gold files and from the page texts themselves (lines counted here, in the
test), never from the learner's own output.  Each draft is registered under a name of its own, so tests
do not collide in the process-wide registry.
"""

from __future__ import annotations

import collections
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import reduce
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsclean
from conftest import Page, devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import Label, cli, learn
from newsclean.learn import LineStats, boilerplate_lines, draft_ruleset, merge, observe, observe_all
from newsclean.normalize import normalize_line
from newsclean.rules import CompiledRuleSet, compile_ruleset

# ---------------------------------------------------------------------------
# paragraph F1 exactly as /work/shared/score.py computes it (normalisation, multiset match)

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").translate(_QUOTES)
    return re.sub(r"\s+", " ", s).strip()


def paragraph_f1(predicted: Iterable[str], gold: Iterable[str]) -> float:
    """Multiset F1 of the normalised, non-empty paragraphs (score.py's ``para_f1``)."""
    pc = collections.Counter(p for p in map(_norm, predicted) if p)
    gc = collections.Counter(g for g in map(_norm, gold) if g)
    hit = sum((pc & gc).values())
    p = hit / sum(pc.values()) if pc else (1.0 if not gc else 0.0)
    r = hit / sum(gc.values()) if gc else 1.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


# ---------------------------------------------------------------------------
# pages


def whole_devset_pages() -> tuple[Page, ...]:
    """The devset's whole pages of 2015-2017 (one template era a site; the 2009-2026 pages are mostly cut short
    and span many templates, nothing a sample of one site's pages is meant to learn from)."""
    return tuple(p for p in devset_pages() if p.name.startswith("anpandu-"))


def site_pages(site: str) -> tuple[Page, ...]:
    """Every gold page of a site in the repository: devset, variants, held-out sets (scraper pages too), seeds."""
    pages = (*whole_devset_pages(), *variant_pages(), *scraper_pages(), *seed_pages())
    return tuple(p for p in pages if p.gold["outlet"] == site)


def devset_site(site: str) -> tuple[Page, ...]:
    return tuple(p for p in whole_devset_pages() if p.site == site)


def page_lines(page: Page) -> list[str]:
    return [normalize_line(line) for line in page.text.split("\n")]


def gold_lines(page: Page, *labels: str) -> list[str]:
    """The page's normalised lines that the gold gives one of ``labels``."""
    return [t for t, label in zip(page_lines(page), page.gold["labels"], strict=True) if label in labels and t]


def register_draft(toml: str, tmp_path: Path, name: str) -> newsclean.RuleSet:
    path = tmp_path / f"{name}.toml"
    path.write_text(toml, encoding="utf-8")
    return newsclean.register(path, replace=True)


def own_rules_only(ruleset: newsclean.RuleSet) -> CompiledRuleSet:
    """The draft's own rules, compiled without the base it extends."""
    return compile_ruleset(replace(ruleset, extends=()), newsclean.get)


MENU = ["Beranda", "Nasional", "KABAR CONTOH NETWORK", "Kanal Warga Kota"]
FOOTER = ["Tentang Kami", "Lowongan Kerja Redaksi", "Kabar Contoh Group 2024"]
CITIES = ["BANDUNG", "JAKARTA", "MEDAN", "SURABAYA", "PONTIANAK"]


def sentence(i: int, words: Sequence[str]) -> str:
    """A sentence of running text that differs from page to page."""
    return f"Warga {words[i % len(words)]} di kecamatan ke-{i} mengatakan bahwa harga beras naik sejak pekan lalu, " \
           f"dan pedagang di pasar nomor {i * 7} menyebut pasokan dari daerah {words[(i + 1) % len(words)]} tersendat."


def made_up_page(i: int, *, extra: Sequence[str] = (), lead_tag: str = "(KabarContoh) — ") -> str:
    """A page of the made-up outlet Kabar Contoh: menu, headline, date, a lead with a dateline, body, footer."""
    words = ["Cibiru", "Antapani", "Coblong", "Sukajadi", "Lengkong", "Cicendo", "Bojongloa"]
    city = CITIES[i % len(CITIES)]
    return "\n".join([
        *MENU,
        f"Harga Beras di Kecamatan {words[i % len(words)]} Naik untuk Pekan ke-{i}",
        f"Kamis, {i + 1:02d} Februari 2024 10:15 WIB",
        *extra,
        f"{city} {lead_tag}{sentence(i, words)}",
        sentence(i + 100, words),
        sentence(i + 200, words),
        *FOOTER,
        "",
    ])


# ---------------------------------------------------------------------------
# statistics


def test_a_page_counts_each_distinct_line_once() -> None:
    text = "Beranda\nBeranda\n\n  Harga   naik  \n" + sentence(1, ["Cibiru"])
    stats = observe(text)
    assert stats.documents == 1
    assert stats.lines == {"Beranda": 1, "Harga naik": 1, sentence(1, ["Cibiru"]): 1}


def test_document_frequency_counts_the_pages_a_line_is_on() -> None:
    pages = [made_up_page(i) for i in range(4)]
    stats = observe_all(pages)
    assert stats.documents == 4
    for line in MENU + FOOTER:
        assert stats.lines[line] == 4
    assert stats.lines["Harga Beras di Kecamatan Cibiru Naik untuk Pekan ke-0"] == 1


@pytest.mark.parametrize(("line", "expected"), [
    ("Baca Juga: Harga Bawang Naik", ("baca juga:", "Harga Bawang Naik")),
    ("BACA  JUGA : Harga Bawang Naik", ("baca juga:", "Harga Bawang Naik")),
    ("Penulis : Siti Rahmawati", ("penulis:", "Siti Rahmawati")),
    ("Foto:", ("foto:", "")),
    ("Editor: Budi", ("editor:", "Budi")),
    ("10:15 WIB", None),
    ("https://example.com/berita", None),
    ("Empat kata sebelum titik dua: lalu teks", None),
])
def test_line_prefixes(line: str, expected: tuple[str, str] | None) -> None:
    assert learn.split_prefix(line) == expected


@pytest.mark.parametrize(("line", "shape"), [
    ("Rina Anggraeni , Jurnalis-Jum'at, 09 Februari 2024 |19:10 WIB", "{author},Jurnalis-{published}"),
    ("Andika Rachmansyah, Jurnalis · Minggu, 28 April 2024 - 21:15 WIB", "{author},Jurnalis-{published}"),
    ("Vania Ika Aldida | Jum'at, 17 Februari 2017 - 13:30 wib", "{author}-{published}"),
    ("Kamis, 05 November 2015 - Ahmad Yani", "{published}-{author}"),
    ("Kamis, 05 November 2015 11:52 |", None),  # no name: the base reads date lines
    ("Peta lokasi gempa di Sukabumi, Minggu 21 Mei 2023.", None),  # a caption
    ("5 Fakta Gerhana Bulan Total 8 November 2022, dari Jam Puncak", None),  # a headline
    ("Ahmad Yani | Kamis, 05 November 2015 - Budi Santoso", None),  # two names: which is the author?
])
def test_byline_and_date_shapes(line: str, shape: str | None) -> None:
    assert learn.line_shape(line) == shape


def test_threshold_is_a_share_of_the_pages_and_two_at_least() -> None:
    assert learn.threshold(LineStats(documents=3), 0.5) == 2
    assert learn.threshold(LineStats(documents=10), 0.5) == 5
    assert learn.threshold(LineStats(documents=10), 0.25) == 3
    assert learn.threshold(LineStats(documents=1), 0.5) == 2
    assert learn.threshold(LineStats(documents=200), 0.1) == 20


_KEYS = st.sampled_from(["Beranda", "Foto:", "baca juga:", "Tentang Kami", "A", "x"])
_ITEMS = st.tuples(st.sampled_from([learn.LINE, learn.PREFIX, learn.LEAD]), _KEYS)
_COUNTS = st.dictionaries(_KEYS, st.integers(1, 5), max_size=4).map(MappingProxyType)
_ITEM_COUNTS = st.dictionaries(_ITEMS, st.integers(1, 5), max_size=4).map(MappingProxyType)
STATS = st.builds(
    LineStats,
    documents=st.integers(0, 9),
    lines=_COUNTS,
    prefixes=_COUNTS,
    leads=_COUNTS,
    own=_ITEM_COUNTS,
    top=_ITEM_COUNTS,
    inside=_ITEM_COUNTS,
    below=_ITEM_COUNTS,
    samples=st.dictionaries(_ITEMS, _KEYS, max_size=4).map(MappingProxyType),
    widths=_COUNTS,
)


@given(STATS, STATS, STATS)
def test_merge_is_associative(a: LineStats, b: LineStats, c: LineStats) -> None:
    assert merge(merge(a, b), c) == merge(a, merge(b, c))


@given(STATS, STATS)
def test_merge_is_commutative_with_an_empty_neutral(a: LineStats, b: LineStats) -> None:
    assert merge(a, b) == merge(b, a)
    assert merge(LineStats(), a) == a == merge(a, LineStats())


@settings(max_examples=30)
@given(st.lists(st.text(alphabet=st.sampled_from("ab :\u00a0-."), max_size=6), max_size=8))
def test_observe_counts_the_distinct_normalised_lines(lines: list[str]) -> None:
    expected = {normalize_line(line) for line in lines} - {""}
    stats = observe("\n".join(lines))
    assert stats.documents == 1
    assert dict(stats.lines) == dict.fromkeys(expected, 1)


def test_statistics_merged_shard_by_shard_equal_those_of_the_whole() -> None:
    texts = [p.text for p in devset_site("antaranews")]
    whole = observe_all(texts)
    shards = [observe_all(texts[:2]), observe_all(texts[2:3]), observe_all(texts[3:])]
    assert reduce(merge, shards) == whole == reduce(merge, reversed(shards))
    assert whole.documents == len(texts)


# ---------------------------------------------------------------------------
# the draft


def test_recurring_lines_become_rules_and_page_lines_do_not(tmp_path: Path) -> None:
    pages = [made_up_page(i) for i in range(4)]
    ruleset = register_draft(draft_ruleset(observe_all(pages), "learn-test-recurring"), tmp_path,
                             "learn-test-recurring")
    learned = {line for rule in ruleset.rules for line in rule.lines}
    # the base rule set knows Beranda, Nasional and Tentang Kami already; the rest of the menu and footer is new
    assert learned == {"KABAR CONTOH NETWORK", "Kanal Warga Kota", "Lowongan Kerja Redaksi",
                       "Kabar Contoh Group 2024"}
    assert not any("Harga Beras" in line or "Februari" in line for line in learned)


def test_the_draft_names_its_sample_and_extends_the_base(tmp_path: Path) -> None:
    pages = [made_up_page(i) for i in range(3)]
    toml = draft_ruleset(observe_all(pages), "learn-test-top", hosts=["kabarcontoh-top.example"])
    ruleset = newsclean.ruleset_from_toml(toml)
    assert ruleset.extends == ("base",)
    assert ruleset.hosts == ("kabarcontoh-top.example",)
    assert "3 pages" in ruleset.description and "draft" in ruleset.description.lower()
    register_draft(toml, tmp_path, "learn-test-top")
    article = newsclean.clean(pages[0], url="https://www.kabarcontoh-top.example/berita/1", language=False)
    assert article.outlet == "learn-test-top"


def test_each_rule_says_in_how_many_pages_its_lines_occur() -> None:
    pages = [made_up_page(i, extra=["Ikuti Kabar Contoh di WhatsApp"] if i % 2 else []) for i in range(6)]
    counts = collections.Counter(line for text in pages for line in {normalize_line(x) for x in text.split("\n")})
    toml = draft_ruleset(observe_all(pages), "learn-test-counts")
    entries = re.findall(r'^    "((?:[^"\\]|\\.)*)",\s+# (\d+) of (\d+)$', toml, flags=re.M)
    assert entries
    for line, seen, total in entries:
        assert (int(seen), int(total)) == (counts[line], 6)
    blocks = toml.split("[[rules]]")
    assert all(re.search(r"on \d+( to \d+)? of 6 pages", block) for block in blocks[:-1])


def test_lines_and_patterns_are_escaped_for_toml_and_regex(tmp_path: Path) -> None:
    nasty = ['Tanda "kutip" \\ miring [x] (y) *z* \'a\' {2} $ ^ |', "Bel\x07 berbunyi", "Tab\u007f hapus"]
    pages = [made_up_page(i, extra=[*nasty, f"Tautan.Kami: nomor {i} (dok.) [+]"]) for i in range(3)]
    toml = draft_ruleset(observe_all(pages), "learn-test-escape")
    ruleset = register_draft(toml, tmp_path, "learn-test-escape")
    learned = {line for rule in ruleset.rules for line in rule.lines}
    assert set(nasty) <= learned
    prefix = [r for r in ruleset.rules if r.pattern is not None]
    assert prefix and all(r.examples for r in prefix)
    own = own_rules_only(ruleset)
    assert own.match("TAUTAN.KAMI : nomor 99 (dok.) [+]") is not None
    assert own.match("TautanXKami: nomor 99 (dok.) [+]") is None


_NASTY = st.text(alphabet=st.sampled_from('aZ ."\'\\[](){}*+?^$|#:-’«\x07\x7féß'), min_size=1, max_size=12)


@settings(max_examples=40)
@given(st.lists(_NASTY, min_size=1, max_size=5), _NASTY)
@example(lines=[":", ":: - ?"], tag=":")  # a line that opens like a lead, with no sentence after its "prefix"
@example(lines=[": Z .", ": Z ?"], tag=":")  # short lines the body takes in above the lead are no lead
def test_any_recurring_lines_and_lead_tags_give_a_draft_that_loads(lines: list[str], tag: str) -> None:
    word = "".join(ch for ch in tag if ch.isalpha() or ch in ".'’-")  # what a prefix's words may hold
    site = "".join(ch for ch in tag if ch not in ".?!")  # ". " would read as a sentence's end, not a dateline
    pages = [made_up_page(i, extra=[*lines, f"Label{word}: {i}"], lead_tag=f"(Kabar{site}) - ") for i in range(3)]
    toml = draft_ruleset(observe_all(pages), "learn-test-nasty")
    ruleset = newsclean.ruleset_from_toml(toml)
    learned = {line for rule in ruleset.rules for line in rule.lines}
    assert learned <= {normalize_line(line) for line in lines} | set(MENU + FOOTER)
    own = own_rules_only(ruleset)
    if "ß" not in word:  # case folding spells it "ss", and a prefix rule that would fail its example is left out
        assert own.match(f"label{word} : 99") is not None
    city = CITIES[7 % len(CITIES)]
    lead = next(line for line in made_up_page(7, lead_tag=f"(Kabar{site}) - ").split("\n") if line.startswith(city))
    found = own.dateline(normalize_line(lead))
    assert found is not None and found[2] == city, (lead, toml)


def test_a_recurring_lead_prefix_becomes_a_dateline_with_its_city(tmp_path: Path) -> None:
    pages = [made_up_page(i) for i in range(4)]
    toml = draft_ruleset(observe_all(pages), "learn-test-dateline")
    ruleset = register_draft(toml, tmp_path, "learn-test-dateline")
    assert [d.name for d in ruleset.datelines] == ["lead_city"]
    # a page the draft has not seen, with a city none of the sample's leads had
    text = made_up_page(9).replace("PONTIANAK (KabarContoh)", "PALANGKA RAYA (KabarContoh)")
    article = newsclean.clean(text, outlet="learn-test-dateline", language=False)
    assert article.dateline == "PALANGKA RAYA"
    assert article.paragraphs[0] == sentence(9, ["Cibiru", "Antapani", "Coblong", "Sukajadi", "Lengkong",
                                                  "Cicendo", "Bojongloa"])
    assert newsclean.clean(text, outlet="generic", language=False).dateline is None


def test_a_line_printed_as_a_headline_is_never_a_rule() -> None:
    headline = "Harga Beras Naik Lagi di Seluruh Kota Bandung Pekan Ini"
    pages = [made_up_page(i) for i in range(3)]
    # page 0 prints the headline as its own; pages 1 and 2 list it among other headlines under the body
    pages[0] = pages[0].replace("Harga Beras di Kecamatan Cibiru Naik untuk Pekan ke-0", headline)
    pages[1] = pages[1].replace("Tentang Kami", f"Berita Lainnya\n{headline}\nTentang Kami")
    pages[2] = pages[2].replace("Tentang Kami", f"Berita Lainnya\n{headline}\nTentang Kami")
    stats = observe_all(pages)
    assert stats.lines[headline] == 3
    assert headline not in draft_ruleset(stats, "learn-test-headline")
    assert headline not in boilerplate_lines(stats)


@pytest.mark.parametrize("site", ["antaranews", "kapanlagi", "kompas-com", "liputan6", "detik", "republika"])
def test_the_draft_of_a_devset_site_loads_and_cleans(site: str, tmp_path: Path) -> None:
    pages = devset_site(site)
    name = f"learn-test-load-{site}"
    toml = draft_ruleset(observe_all(p.text for p in pages), name)
    assert newsclean.ruleset_from_toml(toml).name == name
    register_draft(toml, tmp_path, name)
    article = newsclean.clean(pages[0].text, outlet=name, language=False)
    assert article.outlet == name
    assert article.paragraphs


@pytest.mark.parametrize("site", ["antaranews", "kapanlagi", "kompas-com", "liputan6", "detik", "republika",
                                  "okezone", "suara", "kompastv", "pikiran-rakyat"])
def test_no_body_line_or_headline_of_the_training_pages_becomes_a_rule(site: str) -> None:
    pages = site_pages(site)
    own = own_rules_only(newsclean.ruleset_from_toml(draft_ruleset(observe_all(p.text for p in pages), "t")))
    for page in pages:
        for line in gold_lines(page, "body", "title"):
            found = own.match(line)
            assert found is None, f"{page.id}: {found.rule.name if found else ''} takes {line[:60]!r}"


def test_boilerplate_lines_are_what_the_gold_drops_on_every_page() -> None:
    pages = devset_site("kapanlagi")
    found = boilerplate_lines(observe_all(p.text for p in pages))
    kept = {line for p in pages for line in gold_lines(p, "body", "title", "subtitle")}
    on_pages = [set(page_lines(p)) for p in pages]
    assert "KAPANLAGI NETWORK" in found
    assert not found & kept
    assert all(sum(line in lines for lines in on_pages) >= 2 for line in found)


# ---------------------------------------------------------------------------
# the draft helps: pages held apart from the sample clean better than with the generic rules


def held_apart_scores(pages: Sequence[Page], tag: str, tmp_path: Path) -> list[tuple[str, float, float]]:
    """Leave one out: for each page, a draft learned from the other pages; ``(page, generic F1, learned F1)``.

    Each page is observed once; a page's draft merges the statistics of all the others.
    """
    stats = [observe(p.text) for p in pages]
    scores = []
    for i, page in enumerate(pages):
        name = f"learn-test-{tag}-{i}"
        others = reduce(merge, stats[:i] + stats[i + 1:], LineStats())
        register_draft(draft_ruleset(others, name), tmp_path, name)
        gold = page.gold["body"]
        generic = newsclean.clean(page.text, outlet="generic", language=False).paragraphs
        learned = newsclean.clean(page.text, outlet=name, language=False).paragraphs
        scores.append((page.id, paragraph_f1(generic, gold), paragraph_f1(learned, gold)))
    return scores


def test_a_learned_draft_beats_the_generic_rules_on_held_apart_pages_of_republika(tmp_path: Path) -> None:
    # Republika: the devset site with the most gold pages here (devset, held-out sets, variants, a seed).
    # Its header photo is captioned above a "Foto:" credit line, and the generic rules take a caption with
    # no credit of its own for the lead; the sample shows the body opens after "Foto:".
    pages = site_pages("republika")
    assert len(pages) >= 12
    scores = held_apart_scores(pages, "republika", tmp_path)
    generic = sum(g for _, g, _ in scores) / len(scores)
    learned = sum(f for _, _, f in scores) / len(scores)
    worse = [(page, g, f) for page, g, f in scores if f < g - 1e-9]
    assert not worse, worse
    assert learned > generic, scores
    assert sum(f > g + 1e-9 for _, g, f in scores) >= 2, scores


@pytest.mark.parametrize("site", ["antaranews", "kapanlagi", "kompas-com", "liputan6", "okezone"])
def test_a_learned_draft_never_does_worse_than_the_generic_rules(site: str, tmp_path: Path) -> None:
    # On these sites what the generic rules get wrong is particular to one page (nothing for a sample to show),
    # so the draft cannot do better; it must not do worse.
    pages = devset_site(site) if site != "okezone" else site_pages(site)
    scores = held_apart_scores(pages, site, tmp_path)
    worse = [(page, g, f) for page, g, f in scores if f < g - 1e-9]
    assert not worse, worse


def same_names(found: Sequence[str], gold: Sequence[str]) -> bool:
    return sorted(_norm(x).lower() for x in found) == sorted(_norm(x).lower() for x in gold)


def test_a_learned_byline_shape_gives_the_writers_of_held_apart_okezone_pages(tmp_path: Path) -> None:
    # Okezone prints "NAME , Jurnalis-DAY, DATE |TIME WIB" above the headline.  The base now reads that byline
    # form too (issue 10 asks for "X, Jurnalis · <date>" on every site), so the draft must only do no worse.
    pages = [p for p in site_pages("okezone") if p.gold.get("authors")]
    stats = [observe(p.text) for p in pages]
    generic = learned = 0
    for i, page in enumerate(pages):
        name = f"learn-test-byline-{i}"
        register_draft(draft_ruleset(reduce(merge, stats[:i] + stats[i + 1:]), name), tmp_path, name)
        before = newsclean.clean(page.text, outlet="generic", language=False)
        after = newsclean.clean(page.text, outlet=name, language=False)
        generic += same_names(before.authors, page.gold["authors"])
        learned += same_names(after.authors, page.gold["authors"])
        assert same_names(after.authors, page.gold["authors"]) or not same_names(before.authors, page.gold["authors"])
    assert learned >= generic
    assert learned >= 0.8 * len(pages), (learned, len(pages))


# ---------------------------------------------------------------------------
# the command


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_learn_writes_a_draft_that_the_command_line_loads(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    for i in range(3):
        (pages / ("sub" if i else ".") / f"page{i}.txt").write_text(made_up_page(i), encoding="utf-8")
    (pages / "notes.md").write_text("not a page", encoding="utf-8")
    draft = tmp_path / "kabar.toml"
    code, out, err = run(capsys, "learn", str(pages), "--name", "learn-test-cli", "--host", "kabarcontoh-cli.example",
                         "-o", str(draft))
    assert (code, out, err) == (0, "", "")
    assert "from 3 pages" in draft.read_text(encoding="utf-8")
    code, out, err = run(capsys, "clean", "--ruleset", str(draft), "--url", "https://kabarcontoh-cli.example/a",
                         "--no-language", str(pages / "page0.txt"))
    assert code == 0, err
    assert "outlet: learn-test-cli" in out
    assert "dateline: BANDUNG" in out


def test_a_draft_that_cannot_be_written_is_exit_4(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pages = [tmp_path / f"page{i}.txt" for i in range(2)]
    for i, page in enumerate(pages):
        page.write_text(made_up_page(i), encoding="utf-8")
    code, out, err = run(capsys, "learn", *map(str, pages), "--name", "learn-test-full", "-o",
                         str(tmp_path / "no-such-folder" / "draft.toml"))
    assert (code, out) == (4, "")
    assert "draft.toml: cannot write" in err


def test_learn_prints_the_draft_without_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(Path(p)) for p in sorted((Path(__file__).parent / "devset" / "kapanlagi").glob("anpandu-*.txt"))]
    code, out, _ = run(capsys, "learn", *files, "--name", "learn-test-stdout", "--min-share", "0.9")
    assert code == 0
    ruleset = newsclean.ruleset_from_toml(out)
    assert ruleset.name == "learn-test-stdout"
    assert "at least 3 of the 3 pages" in out


def test_learn_needs_two_pages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "one.txt"
    page.write_text(made_up_page(0), encoding="utf-8")
    code, out, err = run(capsys, "learn", str(page), "--name", "x")
    assert code == cli.EXIT_USAGE and not out
    assert "at least 2 pages" in err


def test_learn_reports_an_unreadable_page_and_learns_from_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for i in range(2):
        (tmp_path / f"p{i}.txt").write_text(made_up_page(i), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe broken")
    code, out, err = run(capsys, "learn", str(tmp_path), str(tmp_path / "missing.txt"), "--name", "learn-test-bad")
    assert code == cli.EXIT_INPUT
    assert "bad.txt: not UTF-8" in err and "missing.txt: cannot read" in err
    assert newsclean.ruleset_from_toml(out).description.startswith("Learned draft for learn-test-bad from 2 pages")


@pytest.mark.parametrize("share", ["0", "1.5", "half"])
def test_learn_rejects_a_share_out_of_range(share: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["learn", "x.txt", "--name", "x", "--min-share", share])
    assert exc.value.code == cli.EXIT_USAGE
    assert "--min-share" in capsys.readouterr().err


def test_guessed_labels() -> None:
    assert learn.guess_label("Ikuti Kabar Contoh di WhatsApp") is Label.PROMO
    assert learn.guess_label("»") is Label.UI
    assert learn.guess_label("Lima Camilan Sehat untuk Bekal Sekolah Anak") is Label.RELATED
    assert learn.guess_label("KAPANLAGI NETWORK") is Label.NAV


def test_paragraph_f1_matches_normalised_paragraphs_as_a_multiset() -> None:
    assert math.isclose(paragraph_f1(["a  b", "“c”"], ['a b', '"c"', "d"]), 0.8)
    assert paragraph_f1([], []) == 1.0
