"""Inputs the fuzz run (fuzz/run.sh) found that broke an invariant, kept (tests/fuzz_found/) and run on both paths
(the native structural passes and the pure-Python reference), with a hand-made page of each finding's kind.

A finding not fixed yet is kept here as a strict xfail, so that its fix is noticed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import Label, body, native
from newsclean.normalize import normalize_line

FOUND = Path(__file__).resolve().parent / "fuzz_found"
PATHS = ("native", "python")


@pytest.fixture(params=PATHS)
def path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test on the native structural passes (where they are built) and on the pure-Python reference."""
    on = request.param == "native"
    if on and not native.structure_available():
        pytest.skip("the structural extension is not built here")
    previous = native.use(on)
    yield request.param
    native.use(previous)


def _again(text: str, outlet: str | None, url: str | None) -> tuple[newsclean.Article, newsclean.Article]:
    """A page cleaned, and its body cleaned again with the same rule set."""
    article = newsclean.clean(text, outlet=outlet, url=url, language=False)
    return article, newsclean.clean(article.body, outlet=article.outlet or "generic", url=url, language=False)


def test_cleaning_the_body_of_a_fuzzed_suara_page_again_keeps_it(path: str) -> None:
    # found by the CI fuzz run at 10573cc: a caption over a dateline lead that announces a price table, a paragraph
    # under the table; the body ran on past the table, and cleaned again it lost its lead and table (654 -> 148)
    case = json.loads((FOUND / "idempotence-suara-1.json").read_text(encoding="utf-8"))
    article, again = _again(case["text"], case["outlet"], case["url"])
    assert article.outlet == "suara"
    assert article.paragraphs[0].startswith("30 Juli 2024, 12: Tenggara hangus terbakar.")
    assert article.paragraphs[-1].startswith("1.000 gram: Rp1.825.200.000.")
    assert again.body == article.body


HEAD = ("Harga Emas Antam Hari Ini Turun Lagi, Ini Rinciannya", "Selasa, 21 September 2021 | 06:20 WIB")
CAPTION = ("Petugas menunjukkan emas batangan di butik Antam, Jakarta, Selasa (21/9/2021). "
           "Harga emas turun lagi hari ini.")
LEAD = "Harga emas batangan Antam hari ini turun, berikut rinciannya:"
TABLE = tuple(f"{grams} gram: Rp{grams * 1884},000" for grams in (1, 2, 3, 5, 10, 25, 50, 100, 250, 500, 1000))
BELOW = "Harga pembelian kembali emas Antam juga turun menjadi Rp1.700.000 per gram pada hari ini."
FOOT = ("Berita Terkait", "Banjir Rendam Tiga Kecamatan di Bekasi")


def test_a_long_table_under_a_short_lead_keeps_the_body_one_run(path: str) -> None:
    # the caption over the dateline lead is left out of the body, so the lead alone must carry the table's cost:
    # it cannot, so the paragraph under the table is not taken as the article going on (cleaned again, the body
    # would be that paragraph alone); the announced table stays body
    article, again = _again("\n".join((*HEAD, CAPTION, "JAKARTA - " + LEAD, *TABLE, BELOW, *FOOT)), "generic", None)
    assert article.paragraphs == (LEAD, *TABLE)
    assert article.lines[2].rule == "structure.header_caption"
    assert again.body == article.body


def test_a_short_table_under_the_lead_lets_the_article_go_on(path: str) -> None:
    # the lead carries a table of three rows: the paragraph under it is the article going on, and stays body
    article, again = _again("\n".join((*HEAD, CAPTION, "JAKARTA - " + LEAD, *TABLE[:3], BELOW, *FOOT)), "generic",
                            None)
    assert article.paragraphs == (LEAD, *TABLE[:3], BELOW)
    assert again.body == article.body


def test_cleaning_the_body_of_a_fuzzed_page_with_a_control_character_after_its_dateline_again_keeps_it(
        path: str) -> None:
    # found by the fuzz run at 853cba2: the lead's dateline prefix ("Kapanlagi.com - ") was cut before a "\x1f" that
    # the pattern's \s does not match and str.strip does: the body's first paragraph, read again, lost it (475 -> 474)
    case = json.loads((FOUND / "idempotence-base-1.json").read_text(encoding="utf-8"))
    article, again = _again(case["text"], case["outlet"], case["url"])
    assert article.lines[10].text.startswith("Kapanlagi.com - \x1f")
    assert article.lines[10].rule == "structure.body"
    assert again.body == article.body


@pytest.mark.parametrize("space", ["\x1c", "\x1d", "\x1e", "\x1f"])
def test_a_lead_with_white_space_left_after_its_dateline_keeps_it(path: str, space: str) -> None:
    # a lead is cut after its dateline only when what is left reads as the same line again: a separator character
    # left after the prefix would be stripped off it, so the line stays whole
    lead = f"JAKARTA - {space}Harga emas batangan Antam hari ini turun sebesar Rp21.000 menjadi Rp1.884.000 per gram."
    article, again = _again("\n".join((*HEAD, lead, BELOW, *FOOT)), "generic", None)
    assert article.paragraphs == (lead, BELOW)
    assert article.dateline is None
    assert again.body == article.body


def test_a_lead_with_its_dateline_is_cut_as_before(path: str) -> None:
    lead = "Harga emas batangan Antam hari ini turun sebesar Rp21.000 menjadi Rp1.884.000 per gram."
    article, again = _again("\n".join((*HEAD, "JAKARTA - " + lead, BELOW, *FOOT)), "generic", None)
    assert article.paragraphs == (lead, BELOW)
    assert article.dateline == "JAKARTA"
    assert again.body == article.body


def test_cleaning_the_body_of_a_fuzzed_page_with_a_late_header_again_keeps_it(path: str) -> None:
    # found by the fuzz run at 313d6ef: the body without a late header ended on a line that only brought its sum
    # back to an earlier peak; cleaned again, the run ended at that earlier peak and lost two lines (776 -> 679)
    case = json.loads((FOUND / "idempotence-suara-2.json").read_text(encoding="utf-8"))
    article, again = _again(case["text"], case["outlet"], case["url"])
    assert [line.label for line in article.lines[59:62]] == [Label.BODY] * 3
    assert again.body == article.body


P1 = "Harga beras medium di pasar induk naik sejak awal pekan, menurut catatan para pedagang di sana."
P2 = "Kenaikan itu, kata mereka, terjadi karena pasokan dari sentra produksi berkurang sejak musim hujan tiba."
LATE = ("Harga Beras Naik di Pasar Induk, Pedagang Mengeluh Pasokan Seret",
        "Kenaikan harga terjadi karena pasokan dari sentra produksi berkurang, kata pedagang.",
        "Selasa, 21 September 2021 | 08:00 WIB")


def test_a_body_that_ends_back_at_an_earlier_peak_keeps_its_late_header(path: str) -> None:
    # a short line costs 19 (38 characters, not a sentence), the sentence under it brings 19 back: the body without
    # the late header under them is no run of its own (a run ends on the first line its sum peaks at, P2), so the
    # header is not split off, and the body is found whole again
    short, sentence = "Pedagang beras di Pasar Induk Cipinang", "Stok beras ada kok."
    article, again = _again("\n".join((*HEAD, P1, P2, short, sentence, *LATE, *FOOT)), "generic", None)
    assert article.paragraphs == (P1, P2, short, sentence, *LATE[:2])
    assert again.body == article.body


def test_a_body_over_a_late_header_is_split_off_it(path: str) -> None:
    article, again = _again("\n".join((P1, P2, *LATE, *FOOT)), "generic", None)
    assert article.paragraphs == (P1, P2)
    assert (article.title, article.subtitle) == LATE[:2]
    assert again.body == article.body


def test_cleaning_the_body_of_a_fuzzed_page_with_mojibake_in_its_lead_again_keeps_it(path: str) -> None:
    # found by the fuzz run at 6a9d016: ftfy leaves "Ê®" alone in a line that also holds the dateline's "—", and
    # repairs it in the lead cut from that line: the body cleaned again changed by one character (1576 -> 1575)
    case = json.loads((FOUND / "idempotence-base-2.json").read_text(encoding="utf-8"))
    article, again = _again(case["text"], case["outlet"], case["url"])
    assert article.lines[43].text.startswith("REPUBLIKA.CO.ID, JAKARTA — Hasil pemilu Rusia")
    assert article.lines[43].rule == "structure.body"
    assert again.body == article.body


def test_a_lead_whose_mojibake_is_repaired_only_without_its_dateline_keeps_it(path: str) -> None:
    lead = "JAKARTA — Brandon bertandang ke kantor KapanLagi.comÊ®, Tebet, Jakarta Selatan, pada Rabu (4/11) siang."
    article, again = _again("\n".join((*HEAD, lead, BELOW, *FOOT)), "generic", None)
    assert article.paragraphs == (lead, BELOW)
    assert again.body == article.body


def test_cleaning_the_body_of_a_fuzzed_page_with_a_long_item_under_its_list_again_keeps_it(path: str) -> None:
    # found by the fuzz run at 8c43450: an announced price list whose last item is a long sentence, scored here as
    # a line anchored to the page (negative); the list took it in, and cleaned alone it was prose that outweighed
    # the lead above the list: the body cleaned again was that item alone (551 -> 117)
    case = json.loads((FOUND / "idempotence-suara-3.json").read_text(encoding="utf-8"))
    article, again = _again(case["text"], case["outlet"], case["url"])
    assert article.paragraphs[0].startswith("embali Anjlok, Harga Emas")
    assert article.paragraphs[-1] == "10 gram: Rp18.335.000"
    assert again.body == article.body


# Text with what normalisation changes: separators str.strip drops, odd spaces, zero-width characters, mojibake.
_ODD = st.lists(st.sampled_from([*"ab .,", "\x1f", "\x1c", "\u2028", "\xa0", "\u200b", "Ã©", "Ê®", "—", "â€œ"]),
                max_size=30).map("".join)


@given(_ODD, st.booleans(), st.integers(min_value=0, max_value=40))
def test_a_lead_reads_again_when_normalising_the_rest_gives_it_back(text: str, normalised: bool, cut: int) -> None:
    # _reads_again looks before it normalises: the same answer as its definition, on normalised lines and others
    line = normalize_line(text) if normalised else text
    rest = line[cut:]
    assert body._reads_again(line, rest) == (normalize_line(rest) == rest or normalize_line(line) != line)


def test_cleaning_the_body_of_a_fuzzed_page_with_a_link_under_a_dateline_inside_it_again_keeps_it(path: str) -> None:
    # found by the CI fuzz run at 78d5f2e: two paragraphs over a dateline line, a "Baca Juga" link further down; the
    # run from the dateline line fell to nothing at the link, so the body kept the two paragraphs over it; cleaned
    # again, without the link, that run held, and the two paragraphs became the header (2,198 -> 1,735)
    case = json.loads((FOUND / "idempotence-suara-4.json").read_text(encoding="utf-8"))
    article, again = _again(case["text"], case["outlet"], case["url"])
    assert article.paragraphs[0] == "Komisi P Ode sendiri mulai disidangkan hari ini."
    assert again.body == article.body


DECK = ("Harga emas batangan Antam kembali turun pada perdagangan hari ini, menurut laman resmi Logam Mulia.",
        "Penurunan itu terjadi setelah harga naik selama tiga hari berturut-turut pekan lalu, kata analis.")
LINK = "Baca Juga: Harga Emas Antam Naik Lagi, Ini Rinciannya"
NOTE = "Harga dalam rupiah per gram belum termasuk pajak pembelian"


@pytest.mark.parametrize("link", [True, False])
def test_a_dateline_lead_under_two_paragraphs_is_the_body_s_first_line_as_when_cleaned_again(
        path: str, link: bool) -> None:
    # the run from the dateline lead falls at the note and the link under it; a link is no part of the body cleaned
    # again, so the run holds there as it holds without it: the two paragraphs over the lead are the deck either way
    lead = "Emas Antam turun Rp21.000 menjadi Rp1.884.000."
    lines = (*HEAD, *DECK, "JAKARTA - " + lead, NOTE, *((LINK,) if link else ()), BELOW, *FOOT)
    article, again = _again("\n".join(lines), "generic", None)
    assert article.paragraphs == (lead, NOTE, BELOW)
    assert again.body == article.body


def test_cleaning_the_body_of_a_fuzzed_page_with_a_headline_echo_under_a_credit_again_keeps_it(path: str) -> None:
    # found by a fuzz run at 658862e (fuzz/run.sh long): a line closed by a one-word credit ("... (Robbani)") under the
    # lead, short lines, then the headline again; the body without the credit fell to nothing at the echo, so the
    # credit stayed body, and the echo was dropped; cleaned again, without the echo, the run held and the credit
    # became a caption (540 characters of page; the body lost one paragraph)
    case = json.loads((FOUND / "idempotence-base-3.json").read_text(encoding="utf-8"))
    article, again = _again(case["text"], case["outlet"], case["url"])
    assert article.lines[6].text.endswith("(Robbani)")
    assert (article.lines[6].label, article.lines[19].label) == (Label.BODY, Label.BODY)
    assert again.body == article.body


STEEL = "Impor Baja Masuk Tiga Besar ASEAN"
STEEL_HEAD = ("Beranda", "Ekonomi", STEEL, "Senin, 4 Maret 2024 | 10:15 WIB")
STEEL_LEAD = "Impor baja Indonesia naik tajam sepanjang tahun lalu."
STEEL_CREDITED = ("Pekerja menata gulungan baja di gudang pelabuhan Tanjung Priok, Jakarta Utara, Senin. (Antara)")
STEEL_NOTES = ("Data Kementerian Perindustrian 2023", "Grafik impor baja nasional")
STEEL_BODY = ("Menurut data kementerian, nilai impor baja mencapai 9 miliar dolar AS, naik 12 persen dibanding tahun "
              "sebelumnya, sehingga menempatkan Indonesia di posisi ketiga ASEAN.",
              "Kementerian menilai kenaikan itu terjadi karena proyek infrastruktur yang terus berjalan dan pasokan "
              "dalam negeri yang belum mencukupi kebutuhan industri.")
STEEL_FOOT = ("Berita Terkait", "Harga Baja Dunia Turun Tajam")


def test_a_credit_the_body_keeps_keeps_the_headline_echo_under_it(path: str) -> None:
    # the lead (53) less the short lines (-17, -13, -19) leaves 4, and the echo (-16) takes the run without the
    # credit under nothing: the credit stays body; dropping the echo would let that run hold when the body is
    # cleaned again, and the credit would go then, so the echo stays too
    notes = (*STEEL_NOTES, "Infografis impor baja 2019 sampai 2023")
    page = (*STEEL_HEAD, STEEL_LEAD, STEEL_CREDITED, *notes, STEEL, *STEEL_BODY, *STEEL_FOOT)
    article, again = _again("\n".join(page), "generic", None)
    assert article.paragraphs == (STEEL_LEAD, STEEL_CREDITED, *notes, STEEL, *STEEL_BODY)
    assert again.body == article.body


def test_a_credit_under_a_lead_that_carries_the_body_is_a_caption_and_the_echo_goes(path: str) -> None:
    # one short line fewer: the run without the credit holds past the echo, so the credit is a caption, and the echo
    # (the photo's alt text) is dropped as before
    page = (*STEEL_HEAD, STEEL_LEAD, STEEL_CREDITED, *STEEL_NOTES, STEEL, *STEEL_BODY, *STEEL_FOOT)
    article, again = _again("\n".join(page), "generic", None)
    assert article.paragraphs == (STEEL_LEAD, *STEEL_NOTES, *STEEL_BODY)
    assert [line.rule for line in article.lines if line.label is Label.CAPTION] == [
        "structure.inline_credit", "structure.headline_echo"]
    assert again.body == article.body
