"""Outlet detection across the five outlets' templates, years and regional sites: every house mark (lead tag,
promo, byline form, credit, copyright line, address) names its outlet, and a page of another site that quotes,
credits or shares a name with one of them stays generic.  Pages are small and hand-written."""

from __future__ import annotations

import pytest

import newsclean
from newsclean import registry

HEADLINE = "Harga BBM Naik Mulai Pekan Depan, Warga Mengeluh"
STORY = "Pemerintah menaikkan harga bahan bakar minyak bersubsidi mulai pekan depan, kata menteri dalam jumpa pers."
SECOND = "Kenaikan itu, menurut dia, dibutuhkan untuk menjaga anggaran negara tetap sehat tahun ini."
THIRD = "Sejumlah warga mengaku keberatan karena harga kebutuhan pokok ikut naik dalam sebulan terakhir."


def detected(*lines: str, url: str | None = None) -> str | None:
    found = registry.detect("\n".join(lines), url)
    return None if found is None else found.name


def lead_page(tag: str) -> tuple[str, ...]:
    """A page whose lead opens with ``tag``."""
    return (HEADLINE, tag + STORY, SECOND, THIRD)


def page_with(*marks: str) -> tuple[str, ...]:
    """A page with a plain lead and ``marks`` as lines of its furniture."""
    return (HEADLINE, "JAKARTA - " + STORY, SECOND, *marks, THIRD)


# ---------------------------------------------------------------------------- lead tags

@pytest.mark.parametrize(("tag", "outlet"), [
    # Suara: suara.com and each regional site of the network, in any case, with or without a city
    ("Suara.com - ", "suara"),
    ("SUARA.COM - ", "suara"),
    ("JAKARTA, Suara.com - ", "suara"),
    ("SuaraJogja.id - ", "suara"),
    ("Suarajogja.id – ", "suara"),
    ("SUARAJOGJA.ID - ", "suara"),
    ("SuaraJatim.id - ", "suara"),
    ("SuaraSulsel.id, Makassar - ", "suara"),
    ("Makassar, SuaraSulsel.id – ", "suara"),
    ("SuaraBali.id - ", "suara"),
    ("Samarinda, Suarakaltim.id - ", "suara"),
    ("SuaraMalang.id - ", "suara"),
    ("SuaraBogor.id - ", "suara"),
    ("SuaraDenpasar.id - ", "suara"),
    ("SuaraBekaci.id - ", "suara"),
    ("SuaraJakarta.id - ", "suara"),
    ("SuaraSurakarta.id - ", "suara"),
    ("SuaraBatam.id - ", "suara"),
    ("SuaraSumut.id - ", "suara"),
    ("SuaraLampung.id - ", "suara"),
    ("SuaraBanten.id - ", "suara"),
    ("SuaraKalbar.id - ", "suara"),
    ("Suara Joglo - ", "suara"),
    # Kompas TV: the dateline, with or without a city, any dash, the space after it dropped, the dot dropped
    ("JAKARTA, KOMPAS.TV - ", "kompastv"),
    ("KOMPAS.TV - ", "kompastv"),
    ("KOMPAS.TV, JAKARTA - ", "kompastv"),
    ("SURABAYA, KOMPAS.TV – ", "kompastv"),
    ("JAKARTA, KOMPAS.TV -", "kompastv"),
    ("Jakarta, Kompas.tv - ", "kompastv"),
    ("MEDAN, KOMPASTV - ", "kompastv"),
    ("BANDUNG, KOMPAS TV – ", "kompastv"),
    # Republika and its sub-sites
    ("REPUBLIKA.CO.ID, JAKARTA -- ", "republika"),
    ("REPUBLIKA.CO.ID, JAKARTA – ", "republika"),
    ("KHAZANAH.REPUBLIKA.CO.ID, JAKARTA -- ", "republika"),
    ("IHRAM.CO.ID, MAKKAH -- ", "republika"),
    ("REPUBLIKA.ID, JAKARTA -- ", "republika"),
    ("Warga antre di SPBU, Kamis (23/12/2021). [Suara.com/Alfian Winanto] Suara.com - ", "suara"),
    ("Warga antre di SPBU, Kamis (23/12/2021). SuaraJogja.id - ", "suara"),
    ("Foto: Warga antre di SPBU. REPUBLIKA.CO.ID, BANDUNG -- ", "republika"),
    ("Warga antre di SPBU. JAKARTA, KOMPAS.TV - ", "kompastv"),
    # Pikiran Rakyat and its network's sites
    ("PR DEPOK - ", "pikiran-rakyat"),
    ("PR BEKASI - ", "pikiran-rakyat"),
    ("PR CIREBON – ", "pikiran-rakyat"),
    ("PR BOGOR — ", "pikiran-rakyat"),
    ("PIKIRAN RAKYAT - ", "pikiran-rakyat"),
    ("PIKIRAN RAKYAT CIREBON - ", "pikiran-rakyat"),
    ("PIKIRAN-RAKYAT.COM - ", "pikiran-rakyat"),
    ("PIKIRANRAKYAT-DEPOK.COM - ", "pikiran-rakyat"),
    ("PikiranRakyat-Bekasi.com - ", "pikiran-rakyat"),
    ("JURNAL SOREANG - ", "pikiran-rakyat"),
    ("POTENSI BADUNG - ", "pikiran-rakyat"),
    ("RINGTIMES BALI - ", "pikiran-rakyat"),
    ("PORTAL JEMBER - ", "pikiran-rakyat"),
    ("ZONA PRIANGAN - ", "pikiran-rakyat"),
    ("MANTRA SUKABUMI - ", "pikiran-rakyat"),
    ("BERITA DIY - ", "pikiran-rakyat"),
    ("KABAR LUMAJANG - ", "pikiran-rakyat"),
    ("GALAMEDIA - ", "pikiran-rakyat"),
    ("DESKJABAR - ", "pikiran-rakyat"),
    ("ZONABANTEN.com – ", "pikiran-rakyat"),
    ("Deskjabar.com - ", "pikiran-rakyat"),
    ("PORTALJEMBER.COM - ", "pikiran-rakyat"),
    ("BANDUNG, (PR).- ", "pikiran-rakyat"),
    ("CIANJUR, (PR) - ", "pikiran-rakyat"),
])
def test_a_house_lead_tag_names_its_outlet(tag: str, outlet: str) -> None:
    assert detected(*lead_page(tag)) == outlet


@pytest.mark.parametrize("tag", [
    # other papers called Suara ...: their domains have the network's shape
    "Suara Merdeka - ", "SUARAMERDEKA.COM - ", "Suaramerdeka.com - ", "SuaraMerdeka.com - ",
    "Suarasurabaya.net - ", "SuaraSurabaya.net – ", "Suara Surabaya - ",
    "SuaraIslam.id - ", "Suara Islam - ", "SuaraKarya.id - ", "SuaraBaru.id - ", "SuaraNTB.com - ",
    "SuaraPapua.com - ", "Suaradewata.com - ", "SuaraKalbar.co.id - ", "Suaranasional.com - ",
    "SuaraMuhammadiyah.id - ",
    # Kompas.com and Tribun leads
    "JAKARTA, KOMPAS.com - ", "KOMPAS.com - ", "TRIBUNNEWS.COM, JAKARTA - ",
    # sites whose domains look like the PR network's names
    "BERITASATU.COM - ", "KABAR24.COM - ", "beritajatim.com - ", "Portalislam.id - ",
    # plain city leads and capitals kickers
    "JAKARTA - ", "BANDUNG -- ",
    # "PR" as homework or a task in a kicker
    "PR BESAR - ", "PR BERAT – ",
    # capitals kickers opening a lead on other sites
    "KABAR DUKA - ", "KABAR GEMBIRA - ", "ZONA MERAH - ", "KILAS BALIK - ",
])
def test_a_lead_tag_of_another_site_stays_generic(tag: str) -> None:
    assert detected(*lead_page(tag)) is None


# ---------------------------------------------------------------------------- furniture: promos, bylines, credits

@pytest.mark.parametrize(("mark", "outlet"), [
    # Suara
    ("Follow Suara.com untuk mendapatkan informasi terkini. Klik WhatsApp Channel & Google News", "suara"),
    ("Ikuti SuaraJogja.id di Google News", "suara"),
    ("Gabung ke Channel WhatsApp SuaraJatim.id untuk update berita terkini", "suara"),
    ("Copyright © 2022 SuaraJogja.id", "suara"),
    ("Suasana sidang di pengadilan. [Suara.com/Alfian Winanto]", "suara"),
    ("Warga memadati alun-alun. [SuaraJogja.id/Hiskia Andika]", "suara"),
    ("https://www.suara.com/news/2024/01/10/120000/harga-bbm-naik", "suara"),
    ("Siswanto Suara.Com\nSelasa, 21 Februari 2017 | 15:15 WIB", "suara"),
    ("Galih Priatmojo | Rahmat jiwandono\nJum'at, 24 Desember 2021 | 15:14 WIB", "suara"),
    ("Apel pasukan di halaman Mapolres, Kamis (23/12/2021). (SuaraJogja.id/HO-Pemkab Bantul)", "suara"),
    ("https://jogja.suara.com/read/2022/04/16/122000/harga-bbm-naik", "suara"),
    ("https://www.suarajogja.id/news/2022/04/16/122000/harga-bbm-naik", "suara"),
    # Kompas TV
    ("Gabung ke Channel WhatsApp KompasTV untuk update berita terbaru dan terpercaya.", "kompastv"),
    ("Ikuti KompasTV di Google News", "kompastv"),
    ("Follow Kompas TV di Instagram", "kompastv"),
    ("Kompas.tv - 30 Juni 2023, 07:02 WIB", "kompastv"),
    ("© 2023 Kompas.tv", "kompastv"),
    ("https://www.kompas.tv/nasional/438291/harga-bbm-naik-mulai-pekan-depan", "kompastv"),
    ("kompas.tv/article/105495/harga-bbm-naik", "kompastv"),
    ("Krisis rusia ukraina | 30 September 2022, 22:41 WIB\nPenulis : Edwin Santoso Editor : Vyara-Lestari", "kompastv"),
    ("Penulis : Haryo Santoso Editor : Desy-Afrianti\nSumber : The Independent", "kompastv"),
    ("#kompastv #hargaberas #beras", "kompastv"),
    # Republika
    ("Rep: Rizky Suryarandika/ Red: Andri Saubani", "republika"),
    ("Rep: Rizky Suryarandika Red: Andri Saubani", "republika"),
    ("Rep: Rizky Suryarandika\nRed: Andri Saubani", "republika"),
    ("Red: Nidia Zuraya\nBerita Terpopuler Republika", "republika"),
    ("Ikuti Whatsapp Channel Republika", "republika"),
    ("Follow Republika.co.id di Google News", "republika"),
    ("Copyright © 2024 PT Republika Media Mandiri", "republika"),
    ("Disclaimer: Retizen bermakna Republika Netizen. Tulisan ini adalah kiriman pembaca.", "republika"),
    ("© 2022 REPUBLIKA.CO.ID", "republika"),
    ("https://www.republika.co.id/berita/r5abcd409/harga-bbm-naik", "republika"),
    ("https://ihram.republika.co.id/berita/r5abcd409/haji-2024", "republika"),
    # Pikiran Rakyat
    ("- 9 Januari 2022, 16:51 WIB", "pikiran-rakyat"),
    ("– 9 Januari 2022, 16.51 WIB  ", "pikiran-rakyat"),
    ("Artikel Pilihan\nKabar Daerah", "pikiran-rakyat"),
    ("Halaman:\nEditor: F Akbar\nSumber: Antara\nTags\nArtikel Pilihan\nTerkini", "pikiran-rakyat"),
    ("© 2024 Pikiran Rakyat Media Network", "pikiran-rakyat"),
    ("Artikel ini bagian dari jaringan PRMN.", "pikiran-rakyat"),
    ("Ikuti Pikiran-Rakyat.com di Google News", "pikiran-rakyat"),
    ("https://depok.pikiran-rakyat.com/nasional/pr-093456789/harga-bbm-naik", "pikiran-rakyat"),
    # Okezone
    ("Dewi Kania , Jurnalis-Jum'at, 07 Januari 2022 |05:52 WIB", "okezone"),
    ("Dewi Kania, Jurnalis · Rabu 10 Januari 2024 14:30 WIB", "okezone"),
    ("Dewi Kania, Jurnalis\nRabu 10 Januari 2024 14:30 WIB", "okezone"),
    ("Dewi Kania, Rina Lestari, Jurnalis · Rabu 10 Januari 2024 14:30 WIB", "okezone"),
    ("Fahreza Rizky, Okezone · Selasa 09 Januari 2018 06:03 WIB", "okezone"),
    ("Follow WhatsApp Channel Okezone untuk update berita terbaru setiap hari", "okezone"),
    ("Follow Berita Okezone di Google News", "okezone"),
    ("Ikuti berita Okezone di Google News", "okezone"),
    ("Download aplikasi Okezone untuk berita terkini", "okezone"),
    ("Dapatkan berita up to date dengan semua berita terkini dari Okezone hanya di Aplikasi Okezone", "okezone"),
    ("Dapatkan update berita pilihan dan breaking news setiap hari dari Suara.com", "suara"),
    ("Telusuri berita news lainnya", "okezone"),
    ("Telusuri berita bola lainnya", "okezone"),
    ("INFOGRAFIS INDEKS", "okezone"),
    ("https://news.okezone.com/read/2022/01/07/18/2528561/harga-bbm-naik", "okezone"),
    ("Copyright © 2024 Okezone.com, All Rights Reserved", "okezone"),
    # the site presenting its roundup
    ("Berikut ini Okezone coba rangkum deretan artis yang menikah muda.", "okezone"),
    ("Seperti dirangkum Okezone dari berbagai sumber, Senin (10/1/2024).", "okezone"),
    ("Berikut daftar harga yang dihimpun Suara.com, Senin (10/1/2024).", "suara"),
    # the site's own reporter in the story
    ("\"Kami siap,\" ujarnya kepada Okezone, Senin (10/1/2024).", "okezone"),
    ("\"Kami siap,\" katanya saat dihubungi Republika, Senin (10/1/2022).", "republika"),
    ("\"Kami siap,\" katanya saat dikonfirmasi SuaraJogja.id, Sabtu (16/4/2022).", "suara"),
    ("\"Kami siap,\" ujarnya kepada Pikiran-Rakyat.com, Senin (10/1/2022).", "pikiran-rakyat"),
])
def test_a_house_mark_names_its_outlet(mark: str, outlet: str) -> None:
    assert detected(*page_with(mark)) == outlet


@pytest.mark.parametrize("marks", [
    # another site quoting or crediting one of the five
    ("Seperti dikutip dari Okezone, harga emas turun hari ini.",),
    ("Sumber: Okezone",),
    ("Warga mengantre di SPBU. (Foto: Okezone)",),
    ("Sumber: MNC Portal Indonesia",),
    ("Okezone.com - 2 jam lalu",),
    ("Harga BBM naik. Suara.com - 2 jam lalu",),
    ("Sumber: Republika",),
    ("Hal itu dilansir REPUBLIKA.CO.ID pada Senin (12/9/2022).",),
    ("Seperti dilansir REPUBLIKA.CO.ID, Senin (12/9/2022), warga antre.",),
    ("Foto: Republika/Putra M. Akbar",),
    ("Seperti dikutip dari Suara.com, warga mengeluh.",),
    ("Warga mengantre di SPBU. (Foto: Suara.com)",),
    ("Sumber: SuaraJogja.id",),
    ("Dikutip dari Suara.com",),
    ("Rina Lestari\nSelasa, 21 Februari 2017 | 15:15 WIB",),
    # a headline list of another site, a pipe in the headline, the same date line under it
    ("Liga Inggris | Arsenal Kalah Lagi\nSelasa, 16 Februari 2016 | 13:01 WIB",),
    ("Video Viral | Warga Bandung Heboh\nSelasa, 16 Februari 2016 | 13:01 WIB",),
    ("Sumber: https://www.suara.com/news/2024/01/10/120000/harga-bbm-naik",),
    ("Baca selengkapnya di https://www.republika.co.id/berita/r5abcd409/harga-bbm-naik",),
    ("Warga mengantre di SPBU. (Foto: Kompas TV)",),
    ("Sumber: Kompas TV",),
    ("Artikel ini telah tayang di KompasTV dengan judul Harga BBM Naik, "
     "https://www.kompas.tv/nasional/438291/harga-bbm-naik",),
    ("Sumber: https://www.kompas.tv/nasional/438291/harga-bbm-naik",),
    ("Copyright 2008 - 2024 PT. Kompas Cyber Media | Kompas TV",),
    ("Dikutip dari Pikiran Rakyat, harga cabai naik.",),
    ("Artikel Pilihan",),
    ("Halaman:\nEditor: F Akbar",),
    ("Red: Nidia Zuraya",),
    ("Seperti diberitakan Okezone sebelumnya, harga emas turun.",),
    # a follow line of the quoting site itself, then the credit in the next sentence
    ("Ikuti kami di Google News. Artikel ini telah tayang di Kompas.tv dengan judul Harga BBM Naik.",),
    ("Ikuti kami di Google News! Sumber: Okezone",),
    # an aggregator's pointer to its source, and Kompas.com's own promo
    ("Baca selengkapnya di Okezone.com",),
    ("Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.", "Kompas TV"),
    # an author card on another site: no date under it
    ("Rina Lestari, Jurnalis",),
    # Kompas.com and Tribun often quote their sister channel's interviews: no mark of Kompas TV
    ("\"Kami siap,\" katanya saat dihubungi Kompas TV, Senin (10/1/2024).",),
    ("Krisis rusia ukraina | 30 September 2022, 22:41 WIB",),
    ("Editor : Desy-Afrianti",),
    ("Penulis : Haryo Santoso Editor : Desy Afrianti",),
    ("Nasional | 30 September 2022, 22:41 WIB\nPenulis : Edwin Santoso Editor : Vyara Lestari",),
    ("Sumber: Pikiran-Rakyat.com",),
    ("Manajer PR perusahaan itu mengatakan layanan akan pulih besok.",),
    ("Anak-anak mengerjakan PR di rumah masing-masing.",),
    # a journalist in a story, not a byline
    ("Budi Santoso, jurnalis senior, mengatakan kebebasan pers terancam.",),
    ("Aliansi Jurnalis Independen mengecam kekerasan itu.",),
    # a Tribun page that credits Kompas TV twice
    ("TRIBUNNEWS.COM - Menurut laporan Kompas TV, harga naik.", "(Foto: Kompas TV)", "Sumber: Kompas TV"),
    # a Kompas.com page with the sister channel's widget
    ("Video Pilihan KompasTV", "Penulis: Rina Lestari | Editor: Dewi Sartika", "Kompas TV"),
])
def test_a_page_quoting_or_crediting_an_outlet_stays_generic(marks: tuple[str, ...]) -> None:
    assert detected(*page_with(*marks)) is None


def test_a_kompas_com_page_stays_generic_beside_kompas_tv_mentions() -> None:
    assert detected(HEADLINE, "JAKARTA, KOMPAS.com - " + STORY, SECOND, "Baca juga: Kompas TV Siarkan Debat",
                    "Artikel ini telah tayang di Kompas.tv", THIRD) is None


# ---------------------------------------------------------------------------- hosts

@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.suara.com/news/2024/01/10/harga-bbm-naik", "suara"),
    ("https://m.suara.com/news/2024/01/10/harga-bbm-naik", "suara"),
    ("https://jogja.suara.com/read/2022/04/16/harga-bbm-naik", "suara"),
    ("https://www.suarajogja.id/news/2022/04/16/harga-bbm-naik", "suara"),
    ("https://suarasulsel.id/news/2022/04/16/harga-bbm-naik", "suara"),
    ("https://kaltim.suara.com/read/2022/02/01/harga", "suara"),
    ("https://www.kompas.tv/nasional/438291/harga-bbm-naik", "kompastv"),
    ("https://video.kompas.tv/nasional/438291/harga-bbm-naik", "kompastv"),
    ("https://www.republika.co.id/berita/r5abcd/harga-bbm-naik", "republika"),
    ("https://ihram.republika.co.id/berita/r5abcd/haji", "republika"),
    ("https://retizen.republika.co.id/posts/123/harga", "republika"),
    ("https://www.pikiran-rakyat.com/nasional/pr-013456789/harga", "pikiran-rakyat"),
    ("https://depok.pikiran-rakyat.com/nasional/pr-093456789/harga", "pikiran-rakyat"),
    ("https://jurnalsoreang.pikiran-rakyat.com/nasional/pr-253456789/harga", "pikiran-rakyat"),
    ("https://potensibadung.pikiran-rakyat.com/nasional/pr-723456789/harga", "pikiran-rakyat"),
    ("https://zonabanten.com/nasional/pr-723456789/harga", "pikiran-rakyat"),
    ("https://news.okezone.com/read/2022/01/07/18/2528561/harga", "okezone"),
    ("https://bola.okezone.com/read/2022/01/07/51/2528561/harga", "okezone"),
    ("https://m.okezone.com/read/2022/01/07/18/2528561/harga", "okezone"),
    # other sites whose hosts look like the five's
    ("https://www.suaramerdeka.com/nasional/harga", None),
    ("https://www.suarasurabaya.net/kelanakota/2024/harga", None),
    ("https://suarapapua.com/2024/01/10/harga", None),
    ("https://www.suarantb.com/2024/01/10/harga", None),
    ("https://www.kompas.com/read/2024/01/10/harga", None),
    ("https://www.tribunnews.com/nasional/2024/01/10/harga", None),
    ("https://www.sindonews.com/read/123/harga", None),
])
def test_clean_with_a_url_picks_the_rule_set_of_every_network_host(url: str, outlet: str | None) -> None:
    text = "\n".join((HEADLINE, STORY, SECOND, THIRD))
    assert newsclean.clean(text, url=url, language=False).outlet == outlet


@pytest.mark.parametrize(("alias", "outlet"), [
    ("suarajoglo", "suara"), ("SuaraDenpasar", "suara"), ("retizen", "republika"), ("prbekasi", "pikiran-rakyat"),
    ("zonapriangan", "pikiran-rakyat"), ("beritadiy", "pikiran-rakyat"), ("kompas.tv", "kompastv"),
    ("okezone.com", "okezone"),
])
def test_a_network_site_name_is_an_alias_of_its_rule_set(alias: str, outlet: str) -> None:
    assert newsclean.get(alias).name == outlet


def test_suara_papua_is_no_alias_of_the_suara_network() -> None:
    with pytest.raises(LookupError):
        newsclean.get("suarapapua")


def test_a_page_marked_as_strongly_for_two_outlets_stays_generic() -> None:
    assert detected(HEADLINE, "Suara.com - " + STORY, "REPUBLIKA.CO.ID, JAKARTA -- " + SECOND, THIRD) is None
    # the stronger marks win
    assert detected(HEADLINE, "Suara.com - " + STORY, "Follow Suara.com di Google News",
                    "REPUBLIKA.CO.ID, JAKARTA -- " + SECOND, THIRD) == "suara"


@pytest.mark.parametrize(("lead", "note"), [
    ("JAKARTA, KOMPAS.TV - ", "Artikel ini telah tayang di KompasTV dengan judul Harga BBM Naik."),
    ("Suara.com - ", "Artikel ini telah tayang di Suara.com dengan judul Harga BBM Naik."),
    ("REPUBLIKA.CO.ID, JAKARTA -- ", "Artikel ini telah tayang di Republika.co.id dengan judul Harga BBM Naik."),
    ("PR DEPOK - ", "Artikel ini telah tayang di Pikiran-Rakyat.com dengan judul Harga BBM Naik."),
    ("Dewi Kania, Jurnalis · Rabu 10 Januari 2024 14:30 WIB\nJAKARTA - ",
     "Artikel ini telah tayang di Okezone.com dengan judul Harga BBM Naik."),
])
def test_another_sites_copy_with_its_syndication_note_stays_generic(lead: str, note: str) -> None:
    assert detected(HEADLINE, lead + STORY, SECOND, note, THIRD) is None


def test_a_kompas_com_page_carrying_a_kompas_tv_video_description_stays_generic() -> None:
    assert detected(HEADLINE, "JAKARTA, KOMPAS.com - " + STORY, SECOND,
                    "KOMPAS.TV - Pemerintah resmi menaikkan harga bahan bakar minyak bersubsidi pekan depan.",
                    THIRD) is None
