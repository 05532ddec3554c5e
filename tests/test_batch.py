"""``clean_many``: input order, an error record for every kind of bad record, nothing lost, the same articles as
``clean()``, bounded read-ahead, and worker processes that die.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import process as futures_process
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import connection
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from conftest import devset_pages, seed_pages
from newsclean import RuleSet, batch, clean, clean_many, register, registry
from newsclean import settings as settings_module
from newsclean.batch import Result
from newsclean.record import Layout
from newsclean.settings import Settings

PAGES = seed_pages() + devset_pages()
TEXTS = [page.text for page in PAGES]
DIED = "worker process died while cleaning this record"

BROKEN = "test-batch-broken"


@pytest.fixture
def broken_ruleset(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A rule set that cannot be compiled, registered for one test: it extends a base no one registered, so clean()
    raises for the pages it is asked to clean (and only those: no host, no signature, never detected).  Other test
    modules compile every registered rule set, so the registry is put back as it was afterwards."""
    newsclean.rulesets()  # the installed rule sets are loaded before the registry is copied
    for table in ("_rulesets", "_aliases", "_compiled", "_signatures"):
        monkeypatch.setattr(registry, table, dict(getattr(registry, table)))
    monkeypatch.setattr(registry, "_added", list(registry._added))
    register(RuleSet(name=BROKEN, extends=("test-batch-no-such-base",)))
    yield BROKEN


def test_the_gold_pages_are_there() -> None:
    assert len(PAGES) >= 30


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_in_input_order(workers: int) -> None:
    # long and short pages alternate, so that chunks finish out of order in the pool
    texts = sorted(TEXTS, key=len)
    items = [{"id": f"page-{i}", "text": text} for i, text in enumerate(texts[::2] + texts[1::2][::-1])]
    results = list(clean_many(items, workers=workers, chunksize=2, language=False))
    assert [r.index for r in results] == list(range(len(items)))
    assert [r.id for r in results] == [item["id"] for item in items]
    assert [r.article for r in results] == [clean(item["text"], language=False) for item in items]


def bad_records() -> list[tuple[object, str]]:
    """Items that cannot be cleaned, each with the start of its error."""
    return [
        (42, "not text: got int"),
        (None, "not text: got NoneType"),
        (["a", "list"], "not text: got list"),
        (b"\xff\xfeBerita", "not UTF-8: invalid start byte at byte 0"),
        ({"id": "latin1", "text": "Berita: café".encode("latin-1")}, "not UTF-8: unexpected end of data at byte 11"),
        ("x" * 1001, "too large: 1001 characters, limit 1000"),
        ({"id": "no-text", "body": TEXTS[0]}, "no 'text' field"),
        ({"id": "number", "text": 12.5}, "not text: got float"),
        ({"id": "broken-rules", "text": TEXTS[0][:1000], "outlet": BROKEN},
         "UnknownOutletError: unknown outlet 'test-batch-no-such-base'"),
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_each_bad_record_gives_an_error_result_and_the_run_goes_on(broken_ruleset: str, workers: int) -> None:
    # the rule set registered here reaches the worker processes too
    good = TEXTS[1][:1000]
    items: list[object] = []
    for bad, _ in bad_records():
        items += [bad, good]
    results = list(clean_many(items, workers=workers, chunksize=3, max_chars=1000, language=False))
    assert len(results) == len(items)
    assert [r.index for r in results] == list(range(len(items)))
    for (bad, reason), result in zip(bad_records(), results[::2], strict=True):
        assert not result.ok and result.article is None
        assert result.error is not None and result.error.startswith(reason), (bad, result.error)
        assert result.id == (bad.get("id") if isinstance(bad, dict) else None)
        # an error record keeps the input record's other fields (the text is consumed)
        passed = {k: v for k, v in bad.items() if k not in ("id", "text")} if isinstance(bad, dict) else {}
        assert result.to_dict() == {"index": result.index, "id": result.id, **passed, "error": result.error}
        assert result.item == bad
    expected = clean(good, language=False)
    assert all(r.ok and r.error is None and r.article == expected for r in results[1::2])


def test_utf8_bytes_and_other_field_names_are_read() -> None:
    page = PAGES[0].text
    items = [page.encode("utf-8"), {"key": 7, "content": page, "link": "https://news.okezone.com/read/1"}]
    results = list(clean_many(items, workers=1, text_field="content", id_field="key", url_field="link",
                              language=False))
    assert results[0].article == clean(page, language=False)
    assert results[1].id == "7"
    assert results[1].article == clean(page, url="https://news.okezone.com/read/1", language=False)


def test_the_jsonl_record_counts_dropped_lines_per_label() -> None:
    page = next(p for p in PAGES if p.gold["title"])
    (result,) = clean_many([{"id": "a", "text": page.text}], workers=1)
    article = clean(page.text)
    record = result.to_dict()
    assert record["index"] == 0 and record["id"] == "a"
    view = article.to_dict(lines=False)
    del view["paragraphs"]  # written on request only: it repeats the body
    assert {k: v for k, v in record.items() if k in view} == view
    assert record["from_html"] is False
    labels = [line.label.value for line in article.lines if line.label.value not in ("body", "blank")]
    assert record["dropped"] == {label: labels.count(label) for label in sorted(set(labels))}
    assert record["kept_chars"] == sum(map(len, article.paragraphs)) and record["dropped_chars"] > 0
    assert "lines" not in record and "paragraphs" not in record
    asked = result.to_dict(Settings(layout=Layout.with_extra(["lines", "paragraphs"])))
    assert len(asked["lines"]) == len(article.lines) and asked["paragraphs"] == list(article.paragraphs)


@pytest.mark.parametrize("workers", [1, 2])
def test_clean_many_gives_what_clean_gives_on_every_seed_and_devset_page(workers: int) -> None:
    results = list(clean_many(TEXTS, workers=workers, chunksize=3))
    assert [r.article for r in results] == [clean(text) for text in TEXTS]


@pytest.mark.parametrize(("workers", "chunksize"), [(1, 1), (2, 4)])
def test_an_endless_stream_is_read_only_a_bounded_way_ahead(workers: int, chunksize: int) -> None:
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"Berita nomor {i}."

    results = clean_many(endless(), workers=workers, chunksize=chunksize, language=False)
    taken = list(itertools.islice(results, 25))
    results.close()  # type: ignore[attr-defined]  # a generator: stops the pool
    assert [r.index for r in taken] == list(range(25))
    # the chunks in flight (two per worker) and the chunk being handed out
    assert pulled <= 25 + (2 * workers + 1) * chunksize


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="workers"):
        list(clean_many(["a"], workers=0))
    with pytest.raises(ValueError, match="chunksize"):
        list(clean_many(["a"], chunksize=0))


# ---------------------------------------------------------------------------
# records in = results out, whatever the stream

texts = st.text(max_size=200)
items = st.one_of(
    texts,
    st.binary(max_size=40),
    st.integers(),
    st.none(),
    st.sampled_from(TEXTS[:5]),
    st.fixed_dictionaries(
        {"id": st.one_of(st.text(max_size=5), st.integers(), st.none())},
        optional={"text": st.one_of(texts, st.binary(max_size=20), st.integers()),
                  "outlet": st.sampled_from(["okezone", "suara", BROKEN]),
                  "url": st.sampled_from(["https://news.okezone.com/a", "not a url", "http://["])},
    ),
)


def check_one_result_each(stream: list[object], results: list[Result]) -> None:
    assert [r.index for r in results] == list(range(len(stream)))
    assert all((r.article is None) != (r.error is None) for r in results)
    ids = [item.get("id") if isinstance(item, dict) else None for item in stream]
    assert [r.id for r in results] == [None if i is None else str(i) for i in ids]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the rule set serves every example alike
@given(stream=st.lists(items, max_size=30), chunksize=st.integers(1, 8), max_chars=st.integers(1, 5000))
def test_every_record_gives_exactly_one_result_in_order(broken_ruleset: str, stream: list[object], chunksize: int,
                                                        max_chars: int) -> None:
    results = list(clean_many(iter(stream), workers=1, chunksize=chunksize, max_chars=max_chars, language=False))
    check_one_result_each(stream, results)


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stream=st.lists(items, max_size=30), chunksize=st.integers(1, 8))
def test_every_record_gives_exactly_one_result_in_worker_processes(broken_ruleset: str, stream: list[object],
                                                                   chunksize: int) -> None:
    results = list(clean_many(iter(stream), workers=2, chunksize=chunksize, language=False))
    check_one_result_each(stream, results)


# ---------------------------------------------------------------------------
# worker processes that die

# How long a test of dying workers may run before it is failed as hung (a run of a few seconds; minutes under load)
GUARD_SECONDS = 180.0
FORKED = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                            reason="the stand-in for a worker's death reaches the workers by fork")


class Hung(Exception):
    pass


@pytest.fixture
def guarded() -> Iterator[None]:
    """Fail the test that runs past ``GUARD_SECONDS`` rather than let it hang the suite (pytest-timeout is no test
    dependency): SIGALRM, handled in this thread, interrupts whatever wait the run is stuck in."""

    fired = []

    def hung(signum: int, frame: object) -> None:
        fired.append(signum)
        raise Hung(f"the run was still going after {GUARD_SECONDS:.0f} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, GUARD_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if fired:
            # an executor's thread left waiting for the rest of a worker's results would keep the test run from
            # exiting: end the workers, and close this process's end for writing of each pool's result pipe
            kill_workers()
            for manager in list(futures_process._threads_wakeups):
                writer = getattr(getattr(manager, "result_queue", None), "_writer", None)
                if writer is not None:
                    writer.close()


def check_every_record_accounted_for(stream: list[str], results: list[Result], dying: str | None = None,
                                     error: str = DIED) -> None:
    """One result per record, in order: the article ``clean()`` gives, or (for the ``dying`` page only) ``error``,
    by default that of a record whose worker died."""
    assert [r.index for r in results] == list(range(len(stream)))
    for text, result in zip(stream, results, strict=True):
        if text == dying:
            assert (result.article, result.error) == (None, error)
        else:
            assert (result.error, result.article) == (None, clean(text, language=False))


def kill_workers() -> list[int]:
    killed = []
    for child in multiprocessing.active_children():
        os.kill(child.pid or 0, signal.SIGKILL)
        killed.append(child.pid or 0)
    return killed


def test_workers_killed_mid_run_cost_no_record(guarded: None) -> None:
    stream = TEXTS[:16] * 2
    killed: list[int] = []

    def items() -> Iterator[str]:
        for i, text in enumerate(stream):
            if i == 16:
                # the pool is running by now (chunks are handed out as records are read)
                killed.extend(kill_workers())
            yield text

    results = list(clean_many(items(), workers=2, chunksize=2, language=False))
    assert killed
    assert [r.index for r in results] == list(range(len(stream)))
    # chunks the dead workers held are cleaned again in a new pool, record by record
    assert [r.article for r in results] == [clean(text, language=False) for text in stream]


@FORKED
def test_workers_killed_between_tasks_cost_no_record(guarded: None, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    # the workers say when they have cleaned a page; once every page handed out is cleaned (and sent back), they
    # wait for their next task, and are killed then
    done = tmp_path / "done"
    real = clean

    def said(text: str, **options: Any) -> Any:
        article = real(text, **options)
        with open(done, "a", encoding="utf-8") as file:
            file.write("cleaned\n")
        return article

    def cleaned() -> int:
        return len(done.read_text(encoding="utf-8").splitlines()) if done.exists() else 0

    monkeypatch.setattr(settings_module, "clean", said)
    stream = TEXTS[:12]
    killed: list[int] = []

    def items() -> Iterator[str]:
        for i, text in enumerate(stream):
            if i == 6:  # pages 0 to 5 have been handed out, one a chunk
                while cleaned() < 6:
                    time.sleep(0.01)
                time.sleep(0.2)
                killed.extend(kill_workers())
            yield text

    results = list(clean_many(items(), workers=2, chunksize=1, language=False))
    assert len(killed) == 2
    check_every_record_accounted_for(stream, results)


@FORKED
def test_workers_killed_as_they_start_cost_no_record(guarded: None, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    # every worker of the first pool dies in its start-up; the pools after it (made once the first is killed) start
    # well.  (Not "the first two workers to start": the executor may end the first pool's second worker before its
    # start-up, and a worker of the next pool, dying in its place, would take a record down with it.)
    real_init, real_kill = batch._init_worker, batch._Pool.kill
    first_ended = tmp_path / "first-pool-ended"

    def dying(extra: tuple[RuleSet, ...], parent: int) -> None:
        if not first_ended.exists():
            (tmp_path / f"died-{os.getpid()}").touch()
            os.kill(os.getpid(), signal.SIGKILL)
        real_init(extra, parent)

    def kill(pool: batch._Pool) -> None:
        first_ended.touch()
        real_kill(pool)

    monkeypatch.setattr(batch, "_init_worker", dying)
    monkeypatch.setattr(batch._Pool, "kill", kill)
    stream = TEXTS[:10]
    results = list(clean_many(stream, workers=2, chunksize=2, language=False))
    assert any(path.name.startswith("died-") for path in tmp_path.iterdir())
    check_every_record_accounted_for(stream, results)


SENDING = "this page kills its worker halfway through sending its results"


@FORKED
def test_a_worker_killed_halfway_through_sending_its_results_costs_no_record(guarded: None,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # the executor's thread that reads the results then waits for the rest of the message, for ever, and never
    # sees the worker die: the parent must see it, and redo the chunk (the page alone kills its worker again)
    parent = os.getpid()
    real, real_send = clean, connection.Connection._send  # type: ignore[attr-defined]  # (private: the write itself)
    sending = [False]  # in the worker: whether its chunk held the page

    def flagging(text: str, **options: Any) -> Any:
        if text == SENDING:
            sending[0] = True
            text = TEXTS[0]
        return real(text, **options)

    def send(self: connection.Connection, buf: bytes, *args: Any) -> None:
        if os.getpid() != parent and sending[0] and len(buf) > 1000:
            real_send(self, bytes(buf)[:len(buf) // 2], *args)
            os.kill(os.getpid(), signal.SIGKILL)
        real_send(self, buf, *args)

    monkeypatch.setattr(settings_module, "clean", flagging)
    monkeypatch.setattr(connection.Connection, "_send", send)
    stream = [*TEXTS[:5], SENDING, *TEXTS[5:8]]
    before = set(threading.enumerate())
    results = list(clean_many(stream, workers=2, chunksize=2, language=False))
    check_every_record_accounted_for(stream, results, dying=SENDING)
    # and the pools' threads end: none is left waiting for the rest of the message, keeping this process from exiting
    for thread in set(threading.enumerate()) - before:
        thread.join(10)
        assert not thread.is_alive(), thread


POISON = "this page makes the worker process die"


@pytest.fixture
def poison_kills_its_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """clean() as the workers call it, but a page that is :data:`POISON` ends its worker process at once."""
    real = clean  # what newsclean.settings calls: it imports clean from newsclean.core

    def crashing(text: str, **options: Any) -> Any:
        if text == POISON:
            os._exit(70)  # as a segfault or the out-of-memory killer would end it
        return real(text, **options)

    monkeypatch.setattr(settings_module, "clean", crashing)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the stand-in for a page that crashes its worker reaches the workers by fork")
@pytest.mark.usefixtures("poison_kills_its_worker")
def test_a_record_that_kills_its_worker_is_an_error_record_and_the_run_goes_on() -> None:
    stream = [*TEXTS[:5], POISON, *TEXTS[5:11], POISON, POISON, *TEXTS[11:14]]
    results = list(clean_many(stream, workers=2, chunksize=3, language=False))
    assert [r.index for r in results] == list(range(len(stream)))
    for text, result in zip(stream, results, strict=True):
        if text == POISON:
            assert result.error == DIED
        else:
            assert result.article == clean(text, language=False)


STUCK_PAGE = "this page makes its worker wait for ever"
STUCK = "worker process did not finish this record in time (stuck)"


@pytest.fixture
def stuck_page_hangs_its_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """clean() as the workers call it, but a page that is :data:`STUCK_PAGE` never returns, and no page timer can
    end it (a deadlock, not a slow page); and the pool's allowance for a chunk cut to seconds."""
    real = clean

    def sticking(text: str, **options: Any) -> Any:
        if text == STUCK_PAGE:
            while True:
                time.sleep(60)
        return real(text, **options)

    monkeypatch.setattr(settings_module, "clean", sticking)
    monkeypatch.setattr(batch, "_CHUNK_SECONDS", 3.0)
    monkeypatch.setattr(batch, "_RECORD_SECONDS", 0.2)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the stand-in for a page that sticks reaches the workers by fork")
@pytest.mark.usefixtures("stuck_page_hangs_its_worker", "guarded")
def test_a_record_whose_worker_sticks_is_an_error_record_and_the_run_goes_on() -> None:
    stream = [*TEXTS[:4], STUCK_PAGE, *TEXTS[4:9]]
    # the rule sets compiled here, before the workers fork: a worker's first page must not pay for it, or an
    # innocent page alone could outrun the allowance cut to seconds (which the real one gives a minute)
    assert all(r.ok for r in clean_many([t for t in stream if t != STUCK_PAGE], workers=1, language=False))
    started = time.monotonic()
    results = list(clean_many(stream, workers=2, chunksize=3, language=False, timeout=1.0))
    check_every_record_accounted_for(stream, results, dying=STUCK_PAGE, error=STUCK)
    # the chunk's allowance (3 + 3 * 1.2 s), then the page alone (3 + 1.2 s): the run waited for neither for ever
    assert time.monotonic() - started >= 6.6 + 4.2
    assert not multiprocessing.active_children() or all(not p.is_alive() for p in multiprocessing.active_children())


def test_a_chunk_has_no_allowance_when_pages_have_no_time_limit() -> None:
    assert batch._allowance(64, Settings(timeout=None)) is None
    assert batch._allowance(2, Settings(timeout=5.0)) == batch._CHUNK_SECONDS + 2 * (5.0 + batch._RECORD_SECONDS)


def test_a_chunk_handed_to_a_pool_that_broke_between_chunks_fails_like_a_running_one() -> None:
    # a worker can die after the last chunk it held came back: handing out the next chunk then raises at once,
    # and that chunk must be redone like the ones that were running
    pool = batch._Pool(1, ())
    try:
        pid = pool.get().submit(os.getpid).result()
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):
            pool.get().submit(os.getpid).result()  # once this fails, the pool knows it is broken
        with pytest.raises(BrokenProcessPool):
            pool.get().submit(os.getpid)
        failed = batch._submit(pool, [], batch._Work(settings_module.Settings()))
        assert isinstance(failed.exception(), BrokenProcessPool)
    finally:
        pool.kill()


# ---------------------------------------------------------------------------- rendering in the worker


def _outlet_and_paragraphs(result: Result) -> tuple[str | None, int]:
    article = result.article
    if article is None:
        raise ValueError("no article")
    return article.outlet, len(article.paragraphs)


def _refuse(result: Result) -> object:
    raise RuntimeError("cannot render")


@pytest.mark.parametrize("workers", [1, 2])
def test_render_runs_on_each_cleaned_record_and_errors_stay_errors(workers: int) -> None:
    items: list[object] = [TEXTS[0], 7, TEXTS[1]]
    results = list(clean_many(items, workers=workers, chunksize=1, language=False, render=_outlet_and_paragraphs))
    expected = [clean(t, language=False) for t in (TEXTS[0], TEXTS[1])]
    assert [r.rendered for r in results[::2]] == [(a.outlet, len(a.paragraphs)) for a in expected]
    assert all(r.ok and r.article is None for r in results[::2])
    assert not results[1].ok and results[1].rendered is None and results[1].error


def test_a_render_that_raises_gives_an_error_record() -> None:
    [result] = clean_many([TEXTS[0]], workers=1, language=False, render=_refuse)
    assert not result.ok and result.error == "render failed: RuntimeError: cannot render"


def test_a_rendered_result_has_no_article_record_to_give() -> None:
    [result] = clean_many([TEXTS[0]], workers=1, language=False, render=_outlet_and_paragraphs)
    with pytest.raises(ValueError, match="rendered"):
        result.to_dict()


def test_a_render_that_cannot_reach_the_workers_is_refused_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(TypeError, match=r"clean_many\(workers=2\): render cannot be sent to the worker processes"):
        clean_many(TEXTS, workers=2, language=False, render=lambda result: result.index)
    assert time.monotonic() - started < 5
    # in this process a lambda is fine
    assert [r.rendered for r in clean_many(TEXTS[:2], workers=1, language=False, render=lambda r: r.index)] == [0, 1]


class _Stop(Exception):
    pass


def _raising_after(n: int) -> Iterator[str]:
    for i in range(n):
        yield TEXTS[i % len(TEXTS)]
    raise _Stop("the input broke")


@pytest.mark.parametrize(("workers", "chunksize"), [(1, 1), (1, 7), (2, 7), (2, 64)])
def test_an_input_that_raises_midway_yields_every_result_before_it_then_raises(workers: int, chunksize: int) -> None:
    results = []
    with pytest.raises(_Stop, match="the input broke"):
        for result in clean_many(_raising_after(20), workers=workers, chunksize=chunksize, language=False):
            results.append(result)
    assert [r.index for r in results] == list(range(20))
    assert all(r.ok for r in results)


# ---------------------------------------------------------------------------
# records as their JSONL lines, parsed in the worker


def _line(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


json_records = st.fixed_dictionaries(
    {"id": st.one_of(st.text(max_size=5), st.integers(), st.none())},
    optional={"text": st.one_of(texts, st.sampled_from(TEXTS[:3]), st.integers(), st.none()),
              "outlet": st.sampled_from(["okezone", "suara", BROKEN]),
              "url": st.sampled_from(["https://news.okezone.com/a", "not a url", "http://["]),
              "crawl": st.one_of(st.integers(), st.lists(st.text(max_size=3), max_size=2)),
              "title": st.text(max_size=5)},
)
json_lines = st.one_of(
    json_records.map(_line),
    st.sampled_from([b"{not json", b"[1, 2, 3]", b'"a string"', b"null", b'{"id": "latin1", "text": "caf\xe9"}',
                     b"\xef\xbb\xbf{}", b"[" * 3000, b'{"n": 1' + b"0" * 5000 + b"}", b"{}"]),
    st.binary(max_size=30),
)


def as_parsed(lines: list[bytes]) -> list[tuple[dict[str, object] | None, str | None]]:
    """What the lines give when the parent parses them, as corpus runs did: a record, or the reason it is none."""
    return [batch.parse_record(line) for line in lines]


def check_lines_as_records(lines: list[bytes], got: list[Result], rendered: bool = False) -> None:
    parsed = as_parsed(lines)
    records = [value for value, _ in parsed if value is not None]
    # the records that parse, cleaned as mappings: the reference the lines are held to
    expected = iter(clean_many(records, workers=1, language=False, max_chars=1000, render=_outlet_and_paragraphs
                               if rendered else None))
    assert [r.index for r in got] == list(range(len(lines)))
    for (value, reason), result in zip(parsed, got, strict=True):
        if value is None:
            assert (result.id, result.error, result.item, result.article) == (None, reason, None, None)
            continue
        want = next(expected)
        assert (result.id, result.error, result.article, result.rendered, result.from_html) == (
            want.id, want.error, want.article, want.rendered, want.from_html)
        # the record comes back from the worker with an error, or without render: its fields pass through
        assert result.item == (None if rendered and result.ok else value)
        if result.error is not None or not rendered:
            assert result.fields() == want.fields()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(json_lines, max_size=20), chunksize=st.integers(1, 8), rendered=st.booleans())
def test_a_json_line_gives_what_its_record_gives(broken_ruleset: str, lines: list[bytes], chunksize: int,
                                                 rendered: bool) -> None:
    got = list(clean_many([batch.JsonLine(line) for line in lines], workers=1, chunksize=chunksize, max_chars=1000,
                          language=False, render=_outlet_and_paragraphs if rendered else None))
    check_lines_as_records(lines, got, rendered)


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(json_lines, max_size=20), chunksize=st.integers(1, 8), rendered=st.booleans())
def test_a_json_line_gives_what_its_record_gives_in_worker_processes(broken_ruleset: str, lines: list[bytes],
                                                                     chunksize: int, rendered: bool) -> None:
    got = list(clean_many([batch.JsonLine(line) for line in lines], workers=2, chunksize=chunksize, max_chars=1000,
                          language=False, render=_outlet_and_paragraphs if rendered else None))
    check_lines_as_records(lines, got, rendered)


def test_a_json_line_is_parsed_in_the_worker_not_in_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    # the parent hands the lines on as they are; only the workers, forked before this, parse them
    lines = [batch.JsonLine(_line({"id": f"p{i}", "text": text})) for i, text in enumerate(TEXTS[:6])]
    results = clean_many(lines, workers=2, chunksize=2, language=False, render=_outlet_and_paragraphs)
    first = next(results)

    def refuse(line: bytes | str) -> Any:
        raise AssertionError("a line parsed in the parent")

    monkeypatch.setattr(batch, "parse_record", refuse)
    rest = list(results)
    assert [r.id for r in [first, *rest]] == [f"p{i}" for i in range(6)] and all(r.ok for r in rest)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the stand-in for a page that crashes its worker reaches the workers by fork")
@pytest.mark.usefixtures("poison_kills_its_worker")
def test_a_json_line_that_kills_its_worker_keeps_its_id_and_fields() -> None:
    records = [{"id": "a", "text": TEXTS[0]}, {"id": "poison", "text": POISON, "crawl": 3},
               {"id": "b", "text": TEXTS[1]}]
    results = list(clean_many([batch.JsonLine(_line(r)) for r in records], workers=2, chunksize=3, language=False))
    assert [(r.id, r.error) for r in results] == [("a", None), ("poison", DIED), ("b", None)]
    assert results[1].to_dict() == {"index": 1, "id": "poison", "crawl": 3, "error": DIED}


def test_page_text_reads_a_json_line() -> None:
    assert batch.page_text(batch.JsonLine(_line({"text": "Halo"}))) == ("Halo", False)
    with pytest.raises(ValueError, match="not JSON"):
        batch.page_text(batch.JsonLine(b"{"))


def test_what_crosses_between_the_processes_comes_back_equal() -> None:
    [cleaned] = clean_many([{"id": "a", "text": TEXTS[0], "crawl": [1]}], workers=1, language=False)
    results = [cleaned, Result(3, None, error="no text", item={"x": 1}, from_html=True),
               Result(4, "b", rendered=("outlet", 2))]
    for result in results:
        assert pickle.loads(pickle.dumps(result)) == result
    record = batch._Record(1, "id", "text", "url", "outlet", None, {"k": "v"}, b"<p>", b"{}")
    assert pickle.loads(pickle.dumps(record)) == record


def chunk_of(results: list[tuple[Any, Result]]) -> list[tuple[Any, int, str | None]]:
    """A ``finish`` for clean_chunks: each record's tag, index and error."""
    return [(tag, result.index, result.error) for tag, result in results]


@pytest.mark.parametrize(("workers", "chunksize"), [(1, 1), (1, 4), (2, 3)])
def test_clean_chunks_gives_finish_of_each_chunk_in_order_with_each_record_s_tag(workers: int, chunksize: int) -> None:
    stream: list[object] = [*TEXTS[:7], 12, {"id": "x"}, b"\xff", *TEXTS[7:9]]
    tagged = [(item, f"tag-{i}") for i, item in enumerate(stream)]
    chunks = list(batch.clean_chunks(tagged, chunk_of, workers=workers, chunksize=chunksize, language=False))
    assert [len(c) for c in chunks] == [len(stream[i:i + chunksize]) for i in range(0, len(stream), chunksize)]
    expected = [(f"tag-{r.index}", r.index, r.error) for r in clean_many(stream, workers=1, language=False)]
    assert [record for chunk in chunks for record in chunk] == expected


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("as_line", [False, True])
def test_a_chunk_ends_early_once_its_records_hold_chunk_bytes(monkeypatch: pytest.MonkeyPatch, workers: int,
                                                              as_line: bool) -> None:
    monkeypatch.setattr(batch, "CHUNK_BYTES", 700)
    texts = [f"Paragraf {i}. " + "Warga berkumpul di alun-alun kota. " * (4 + i % 5) for i in range(12)]
    items: list[object] = [batch.JsonLine(json.dumps({"id": str(i), "text": t}).encode()) if as_line else t
                           for i, t in enumerate(texts)]
    sizes = [len(item.line) if isinstance(item, batch.JsonLine) else len(item) for item in items]  # type: ignore[arg-type]
    chunks = list(batch.clean_chunks([(item, i) for i, item in enumerate(items)], chunk_of, workers=workers,
                                     chunksize=5, language=False))
    # each chunk takes records until five, or until they hold 700 bytes with the last one taken
    expected, held, count = [], 0, 0
    for size in sizes:
        held, count = held + size, count + 1
        if count == 5 or held >= 700:
            expected.append(count)
            held, count = 0, 0
    expected += [count] if count else []
    assert [len(c) for c in chunks] == expected
    assert any(n < 5 for n in expected[:-1])  # the bound was reached before the count
    assert [record[1] for chunk in chunks for record in chunk] == list(range(12))
    assert all(record[2] is None for chunk in chunks for record in chunk)


@pytest.mark.parametrize("after", [0, 1, 3, 4, 5])
def test_stop_with_one_worker_ends_the_run_after_the_record_in_hand(after: int) -> None:
    read: list[int] = []

    def tagged() -> Iterator[tuple[object, int]]:
        for i, text in enumerate(TEXTS[:9]):
            read.append(i)
            yield text, i

    cleaned = 0

    def counted(result: Result) -> None:  # the render: run as each record is cleaned
        nonlocal cleaned
        cleaned += 1

    # asked before each record: once `after` records are cleaned, the chunk in hand (of 4) is finished there
    chunks = list(batch.clean_chunks(tagged(), chunk_of, workers=1, chunksize=4, render=counted, language=False,
                                     stop=lambda: cleaned >= after))
    assert [record[1] for chunk in chunks for record in chunk] == list(range(after))
    assert all(record[2] is None for chunk in chunks for record in chunk)
    # nothing is read past the chunk the run stopped in
    assert len(read) == min((after // 4 + 1) * 4, 9)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the stand-in for a page that crashes its worker reaches the workers by fork")
@pytest.mark.usefixtures("poison_kills_its_worker")
def test_a_record_that_kills_its_worker_is_finished_alone_with_its_error() -> None:
    stream = [*TEXTS[:4], POISON, *TEXTS[4:9]]
    lines = [batch.JsonLine(json.dumps({"id": f"r{i}", "text": text})) for i, text in enumerate(stream)]
    chunks = list(batch.clean_chunks(((line, i) for i, line in enumerate(lines)), chunk_of, workers=2, chunksize=3,
                                     language=False))
    records = [record for chunk in chunks for record in chunk]
    assert records == [(i, i, DIED if text == POISON else None) for i, text in enumerate(stream)]
    # the chunks the dead worker held come back a record at a time
    assert [1] * 3 in [[len(c) for c in chunks[k:k + 3]] for k in range(len(chunks))]
