"""The registry: names and aliases, hosts, third-party rule sets, clashes, unknown outlets."""

from __future__ import annotations

import sys
import types
import warnings
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import newsclean
from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import RuleSet, RuleSetError, UnknownOutletError, UnknownOutletWarning, native, registry
from newsclean.registry import RuleSetWarning

SEED_BY_OUTLET = {newsclean.get(p.gold["outlet"]).name: p for p in seed_pages()}


@pytest.mark.parametrize(("alias", "name"), [
    ("suarajogja", "suara"), ("SuaraJogja", "suara"), ("suarajogja.id", "suara"), ("suara.com", "suara"),
    ("prdepok", "pikiran-rakyat"), ("PR-Depok", "pikiran-rakyat"), ("pikiran-rakyat.com", "pikiran-rakyat"),
    ("kompas.tv", "kompastv"), ("okezone.com", "okezone"), ("ihram", "republika"), ("okezone", "okezone"),
])
def test_alias_names_its_rule_set(alias: str, name: str) -> None:
    assert newsclean.get(alias).name == name


def test_cleaning_under_an_alias_reports_the_rule_set_name() -> None:
    article = newsclean.clean(SEED_BY_OUTLET["pikiran-rakyat"].text, outlet="prdepok", language=False)
    assert article.outlet == "pikiran-rakyat"


def test_an_unknown_name_is_a_lookup_error() -> None:
    with pytest.raises(UnknownOutletError):
        newsclean.get("antaranews")
    assert issubclass(UnknownOutletError, LookupError)


@pytest.mark.parametrize("outlet", ["antaranews", "no such outlet"])
def test_an_unknown_outlet_warns_and_falls_back_to_the_generic_rules(outlet: str) -> None:
    page = SEED_BY_OUTLET["okezone"]
    with pytest.warns(UnknownOutletWarning, match=outlet):
        article = newsclean.clean(page.text, outlet=outlet, language=False)
    assert article.outlet is None
    assert article.paragraphs == newsclean.clean(page.text, outlet="generic", language=False).paragraphs


def test_the_generic_rule_set_reports_no_outlet() -> None:
    assert newsclean.clean(SEED_BY_OUTLET["okezone"].text, outlet="generic", language=False).outlet is None


def test_a_known_outlet_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        newsclean.clean(SEED_BY_OUTLET["okezone"].text, outlet="okezone", language=False)


PLAIN = "Harga cabai di pasar tradisional naik dua kali lipat sejak awal pekan, kata para pedagang."


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.suara.com/news/2022/01/13/blok-militer", "suara"),
    ("https://jogja.suara.com/read/2022/01/13/blok-militer", "suara"),
    ("https://www.suarajogja.id/news/2022/01/13/blok-militer", "suara"),
    ("https://news.okezone.com/read/2022/01/07/18/2528443/kerusuhan", "okezone"),
    ("republika.co.id/berita/r5mhwh382/pasukan-rusia", "republika"),
    ("https://www.kompas.tv/article/251101/pasukan-rusia", "kompastv"),
    ("https://depok.pikiran-rakyat.com/internasional/pr-093/aliansi", "pikiran-rakyat"),
    ("HTTPS://NEWS.OKEZONE.COM/read/1", "okezone"),
])
def test_the_url_host_picks_the_rule_set(url: str, name: str) -> None:
    found = newsclean.detect(PLAIN, url)
    assert found is not None and found.name == name
    assert newsclean.clean(PLAIN, url=url, language=False).outlet == name


@pytest.mark.parametrize("url", ["https://notokezone.com/read/1", "https://okezone.com.mirror.example/read/1",
                                 "https://example.com/suara.com/x", "not a url at all"])
def test_a_host_that_only_looks_like_an_outlet_picks_nothing(url: str) -> None:
    assert newsclean.detect(PLAIN, url) is None


_LABELS = st.sampled_from(["suara", "com", "co", "id", "www", "news", "jogja", "x", ""])


@given(st.lists(st.lists(st.lists(_LABELS, min_size=1, max_size=3).map(".".join), max_size=3), min_size=1,
                max_size=4),
       st.lists(_LABELS, min_size=1, max_size=4).map(".".join), st.lists(st.booleans(), min_size=4, max_size=4))
@example([["com"], ["suara.com"]], "news.suara.com", [False] * 4)  # a domain of the host, named first
@example([["suara.com"], ["news.suara.com"]], "news.suara.com", [True, False, False, False])
def test_the_url_host_picks_the_first_rule_set_naming_it_or_a_domain_of_it(
        hosts: list[list[str]], host: str, generic: list[bool]) -> None:
    # rule sets naming overlapping hosts ("suara.com", "com", "news.suara.com"): the first registered whose host
    # is the URL's or a domain of it wins, a generic one never, as the plain loop over them says
    rulesets = {f"r{k}": RuleSet(f"r{k}", hosts=tuple(h), generic=generic[k]) for k, h in enumerate(hosts)}
    expected = next((rs for rs in rulesets.values() if not rs.generic
                     and any(host == h or host.endswith("." + h) for h in rs.hosts)), None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(registry, "_rulesets", rulesets)
        assert registry._by_host(f"https://{host}/a") is expected
    # the table is made again from the rule sets in place
    assert registry._by_host("https://www.suara.com/a") is newsclean.get("suara")


@pytest.mark.parametrize("name", sorted(SEED_BY_OUTLET))
def test_an_unknown_host_leaves_detection_to_the_text(name: str) -> None:
    found = newsclean.detect(SEED_BY_OUTLET[name].text, "https://example.com/a/b")
    assert found is not None and found.name == name


@pytest.mark.parametrize("text", [PLAIN, "", "Menurut laporan Republika, harga cabai naik."])
def test_text_with_no_outlet_signature_is_detected_as_nothing(text: str) -> None:
    assert newsclean.detect(text) is None


# ---------------------------------------------------------------------------- third-party rule sets


def third_party_toml(name: str, marker: str) -> str:
    return f"""
name = "{name}"
description = "A third party's rule set for a made-up wire."
aliases = ["{name}-alias"]
hosts = ["{marker.lower()}"]
extends = ["base"]

[[signatures]]
pattern = '(?m)^(?:\\p{{Lu}}+, )?{marker.replace(".", "[.]")} - '
weight = 3

[[datelines]]
name = "site"
pattern = '(?:(?P<city>\\p{{Lu}}[\\p{{Lu}} ]+), )?{marker.replace(".", "[.]")} - '
examples = ["MEDAN, {marker} - Warga"]

[[rules]]
name = "footer"
label = "nav"
lines = ["{marker} - kabar tanpa henti"]
examples = ["{marker} - kabar tanpa henti"]
"""


def third_party_page(marker: str) -> tuple[str, list[str]]:
    body = [
        "Warga Medan menyambut jalur kereta baru yang dibuka pemerintah pada Senin pagi.",
        "Kereta pertama berangkat tepat waktu dan penuh penumpang, kata petugas stasiun.",
    ]
    text = "\n".join([
        "Warga Medan Sambut Jalur Kereta Baru", "Senin, 10 Januari 2022 09:00 WIB", "",
        f"MEDAN, {marker} - {body[0]}", "", body[1], "", f"{marker} - kabar tanpa henti",
    ])
    return text, body


def _assert_cleans_as_third_party(name: str, marker: str) -> None:
    text, body = third_party_page(marker)
    found = newsclean.detect(text)
    assert found is not None and found.name == name
    article = newsclean.clean(text, language=False)
    assert (article.outlet, article.paragraphs, article.dateline) == (name, tuple(body), "MEDAN")
    assert article.lines[-1].rule == f"{name}.footer"
    assert newsclean.get(f"{name}-alias").name == name


def test_a_third_party_rule_set_from_toml_text_is_registered_and_detected() -> None:
    registered = newsclean.register(newsclean.ruleset_from_toml(third_party_toml("testwire-text", "TEXTWIRE.EXAMPLE")))
    assert registered.name == "testwire-text" and "testwire-text" in newsclean.rulesets()
    _assert_cleans_as_third_party("testwire-text", "TEXTWIRE.EXAMPLE")


@pytest.mark.parametrize("as_str", [False, True], ids=["Path", "str path"])
def test_a_third_party_rule_set_from_a_toml_path_is_registered_and_detected(tmp_path: Path, as_str: bool) -> None:
    name, marker = f"testwire-path-{int(as_str)}", f"PATHWIRE{int(as_str)}.EXAMPLE"
    path = tmp_path / f"{name}.toml"
    path.write_text(third_party_toml(name, marker), encoding="utf-8")
    newsclean.register(str(path) if as_str else path)
    _assert_cleans_as_third_party(name, marker)


def test_each_pattern_of_a_rule_set_is_compiled_one_way_from_loading_to_cleaning(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the checks, the rule set, the signatures and the metadata fields all compile a pattern as one text with one set
    # of flags, so that the regex module compiles it once in a process (each way more was a full compile)
    import regex

    name, marker = "testwire-once", "ONCEWIRE.EXAMPLE"
    toml = third_party_toml(name, marker) + f"""
[[rules]]
name = "byline"
label = "meta"
pattern = '(?:Penulis|Editor): (?P<author>\\p{{Lu}}\\p{{L}}+ \\p{{Lu}}\\p{{L}}+) / {marker.replace(".", "[.]")}'
ignore_case = true
examples = ["Penulis: Budi Santoso / {marker}"]
"""
    compiled: list[tuple[str, int]] = []
    kept = regex.compile

    def recorded(pattern: str, flags: int = 0, **kwargs: Any) -> regex.Pattern[str]:
        if marker.replace(".", "[.]") in pattern:
            compiled.append((pattern, flags))
        return kept(pattern, flags, **kwargs)

    monkeypatch.setattr(regex, "compile", recorded)
    newsclean.register(newsclean.ruleset_from_toml(toml))
    text, body = third_party_page(marker)
    article = newsclean.clean(text.replace(f"{marker} - kabar tanpa henti",
                                           f"Penulis: Budi Santoso / {marker}\n{marker} - kabar tanpa henti"),
                              language=False)
    assert (article.outlet, article.paragraphs, article.authors) == (name, tuple(body), ("Budi Santoso",))
    by_source: dict[str, set[tuple[str, int]]] = {}
    for pattern, flags in compiled:
        source = next(p for p in ("(?m)^", "(?:(?P<city>", "(?:Penulis") if p in pattern)
        by_source.setdefault(source, set()).add((pattern, flags))
    assert sorted(by_source) == ["(?:(?P<city>", "(?:Penulis", "(?m)^"]  # the dateline, the byline, the signature
    assert all(len(ways) == 1 for ways in by_source.values()), by_source


def test_replacing_a_rule_set_takes_effect_at_once() -> None:
    name, marker = "testwire-replaced", "REPLWIRE.EXAMPLE"
    newsclean.register(newsclean.ruleset_from_toml(third_party_toml(name, marker)))
    text, _ = third_party_page(marker)
    assert newsclean.clean(text, language=False).lines[-1].label is newsclean.Label.NAV
    changed = third_party_toml(name, marker).replace('label = "nav"', 'label = "promo"')
    newsclean.register(newsclean.ruleset_from_toml(changed), replace=True)
    assert newsclean.clean(text, language=False).lines[-1].label is newsclean.Label.PROMO


@pytest.mark.parametrize(("ruleset", "taken"), [
    (RuleSet(name="okezone"), "okezone"),
    (RuleSet(name="OKEZONE"), "OKEZONE"),
    (RuleSet(name="testwire-clash-1", aliases=("prdepok",)), "prdepok"),
    (RuleSet(name="testwire-clash-2", aliases=("SuaraJogja",)), "SuaraJogja"),
    (RuleSet(name="suarajogja"), "suarajogja"),
], ids=["name", "name in other case", "alias", "alias in other case", "name that is an alias"])
def test_a_name_clash_is_refused_and_leaves_the_registry_as_it_was(ruleset: RuleSet, taken: str) -> None:
    before = {n: newsclean.get(n) for n in newsclean.rulesets()}
    with pytest.raises(RuleSetError, match=taken):
        newsclean.register(ruleset)
    assert {n: newsclean.get(n) for n in newsclean.rulesets()} == before
    assert newsclean.get(taken) is before[newsclean.get(taken).name]


def test_registering_the_same_name_twice_is_refused() -> None:
    rs = newsclean.ruleset_from_toml(third_party_toml("testwire-twice", "TWICEWIRE.EXAMPLE"))
    newsclean.register(rs)
    with pytest.raises(RuleSetError, match="testwire-twice"):
        newsclean.register(rs)


def test_an_unsound_third_party_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(third_party_toml("testwire-broken", "BROKENWIRE.EXAMPLE").replace('label = "nav"',
                                                                                       'label = "navigation"'))
    with pytest.raises(RuleSetError, match="footer"):
        newsclean.register(path)
    with pytest.raises(UnknownOutletError):
        newsclean.get("testwire-broken")


# ---------------------------------------------------------------------------- plug-ins (entry points)

BUILT_IN = ("base", "generic", "kompastv", "okezone", "pikiran-rakyat", "republika", "suara")
PLUGIN = "nc_test_plugin"


def _fake_plugin() -> RuleSet:
    return newsclean.ruleset_from_toml(third_party_toml("testwire-plugin", "PLUGWIRE.EXAMPLE"))


def _raising() -> RuleSet:
    raise ValueError("no such outlet configured")


def _impostor() -> RuleSet:
    return RuleSet(name="okezone", description="an impostor")


def _load_with(monkeypatch: pytest.MonkeyPatch, first: list[EntryPoint]) -> list[warnings.WarningMessage]:
    """Load the rule sets afresh from ``first`` (plug-ins, as if earlier on sys.path) and the installed entry
    points, with the registry emptied for this test and put back afterwards; the warnings the loading gave."""
    installed = list(entry_points(group=registry.ENTRY_POINT_GROUP))
    assert sorted(ep.name for ep in installed) == list(BUILT_IN)
    plugin = types.ModuleType(PLUGIN)
    plugin.good = _fake_plugin  # type: ignore[attr-defined]
    plugin.raising = _raising  # type: ignore[attr-defined]
    plugin.impostor = _impostor  # type: ignore[attr-defined]
    plugin.number = 42  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, PLUGIN, plugin)
    for table in ("_rulesets", "_aliases", "_compiled", "_signatures", "_broken"):
        monkeypatch.setattr(registry, table, {})
    monkeypatch.setattr(registry, "_added", [])
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setattr(registry, "entry_points", lambda group: [*first, *installed])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        newsclean.rulesets()
    return caught


def _plugin(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=registry.ENTRY_POINT_GROUP)


def test_a_plugin_earlier_on_the_path_does_not_replace_a_built_in_rule_set(monkeypatch: pytest.MonkeyPatch) -> None:
    caught = _load_with(monkeypatch, [_plugin("okezone", f"{PLUGIN}:impostor")])
    assert newsclean.get("okezone").description != "an impostor"
    assert newsclean.get("okezone").hosts == ("okezone.com",)
    assert newsclean.rulesets() == BUILT_IN
    messages = [str(w.message) for w in caught if issubclass(w.category, RuleSetWarning)]
    assert len(messages) == 1, messages
    assert f"{PLUGIN}:impostor" in messages[0] and "newsclean.outlets:okezone" in messages[0]


@pytest.mark.parametrize(("value", "error"), [
    (f"{PLUGIN}:raising", "ValueError: no such outlet configured"),
    ("nc_test_no_such_module:rules", "ModuleNotFoundError"),
    ("nc_test_bad_syntax:rules", "SyntaxError"),
    (f"{PLUGIN}:number", "RuleSetError: cannot register int"),
], ids=["ValueError", "ImportError", "SyntaxError", "not a rule set"])
def test_one_broken_plugin_is_one_warning_and_the_others_load(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                              value: str, error: str) -> None:
    (tmp_path / "nc_test_bad_syntax.py").write_text("def rules(:\n    pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    caught = _load_with(monkeypatch, [_plugin("testwire-broken-plugin", value), _plugin("testwire-plugin",
                                                                                         f"{PLUGIN}:good")])
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1, messages
    assert issubclass(caught[0].category, RuleSetWarning)
    assert "testwire-broken-plugin" in messages[0] and value in messages[0] and error in messages[0]
    assert newsclean.rulesets() == tuple(sorted((*BUILT_IN, "testwire-plugin")))
    _assert_cleans_as_third_party("testwire-plugin", "PLUGWIRE.EXAMPLE")
    with pytest.raises(RuleSetError, match=error):
        newsclean.get("testwire-broken-plugin")


def _urlsplit_host(url: str) -> str | None:
    """The host as _by_host read it with urlsplit alone (the reference of the plain-URL pattern)."""
    try:
        return (urlsplit(url if "//" in url else f"//{url}").hostname or "").casefold()
    except ValueError:
        return None


# URL-ish pieces: the characters urlsplit treats apart (delimiters, user, port, brackets, zone, the ones it removes,
# white space, non-ASCII letters that fold) among host characters
_URL_CHARACTERS = "aZk.-_09/?#@:[]%\t\r\n \x00\x7f~!$&'()*+,;=éKİß\u3000"
_SCHEMES = ("https://", "http://", "HTTPS://", "ftp://", "//", "", "https:/", "https:", " https://", "\thttps://")


@given(st.sampled_from(_SCHEMES), st.text(_URL_CHARACTERS, max_size=12), st.text(_URL_CHARACTERS, max_size=6),
       st.sampled_from(("", "/", "/a/b", "?q=1", "#top", ":8080/a", "@x/")))
@example("https://", "www.Suara.com", "", "/a")
@example("https://", "", "", "/a")
@example("https://", "suara.com", "\t", "/a")
@example("https://", "[::1]", "", "/a")
@example("https://", "[", "", "/a")
@example("https://", "user@suara.com", "", "/a")
@example("https://", "suara.com:99999", "", "/a")
@example("https://", "SUARA.COM", "%Zone", "")
def test_the_host_of_a_url_is_the_one_urlsplit_gives(scheme: str, host: str, more: str, rest: str) -> None:
    url = scheme + host + more + rest
    assert registry._url_host(url) == _urlsplit_host(url)


@given(st.text(max_size=40))
def test_the_host_of_any_text_is_the_one_urlsplit_gives(url: str) -> None:
    assert registry._url_host(url) == _urlsplit_host(url)


@pytest.mark.skipif(not native.available(), reason="the native core is not built here")
def test_detection_by_the_scan_names_the_outlet_every_signature_searched_names() -> None:
    # the scan names the signatures worth searching for; the outlet is the one all the searches give
    pages = [*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages()]
    texts = [p.text for p in pages] + [p.text[: len(p.text) // 3] for p in pages] + [PLAIN]
    for text in texts:
        assert registry._scanned(text) is not None
        scanned = registry.detect(text)
        previous = native.use(False)
        try:
            searched = registry.detect(text)
        finally:
            native.use(previous)
        assert scanned is searched
