"""Structural decisions on small hand-written pages: what the page shows, not what the code did."""

from __future__ import annotations

from conftest import clean_lines as clean
from newsclean import Label

LEAD = "JAKARTA - Pemerintah menaikkan harga bahan bakar minyak bersubsidi mulai pekan depan, kata menteri."
SECOND = "Kenaikan itu, menurut dia, dibutuhkan untuk menjaga anggaran negara tetap sehat tahun ini."
THIRD = "Sejumlah warga mengaku keberatan karena harga kebutuhan pokok ikut naik dalam sebulan terakhir."




def test_a_name_between_headline_and_date_is_the_byline() -> None:
    a = clean("Harga BBM Naik Mulai Pekan Depan, Warga Mengeluh", "Dian Anggraeni Lestari",
              "Selasa, 21 September 2021 | 06:20 WIB", LEAD, SECOND)
    assert (a.title, a.authors) == ("Harga BBM Naik Mulai Pekan Depan, Warga Mengeluh", ("Dian Anggraeni Lestari",))
    assert a.lines[1].label is Label.META


def test_a_short_headline_shaped_like_a_name_stays_the_headline() -> None:
    a = clean("Menu", "Jokowi Resmikan Tol", "Selasa, 21 September 2021 | 06:20 WIB", LEAD, SECOND)
    assert (a.title, a.authors) == ("Jokowi Resmikan Tol", ())


def test_a_caption_between_byline_and_lead_is_not_body() -> None:
    caption = "Warga antre membeli bahan bakar di sebuah SPBU di Jakarta, Senin (12/9/2022)."
    a = clean("Harga BBM Naik Mulai Pekan Depan", "Selasa, 21 September 2021 | 06:20 WIB", "Penulis: Rina Lestari",
              caption, LEAD, SECOND)
    assert a.paragraphs == (LEAD.removeprefix("JAKARTA - "), SECOND)
    assert a.lines[3].label is Label.CAPTION
    assert a.dateline == "JAKARTA"


def test_without_a_header_the_first_paragraph_stays_even_before_a_dateline_like_line() -> None:
    a = clean(SECOND, LEAD, THIRD)
    assert a.paragraphs == (SECOND, LEAD, THIRD)
    assert a.dateline is None


def test_without_date_or_byline_the_headline_is_the_line_printed_twice() -> None:
    a = clean("Harga BBM Naik Mulai Pekan Depan - Kabar Kita", "Beranda", "Ekonomi",
              "Harga BBM Naik Mulai Pekan Depan", LEAD, SECOND)
    assert a.title == "Harga BBM Naik Mulai Pekan Depan"


def test_a_bare_read_also_header_takes_its_headlines_out_of_the_body() -> None:
    a = clean(LEAD, SECOND, "Baca Juga", "Harga Cabai Naik Lagi di Pasar Induk",
              "Mengapa Harga Beras Tak Kunjung Turun?", THIRD)
    assert a.paragraphs == (LEAD.removeprefix("JAKARTA - "), SECOND, THIRD)
    assert [line.label for line in a.lines[2:5]] == [Label.RELATED] * 3


def test_an_end_mark_does_not_make_the_last_paragraph_boilerplate() -> None:
    last = "Warga diminta menghemat bahan bakar.***"
    a = clean(LEAD, SECOND, "- Pertalite: Rp10.000 per liter", last, "Editor: Ahmad Syarifudin")
    assert a.paragraphs[-1] == last
    assert a.editors == ("Ahmad Syarifudin",)


def test_a_caption_with_a_credit_claims_only_its_own_first_print() -> None:
    quote = '"Puncaknya sore hari, banyak yang datang," kata pengelola pantai, I Ketut Sudarma.'
    caption = "Suasana sore hari di Pantai Melasti, Badung. /Dok. Potensi Badung/"
    a = clean("PR DEPOK - " + SECOND, quote, caption, THIRD, outlet="pikiran-rakyat")
    assert quote in a.paragraphs and caption not in a.paragraphs


WIDGET = ("Terpopuler", "- Harga Canang di Pasar Badung Naik Jelang Galungan",
          "- Jadwal Penyeberangan Padangbai-Lembar Hari Ini")
MORE = ("Petugas gabungan disiagakan di sejumlah titik rawan sejak pagi hari untuk mengatur arus kendaraan.",
        "Warga diminta melapor ke posko terdekat bila menemukan genangan atau pohon tumbang di jalan.")


def test_a_widget_inside_the_article_keeps_both_halves_of_the_body() -> None:
    a = clean(LEAD, SECOND, *WIDGET, *MORE, outlet="suara")
    assert a.paragraphs == (LEAD.removeprefix("JAKARTA - "), SECOND, *MORE)
    assert [line.label for line in a.lines[2:5]] == [Label.NAV, Label.RELATED, Label.RELATED]


def test_a_widget_early_in_the_article_keeps_the_lead() -> None:
    long_tail = tuple(f"{m} Hal itu disampaikan dalam rapat koordinasi ke-{k}." for k, m in enumerate(MORE * 3))
    a = clean(LEAD, SECOND, *WIDGET, *long_tail, outlet="suara")
    assert a.paragraphs[:2] == (LEAD.removeprefix("JAKARTA - "), SECOND)
    assert a.dateline == "JAKARTA"


def test_headlines_with_teasers_after_a_widget_are_not_the_article_going_on() -> None:
    teasers = ("Harga Cabai Naik Lagi", "Pedagang mengeluh harga cabai naik dua kali lipat dalam sepekan.",
               "Banjir Rendam Jalan Protokol", "Hujan deras sejak pagi membuat jalan protokol tergenang.")
    a = clean(LEAD, SECOND, THIRD, "Berita Lainnya", *teasers)
    assert a.paragraphs == (LEAD.removeprefix("JAKARTA - "), SECOND, THIRD)


def test_a_byline_is_a_wall_the_body_never_spans() -> None:
    # unlike a widget header, a credit line is where an article ends: only one side can be the body
    a = clean(LEAD, SECOND, "Editor: Ahmad Syarifudin", *MORE)
    assert a.paragraphs in ((LEAD.removeprefix("JAKARTA - "), SECOND), MORE)


def test_a_paragraph_that_lost_its_full_stop_is_still_body() -> None:
    unpunctuated = "Warga yang tinggal di pesisir diminta untuk tidak berada di pantai pada malam hari"
    a = clean(LEAD, unpunctuated, SECOND)
    assert unpunctuated in a.paragraphs


def test_a_headline_without_a_full_stop_is_not_prose() -> None:
    from newsclean.shape import is_prose

    assert not is_prose("Presiden Resmikan Bendungan Baru di Nusa Tenggara Timur")
    assert is_prose("Ia menambahkan bahwa harga akan naik dalam waktu dekat")
