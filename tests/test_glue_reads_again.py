"""body._reads_again's ASCII case, answered in C (body.c's ascii_reads_again): an ASCII rest of a lead that white
space does not open reads again, because no mojibake marker is ASCII; and a page's leads come out of both paths
alike with ASCII and other rests."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import newsclean
from newsclean import body, native, normalize

_ASCII = st.text(st.characters(max_codepoint=127), max_size=40)


def test_no_ascii_pair_is_a_mojibake_marker() -> None:
    # every marker _MOJIBAKE finds is two characters long (below): no ASCII text holds one
    assert not [(a, b) for a in range(128) for b in range(128) if normalize._MOJIBAKE.search(chr(a) + chr(b))]


@given(st.text(max_size=30))
@example("Ã©tÃ©")
@example("â€”")
def test_every_marker_is_two_characters_one_not_ascii(text: str) -> None:
    for found in normalize._MOJIBAKE.finditer(text):
        assert len(found[0]) == 2
        assert not found[0].isascii()


@given(st.text(max_size=40), _ASCII)
@example("JAKARTA - Harga naik.", "Harga naik.")
@example("JAKARTA -\x1fHarga naik.", "\x1fHarga naik.")
@example("X", "")
def test_an_ascii_rest_white_space_does_not_open_reads_again(line: str, rest: str) -> None:
    # the case body.c answers without the Python: the reference agrees
    if not rest[:1].isspace():
        assert body._reads_again(line, rest)


_REST = st.text(st.sampled_from([*string.ascii_letters[:8], " ", ",", ".", "\x1f", "\t", "\u00e9", "Ã", "©"]),
                min_size=1, max_size=60)


@pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")
@given(_REST, st.booleans())
@example("\x1fHarga cabai naik dua kali lipat sejak awal pekan, kata para pedagang.", True)
@example("Harga cabai Ã© naik dua kali lipat sejak awal pekan, kata para pedagang.", True)
def test_a_leads_rest_comes_out_of_both_paths_alike(rest: str, spaces: bool) -> None:
    lead = f"JAKARTA - {rest} Harga cabai naik dua kali lipat sejak awal pekan, kata para pedagang."
    text = "\n".join(["Harga Cabai Naik Lagi", "Rabu, 12 Januari 2022 10:00 WIB", lead,
                      "Para pedagang di pasar tradisional mengatakan permintaan tetap tinggal meski harga naik."])
    how = newsclean.normalize.DEFAULT if spaces else newsclean.normalize.Normalization(mojibake=False, spaces=False)
    articles = []
    for on in (True, False):
        previous = native.use(on)
        try:
            articles.append(newsclean.clean(text, normalization=how, language=False))
        finally:
            native.use(previous)
    assert articles[0] == articles[1]
