"""Which lines are body: captions, promos and links inside the article stay out; short body lines stay in."""

from __future__ import annotations

import pytest

import newsclean
from newsclean import Label

HEAD = ("Harga Beras Naik di Pasar Induk, Pedagang Mengeluh", "Selasa, 21 September 2021 | 06:20 WIB")
P1 = "Harga beras medium di pasar induk naik sejak awal pekan, menurut catatan para pedagang di sana."
P2 = "Kenaikan itu, kata mereka, terjadi karena pasokan dari sentra produksi berkurang sejak musim hujan tiba."
P3 = "Dinas perdagangan berjanji menggelar operasi pasar agar harga kembali stabil sebelum akhir bulan ini."
P4 = "Warga berharap harga bahan pokok lainnya tidak ikut naik dalam beberapa pekan mendatang, katanya."


def clean(*lines: str, outlet: str | None = "generic") -> newsclean.Article:
    return newsclean.clean("\n".join(lines), outlet=outlet, language=False)


def labels(a: newsclean.Article) -> list[Label]:
    return [line.label for line in a.lines]


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Pedagang menata karung beras di pasar, Senin (20/9). (Indozone/Riki Noviana)", Label.CAPTION),
        ("Pedagang menata karung beras di pasar. (Sumber: AP Photo/Dita Alangkara)", Label.CAPTION),
        ("Ilustrasi. (f: ist/mistar)", Label.CAPTION),
        ("Pedagang menata karung beras di pasar induk, Senin (20/9). KOMPAS/RIZKY HANDOKO", Label.CAPTION),
        ("Tangkap Layar YouTube KompasTV Menteri Perdagangan memberi keterangan kepada wartawan.", Label.CAPTION),
        ("dok: Kementan", Label.CAPTION),
        ("Baca berita dengan sedikit iklan, klik di sini", Label.PROMO),
        ("Saksikan SAPA PAGI. Tayang setiap hari, pukul 05.00 WIB, hanya di Kompas TV.", Label.PROMO),
    ],
)
def test_furniture_inside_the_article_is_not_body(line: str, label: Label) -> None:
    a = clean(*HEAD, P1, P2, line, P3, P4)
    assert a.lines[4].label is label
    assert a.paragraphs == (P1, P2, P3, P4)


@pytest.mark.parametrize(
    "line",
    [
        "Nilai tukar rupiah terhadap dolar AS kian tak berdaya pekan ini. (Fajar/JPC)",
        "Inflasi Januari tercatat 5,28 persen (sumber: BPS).",
        "Tangkapan layar video itu beredar luas di media sosial sejak Senin malam.",
        "Program itu tayang setiap Senin malam, kata produser acara tersebut.",
        "Kumpulan berita itu dibagikan ke grup warga sejak pagi oleh pengurus RT.",
    ],
)
def test_sentences_near_the_furniture_rules_stay_body(line: str) -> None:
    a = clean(*HEAD, P1, P2, line, P3, P4)
    assert a.lines[4].label is Label.BODY
    assert line in a.paragraphs
