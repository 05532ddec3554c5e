"""Language identification: both identifiers name the seed and devset bodies' language, and refuse clearly;
langdetect-rs gives the pure-Python langdetect's answers, and newsclean falls back to the latter without it."""

from __future__ import annotations

import builtins
import os
import platform
import sys
import warnings
from types import ModuleType
from typing import Any

import langdetect
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from conftest import Page, devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import language
from newsclean.language import IDENTIFIERS, LanguageBackendWarning, detect_language, identify_language

PAGES = seed_pages() + devset_pages()
GOLD = PAGES + variant_pages() + scraper_pages()
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
    assert article.language_probability is not None and 0.5 < article.language_probability <= 1


def test_no_language_means_no_probability() -> None:
    article = newsclean.clean(PAGES[0].text, language=False)
    assert article.language is None and article.language_probability is None
    assert identify_language("Harga naik.") is None


def test_every_identifier_tells_english_and_too_short(using: str) -> None:
    assert detect_language(ENGLISH, using) == "en"
    assert detect_language("Harga naik.", using) is None
    assert detect_language("", using) is None
    guess = identify_language(ENGLISH, using)
    assert guess is not None and guess.code == "en" and 0 < guess.probability <= 1


def test_langdetects_probability_is_its_top_ranked_one() -> None:
    sample = language._sample(ENGLISH)
    assert sample is not None
    ranked = _probabilities(langdetect, sample)
    assert ranked is not None
    assert identify_language(ENGLISH, "langdetect") == (ranked[0][0], ranked[0][1])


def test_cld2s_confidence_is_its_share_of_the_text() -> None:
    pycld2 = pytest.importorskip("pycld2")
    mixed = ENGLISH + " Harga cabai naik lagi di pasar induk kemarin pagi, kata pedagang di Jakarta Timur."
    _, _, details = pycld2.detect(mixed[:language.SAMPLE], bestEffort=True)
    guess = identify_language(mixed, "cld2")
    assert guess is not None and (guess.code, guess.probability) == (details[0][1], details[0][2] / 100)
    assert guess.probability < 1  # a share, not a certainty: part of the text is Indonesian


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


def _probabilities(backend: ModuleType, text: str) -> list[tuple[str, float]] | None:
    """langdetect's ranked (language, probability) pairs for ``text`` from ``backend``, seed 0; None for no features."""
    backend.DetectorFactory.seed = 0
    try:
        return [(found.lang, found.prob) for found in backend.detect_langs(text)]
    except backend.LangDetectException:
        return None


@pytest.mark.parametrize("page", GOLD, ids=lambda p: p.id)
def test_langdetect_rs_gives_langdetects_language_and_probabilities_on_every_gold_body(
        page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    rust = pytest.importorskip("langdetect_rs")
    found = {}
    for backend in (rust, langdetect):
        monkeypatch.setattr(language, "_chosen", backend)
        article = newsclean.clean(page.text)
        found[backend.__name__] = (article.language, article.language_probability)
    assert found["langdetect_rs"] == found["langdetect"]
    sample = language._sample(newsclean.clean(page.text, language=False).body)
    if sample is not None:  # what the identifier read: every probability equal, not just the winner
        assert _probabilities(rust, sample) == _probabilities(langdetect, sample)
        langdetect.DetectorFactory.seed = 0
        assert found["langdetect"][0] == langdetect.detect(sample)  # detect()'s answer, with its top probability
        assert found["langdetect"][1] == max(p for _, p in _probabilities(langdetect, sample) or [])


def test_the_seed_is_langdetects_fixed_zero_at_every_call_whoever_changed_it() -> None:
    backend = language._backend()
    before = detect_language(PAGES[0].text)
    backend.DetectorFactory.seed = 12345
    assert detect_language(PAGES[0].text) == before
    assert backend.DetectorFactory.seed == 0


def test_without_langdetect_rs_the_pure_python_langdetect_answers_after_one_warning(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_chosen", None)
    monkeypatch.setitem(sys.modules, "langdetect_rs", None)  # `import langdetect_rs` raises ImportError now
    with pytest.warns(LanguageBackendWarning, match="pure-Python langdetect") as said:
        assert newsclean.clean(PAGES[0].text).language == "id"
    assert len(said) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once: not again, and never an error
        assert language.langdetect_backend() == "langdetect"
        assert detect_language(ENGLISH) == "en"


# where pyproject.toml installs langdetect-rs (it has a wheel there), CI must have it: a missing fast path fails
WHEELS = platform.python_implementation() == "CPython" and sys.platform in ("linux", "darwin", "win32") and \
    platform.machine() in ("x86_64", "AMD64", "aarch64", "arm64")


@pytest.mark.skipif(not (os.environ.get("CI") and WHEELS), reason="CI, on a platform langdetect-rs has a wheel for")
def test_ci_runs_langdetect_on_langdetect_rs() -> None:
    assert language.langdetect_backend() == "langdetect-rs"
