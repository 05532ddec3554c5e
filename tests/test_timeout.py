"""The time limit on pattern matching: a page that runs past it is an error, never a stalled worker."""

from __future__ import annotations

import functools
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import regex

import newsclean
from conftest import seed_pages
from newsclean import MatchTimeout, clean, clean_many, cli, metadata, registry, rules, settings
from newsclean.engines import clean_lines
from newsclean.rules import LONGEST_TIMEOUT, checked_timeout, ruleset_from_toml, time_limit, timed

PAGE = seed_pages()[0].text
LONG_LINE = "Harga cabai naik lagi di pasar induk kemarin pagi, kata pedagang. " * 20


def test_a_page_past_its_time_limit_is_refused_with_the_rule_named() -> None:
    with pytest.raises(MatchTimeout, match=r"^rule \S+ ran past the page's time limit on [0-9,]+ characters"):
        clean(PAGE + "\n" + LONG_LINE, outlet="generic", language=False, timeout=0)
    with pytest.raises(MatchTimeout, match=r"^a signature ran past the page's time limit"):
        clean(PAGE + "\n" + LONG_LINE, language=False, timeout=0)


def test_a_limit_of_zero_stops_at_the_first_pattern_short_lines_included() -> None:
    with pytest.raises(MatchTimeout, match="ran past the page's time limit"):
        clean("Satu baris pendek.", outlet="generic", language=False, timeout=0)


def test_no_limit_and_the_default_limit_clean_the_same_page() -> None:
    text = PAGE + "\n" + LONG_LINE
    assert clean(text, language=False, timeout=None) == clean(text, language=False)


def test_a_catastrophic_pattern_is_stopped_at_the_limit() -> None:
    # 2**26 ways for the alternation to take the a's, each tried: the regex module, which sees through
    # (?:a+)+b, takes seconds over this one without the limit
    pattern = regex.compile(r"(?:a|a)+c")
    with time_limit(0.05), pytest.raises(MatchTimeout, match="rule x"):
        timed(pattern.fullmatch, "a" * 26, "rule x")


def test_without_a_limit_nothing_is_timed() -> None:
    assert timed(regex.compile("a+").fullmatch, "aaa", "rule x") is not None


def test_a_page_past_its_limit_is_an_error_record_in_a_batch(slow_outlet: str) -> None:
    records = [{"text": PAGE}, {"text": f"Judul\n{SLOW_RULES[0][1]}", "outlet": slow_outlet}, {"text": PAGE}]
    results = list(clean_many(records, workers=1, language=False, timeout=LIMIT))
    assert [r.ok for r in results] == [True, False, True]
    assert (results[1].error or "").startswith("MatchTimeout: rule ")


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "-inf"])
def test_the_command_refuses_a_time_limit_that_is_not_seconds(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["clean", "--timeout", value, "-"])
    assert exit_.value.code == 2
    assert "--timeout" in capsys.readouterr().err


def test_match_timeout_is_not_an_os_error() -> None:
    # a TimeoutError is an OSError, which the command line reports as an output it cannot write (exit 4)
    assert not issubclass(newsclean.MatchTimeout, OSError)


def _slow_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = newsclean.clean

    def clean_or_time_out(text: str, **options: object) -> newsclean.Article:
        if text.startswith(name):
            with time_limit(0):
                timed(regex.compile("x").fullmatch, text, "rule test.slow")
        return real(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(settings, "clean", clean_or_time_out)


@pytest.mark.parametrize("form", ["text", "json"])
def test_the_command_reports_a_page_past_its_limit_and_cleans_the_others(
        form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    slow, fine = tmp_path / "slow.txt", tmp_path / "fine.txt"
    slow.write_text("SLOW\n" + PAGE, encoding="utf-8")
    fine.write_text(PAGE, encoding="utf-8")
    _slow_on("SLOW", monkeypatch)
    assert cli.main(["clean", "--no-language", "--format", form, str(slow), str(fine)]) == cli.EXIT_INPUT
    out, err = capsys.readouterr()
    size = len(PAGE) + 5
    assert err == f"newsclean: {slow}: not cleaned: rule test.slow ran past the page's time limit on {size:,} " \
        "characters\n"
    assert out and "cannot write" not in err


def test_explain_reports_a_page_past_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    slow = tmp_path / "slow.txt"
    slow.write_text("SLOW\n" + PAGE, encoding="utf-8")
    _slow_on("SLOW", monkeypatch)
    assert cli.main(["explain", str(slow)]) == cli.EXIT_INPUT
    assert capsys.readouterr().err.startswith(f"newsclean: {slow}: not cleaned: rule test.slow ran past")


@pytest.mark.parametrize("limit", [float("inf"), 1e13, 10**400])
def test_a_limit_too_long_to_express_is_clamped_not_an_instant_timeout(limit: float) -> None:
    text = PAGE + "\n" + LONG_LINE
    assert clean(text, language=False, timeout=limit) == clean(text, language=False)
    results = list(clean_many([text], workers=1, language=False, timeout=limit))
    assert results[0].ok, results[0].error
    assert checked_timeout(limit) == LONGEST_TIMEOUT


@pytest.mark.parametrize("limit", [float("nan"), -1, -0.5, float("-inf")])
def test_a_bad_limit_is_a_clear_error_in_every_entry_point(limit: float) -> None:
    with pytest.raises(ValueError, match="timeout must be 0 or more seconds"):
        clean(PAGE, language=False, timeout=limit)
    with pytest.raises(ValueError, match="timeout must be 0 or more seconds"):
        next(clean_many([PAGE], workers=1, language=False, timeout=limit))
    with pytest.raises(ValueError, match="timeout must be 0 or more seconds"):
        next(clean_lines([b'{"text": "x"}'], language=False, timeout=limit))
    with pytest.raises(ValueError, match="timeout must be 0 or more seconds"), time_limit(limit):
        pass


def test_a_limit_that_is_not_a_number_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="timeout must be a number"):
        clean(PAGE, language=False, timeout="60")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["inf", "1e13"])
def test_the_command_clamps_a_limit_too_long_to_express(value: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE + "\n" + LONG_LINE, encoding="utf-8")
    assert cli.main(["clean", "--no-language", "--timeout", value, str(page)]) == 0
    assert "ran past" not in capsys.readouterr().err



# Patterns the load-time check lets through that backtrack for a second on a line of 42 characters (issue 11,
# cases 1 and 2), each with a line of 62 on which it takes far longer (none finishes in 5 s).
SLOW_RULES = [
    (r"(?:A|(?i:a))+!", "A" * 30 + "a" * 30 + "x!"),
    (r"(?:\w{1,16}){1,16}!", "a" * 60 + "?!"),
    (r"((a|aa){1,16}){1,16}$", "a" * 60 + "ba"),
    (r"(?:(?:a{1,16}){1,16}){1,16}!", "a" * 60 + "b!"),
    # the realistic one: up to ten capitalised words before a colon (a byline's shape)
    (r"(?:\p{Lu}\p{L}{0,15} ?){1,10}:", "A" * 60 + "-:"),
]
SLOW_DATELINES = [
    (r"(?P<city>(?:A|(?i:a))+) - ", "A" * 30 + "a" * 30 + "x - Warga berkumpul."),
    (r"(?P<city>.*?,.*?,.*?) - \d", "," * 3000),
]
LIMIT = 1.0


@pytest.fixture
def slow_outlet(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Rule sets of the slow patterns, registered for one test (the registry is put back afterwards): ``slowpoke``
    has the first rule and every dateline, ``slowpoke1``... each the rule of its number."""
    newsclean.rulesets()
    for table in ("_rulesets", "_aliases", "_compiled", "_signatures"):
        monkeypatch.setattr(registry, table, dict(getattr(registry, table)))
    monkeypatch.setattr(registry, "_added", list(registry._added))
    datelines = "".join(f"""
[[datelines]]
name = "slow{n}"
pattern = '{pattern}'
""" for n, (pattern, _) in enumerate(SLOW_DATELINES))
    for n, (pattern, _) in enumerate(SLOW_RULES):
        name = f"slowpoke{n or ''}"
        rule = f"""
[[rules]]
name = "slow{n}"
label = "nav"
pattern = '{pattern}'
"""
        toml = f'name = "{name}"\nextends = ["base"]\n{rule}{datelines if not n else ""}'
        registry.register(ruleset_from_toml(toml), replace=True)
        # compiled, and its tables built, outside any limit: only the matching is timed below
        clean(PAGE, outlet=name, language=False, timeout=None)
    clean(PAGE, language=False, timeout=None)
    yield "slowpoke"


def in_thread(call: Callable[[], object]) -> object:
    """What ``call`` returns or raises in a thread other than the main one (where the page timer cannot run)."""
    outcome: list[object] = []
    thread = threading.Thread(target=lambda: outcome.append(_outcome(call)))
    thread.start()
    thread.join()
    return outcome[0]


def _outcome(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as exc:
        return exc


@pytest.mark.parametrize("where", ["main thread", "other thread"])
@pytest.mark.parametrize("n", range(len(SLOW_RULES)))
def test_a_rule_that_backtracks_on_a_short_line_is_stopped_at_the_limit(slow_outlet: str, n: int, where: str) -> None:
    line = SLOW_RULES[n][1]

    outlet = f"{slow_outlet}{n or ''}"

    def call() -> object:
        return clean(f"Judul berita\n{line}\nBadan berita.", outlet=outlet, language=False, timeout=LIMIT)

    started = time.monotonic()
    outcome = _outcome(call) if where == "main thread" else in_thread(call)
    assert isinstance(outcome, MatchTimeout), outcome
    assert time.monotonic() - started < 10
    assert str(outcome) == f"rule {outlet}.slow{n} ran past the page's time limit on {len(line)} characters"


@pytest.mark.parametrize("where", ["main thread", "other thread"])
@pytest.mark.parametrize("n", range(len(SLOW_DATELINES)))
def test_a_dateline_that_backtracks_is_stopped_at_the_limit(slow_outlet: str, n: int, where: str) -> None:
    rules = registry.compiled(slow_outlet)
    line = SLOW_DATELINES[n][1]

    def call() -> object:
        with time_limit(LIMIT):
            return rules.dateline(line)

    started = time.monotonic()
    outcome = _outcome(call) if where == "main thread" else in_thread(call)
    assert isinstance(outcome, MatchTimeout), outcome
    assert time.monotonic() - started < 10
    assert str(outcome) == f"dateline {slow_outlet}.slow{n} ran past the page's time limit on {len(line):,} characters"


def test_the_page_timer_is_off_after_the_page_and_its_signal_then_ignored(slow_outlet: str) -> None:
    clean(PAGE, language=False, timeout=5)
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    with pytest.raises(MatchTimeout):
        clean(f"Judul\n{SLOW_RULES[0][1]}", outlet=slow_outlet, language=False, timeout=0.1)
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    signal.raise_signal(signal.SIGVTALRM)  # a late signal: nothing happens
    assert clean(PAGE, language=False, timeout=None).body


def test_a_program_timer_of_its_own_is_left_alone_and_the_limit_still_holds(slow_outlet: str) -> None:
    fired: list[int] = []
    clean(PAGE, language=False)  # the page timer's handler is installed
    previous = signal.signal(signal.SIGVTALRM, lambda signum, frame: fired.append(signum))
    try:
        line = SLOW_RULES[0][1]
        with pytest.raises(MatchTimeout, match="slow0"):
            clean(f"Judul\n{line}", outlet=slow_outlet, language=False, timeout=LIMIT)
        assert signal.getsignal(signal.SIGVTALRM) is not signal.SIG_DFL
    finally:
        signal.signal(signal.SIGVTALRM, previous)


def literal(seed: int) -> str:
    """A literal of 3,000 letters: the regex module takes 0.3 s or more to match it the first time."""
    return "".join(chr(97 + (i * 7 + seed) % 26) for i in range(3000))


def test_a_rule_set_whose_examples_take_too_long_to_check_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "CHECK_SECONDS", 0.1)
    for seed, where in enumerate(("main thread", "other thread")):
        # (each time another pattern: the regex module keeps what it worked out for a compiled one)
        toml = f'name = "longlit"\n[[rules]]\nname = "lit"\nlabel = "nav"\npattern = "{literal(seed)}"\n' \
            f'examples = ["{literal(seed)}"]\n'
        started = time.monotonic()
        load = functools.partial(ruleset_from_toml, toml)
        outcome = _outcome(load) if where == "main thread" else in_thread(load)
        assert isinstance(outcome, rules.RuleSetError), outcome
        assert "checking the patterns against their examples ran past 0.1 seconds" in str(outcome)
        assert time.monotonic() - started < 5


def test_a_pattern_too_long_is_refused_before_it_is_compiled() -> None:
    pattern = "a" * (rules.MAX_PATTERN + 1)
    with pytest.raises(rules.RuleSetError, match=r"huge\.x: pattern of 5,001 characters, longer than the 5,000"):
        ruleset_from_toml(f'name = "huge"\n[[rules]]\nname = "x"\nlabel = "nav"\npattern = "{pattern}"\n')
    with pytest.raises(rules.RuleSetError, match="huge signature: pattern of 5,001 characters"):
        newsclean.register(newsclean.RuleSet("huge", signatures=(newsclean.Signature(pattern),)))


def test_a_timer_left_set_by_an_exit_cut_short_fails_nothing_after_it() -> None:
    def page_whose_exit_is_cut_short() -> None:
        time_limit(0.05).__enter__()  # and no __exit__, as when a second Ctrl-C lands in it

    page_whose_exit_is_cut_short()
    started = time.process_time()
    while time.process_time() - started < 0.3:  # CPU time past the limit, in code the limit has nothing to do with
        sum(range(1000))
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    assert clean(PAGE, language=False, timeout=5).body


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_a_meta_pattern_that_backtracks_is_stopped_at_the_limit_when_its_fields_are_read(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # metadata re-matches a meta line's own rule to read its fields: that call is bounded as the rule's own
    # match is, also in a thread other than the main one, where no page timer runs
    newsclean.rulesets()
    for table in ("_rulesets", "_aliases", "_compiled", "_signatures"):
        monkeypatch.setattr(registry, table, dict(getattr(registry, table)))
    monkeypatch.setattr(registry, "_added", list(registry._added))
    pattern, line = r"(?P<author>(?:A|(?i:a))+)!", SLOW_RULES[0][1]
    registry.register(ruleset_from_toml(f"""name = "slowmeta"
[[rules]]
name = "byline"
label = "meta"
pattern = '{pattern}'
examples = ["Aaa!"]
"""))
    [rule] = [r for r in registry.compiled("slowmeta").rules if r.name == "slowmeta.byline"]
    assert metadata._groups(rule, "AaA!") == [("author", "AaA")]

    def call() -> object:
        with time_limit(LIMIT):
            return metadata._groups(rule, line)

    outcome: list[object] = []
    started = time.monotonic()
    if where == "main thread":
        outcome.append(_outcome(call))
    else:  # (a daemon thread, joined for 10 s at most: an unbounded call would run for hours)
        thread = threading.Thread(target=lambda: outcome.append(_outcome(call)), daemon=True)
        thread.start()
        thread.join(10)
    assert time.monotonic() - started < 10 and outcome, "the field pattern ran on past the limit"
    assert isinstance(outcome[0], MatchTimeout), outcome
    assert str(outcome[0]) == f"rule slowmeta.byline ran past the page's time limit on {len(line)} characters"
