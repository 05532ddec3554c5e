"""Language identification: both identifiers name the seed and devset bodies' language, and refuse clearly."""

from __future__ import annotations

import builtins
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from conftest import Page, devset_pages, seed_pages
from newsclean import language
from newsclean.language import IDENTIFIERS, detect_language

PAGES = seed_pages() + devset_pages()
ENGLISH = ("The government said on Monday that it would raise fuel prices next month, citing the cost of "
           "subsidies, and opposition lawmakers promised to fight the decision in parliament.")


@pytest.fixture(params=IDENTIFIERS)
def using(request: pytest.FixtureRequest) -> str:
    if request.param == "cld2":
        pytest.importorskip("pycld2")
    return str(request.param)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_identifier_finds_indonesian_bodies(page: Page, using: str) -> None:
    article = newsclean.clean(page.text, language=using)
    assert article.language == "id"


def test_every_identifier_tells_english_and_too_short(using: str) -> None:
    assert detect_language(ENGLISH, using) == "en"
    assert detect_language("Harga naik.", using) is None
    assert detect_language("", using) is None


@given(st.text(max_size=300))
def test_any_body_gives_a_code_or_none_with_cld2(body: str) -> None:
    pytest.importorskip("pycld2")
    code = detect_language(("Harga cabai naik lagi di pasar. " * 3) + body, "cld2")
    assert code is None or (code.isascii() and code.islower() and 2 <= len(code) <= 3)


def test_lone_surrogates_and_control_characters_do_not_stop_cld2() -> None:
    pytest.importorskip("pycld2")
    body = "Harga cabai naik lagi di pasar induk \ud800 kemarin\x00 pagi\x7f, kata pedagang di Jakarta.\x9f"
    assert detect_language(body, "cld2") == "id"


def test_an_unknown_identifier_is_refused_before_any_work() -> None:
    with pytest.raises(ValueError, match="unknown language identifier 'fasttext'"):
        newsclean.clean(PAGES[0].text, language="fasttext")
    with pytest.raises(ValueError, match="langdetect, cld2"):
        next(newsclean.clean_many([PAGES[0].text], workers=1, language="fasttext"))


def test_a_missing_identifier_names_the_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_cld2(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pycld2":
            raise ImportError("No module named 'pycld2'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_cld2)
    with pytest.raises(ImportError, match=r"pip install 'newsclean\[cld2\]'"):
        language.identifier("cld2")


def test_false_means_no_identifier() -> None:
    assert language.identifier(False) is None
    assert language.identifier(True) is language.identifier("langdetect")
