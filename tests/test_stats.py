"""``newsclean stats``: the counts over a run's records or its summary, and the report drawn from them."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from conftest import seed_pages
from newsclean import cli, corpus
from newsclean.record import DEFAULT, Layout, article_fields
from newsclean.stats import Stats, bar, figure, from_summary, load, render, summarize
from test_steps import need

PAGES = seed_pages()
ERRORS = ["too large: 20000001 characters, limit 10000000", "not UTF-8: invalid start byte at byte 3",
          "too large: 30000000 characters, limit 10000000"]


@pytest.fixture(scope="module")
def articles() -> list[newsclean.Article]:
    return [newsclean.clean(page.text) for page in PAGES]


def records(articles: list[newsclean.Article], layout: Layout = DEFAULT) -> list[dict[str, Any]]:
    """Output records as a run writes them: the cleaned pages, an empty page, then error records."""
    empty = newsclean.clean("\n\n")
    out = [{"index": i, "id": None, "source": f"page{i}.txt", **article_fields(article, layout)}
           for i, article in enumerate([*articles, empty])]
    n = len(out)
    return out + [{"index": n + i, "id": str(i), "source": f"c.jsonl:{i + 1}", "error": error}
                  for i, error in enumerate(ERRORS)]


def test_summarize_counts_records_errors_outlets_languages_characters_and_dropped_lines(
        articles: list[newsclean.Article]) -> None:
    stats = summarize(records(articles))
    assert (stats.records, stats.cleaned, stats.errors) == (len(PAGES) + 1 + 3, len(PAGES) + 1, 3)
    assert stats.reasons == {"too large": 2, "not UTF-8": 1}
    assert stats.empty == 1
    assert stats.counted == len(PAGES) + 1
    assert stats.kept == sum(len(p) for a in articles for p in a.paragraphs)
    written = sum(len(line.text) for a in articles for line in a.lines if line.label is not newsclean.Label.BLANK)
    assert stats.kept + stats.dropped == written
    outlets = [a.outlet or "(none)" for a in articles] + ["(none)"]
    assert {name: o.records for name, o in stats.outlets.items()} == {o: outlets.count(o) for o in set(outlets)}
    assert stats.languages == {"id": len(PAGES), "(none)": 1}
    assert stats.probability["id"] == pytest.approx(sum(a.language_probability or 0 for a in articles) / len(PAGES))
    dropped_lines = [line.label.value for a in articles for line in a.lines
                     if line.label not in (newsclean.Label.BODY, newsclean.Label.BLANK)]
    assert stats.labels == {label: dropped_lines.count(label) for label in set(dropped_lines)}


def test_records_of_other_layouts_and_of_older_runs_are_read(articles: list[newsclean.Article]) -> None:
    as_text = summarize(records(articles, Layout.with_extra(["paragraphs", "lines"], body_field="text")))
    assert as_text == summarize(records(articles))
    old = [{k: v for k, v in r.items() if k not in ("kept_chars", "dropped_chars", "language_probability")}
           for r in records(articles)]
    stats = summarize(old)
    assert stats.counted == 0 and stats.kept == 0 and stats.empty == 1 and stats.probability == {}
    report = render(stats)
    assert "characters kept" not in report and "mean probability" not in report and "empty bodies: 1 " in report


@given(st.lists(st.one_of(
    st.none(),
    st.fixed_dictionaries({"error": st.text(max_size=20)}),
    st.fixed_dictionaries({}, optional={
        "outlet": st.one_of(st.none(), st.sampled_from(["suara", "okezone"])),
        "language": st.one_of(st.none(), st.sampled_from(["id", "en"])),
        "language_probability": st.floats(0, 1),
        "kept_chars": st.integers(0, 10**6), "dropped_chars": st.integers(0, 10**6),
        "body": st.text(max_size=5), "dropped": st.dictionaries(st.sampled_from(["nav", "ad"]), st.integers(0, 9)),
    }),
), max_size=30))
def test_every_record_is_counted_once_whatever_it_holds(found: list[dict[str, Any] | None]) -> None:
    stats = summarize(found)
    assert stats.unreadable == found.count(None)
    assert stats.records == len(found) - stats.unreadable == stats.cleaned + stats.errors
    assert sum(o.records for o in stats.outlets.values()) == stats.cleaned
    assert stats.languages is not None and stats.languages.total() == stats.cleaned
    assert stats.kept == sum(o.kept for o in stats.outlets.values())
    assert all(0 <= p <= 1 for p in stats.probability.values())
    render(stats)


def test_bars_are_drawn_in_eighths_of_a_character() -> None:
    assert bar(10, 10, width=4) == "████"
    assert bar(5, 10, width=4) == "██"
    assert bar(1, 10, width=4) == "▍"  # 3.2 eighths: 3, the three-eighths block
    assert bar(1, 1000, width=4) == "▏"  # too small to see, but not nothing
    assert bar(0, 10) == "" and bar(3, 0) == ""


def test_the_report_shows_each_part_with_bars(articles: list[newsclean.Article]) -> None:
    report = render(summarize(records(articles)), name="out.jsonl")
    lines = report.splitlines()
    assert lines[0] == "newsclean stats: out.jsonl"
    assert lines[1] == f"  {len(PAGES) + 4} records: {len(PAGES) + 1} cleaned (66.7%), 3 errors (33.3%)"
    assert "  empty bodies: 1 (16.7% of the cleaned)" in lines
    errors = lines.index("errors by kind")
    assert lines[errors + 1].split()[:3] == ["too", "large", "2"] and lines[errors + 1].endswith("█" * 28)
    assert lines[errors + 2].split()[:3] == ["not", "UTF-8", "1"]
    assert any(line.startswith("outlets") and "kept share of characters" in line for line in lines)
    assert "languages" in lines and "dropped lines by label" in lines


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_command_reads_a_runs_output_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    seeds = str(Path(__file__).parent.parent / "seeds")
    assert run(capsys, "clean", seeds, "-o", str(out), "--summary", str(summary), "--workers", "1")[0] == 0
    code, report, err = run(capsys, "stats", str(out), str(summary))
    assert (code, err) == (0, "")
    assert report.startswith(f"newsclean stats: {out}\n  {len(PAGES)} records: {len(PAGES)} cleaned (100.0%)")
    assert "dropped lines by rule" in report and "input: " in report  # the summary's own counts
    from_records = load(str(out))
    assert from_records.rules is None and from_records.languages == {"id": len(PAGES)}

    code, alone, _ = run(capsys, "stats", str(summary))  # the summary file alone: what it counts
    # the summary counts languages and characters too, not per outlet
    assert code == 0 and "languages" in alone and "characters kept" in alone and "dropped lines by rule" in alone
    told = from_summary(json.loads(summary.read_text()))
    assert (told.records, told.labels) == (from_records.records, from_records.labels)


def test_stats_reads_gzipped_records_and_counts_lines_that_are_no_record(
        tmp_path: Path, articles: list[newsclean.Article]) -> None:
    path = tmp_path / "out.jsonl.gz"
    lines = [json.dumps(r) for r in records(articles)] + ["not json", "[1, 2]", ""]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    stats = load(str(path))
    assert stats.records == len(PAGES) + 4 and stats.unreadable == 2


def test_stats_command_says_what_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "stats", str(tmp_path / "missing.jsonl"))
    assert (code, out) == (1, "") and "missing.jsonl: cannot read" in err
    records_file = tmp_path / "out.jsonl"
    records_file.write_text('{"index": 0, "outlet": null, "body": "x"}\n')
    code, out, err = run(capsys, "stats", str(records_file), str(records_file))
    assert (code, out) == (1, "") and "not a summary file" in err


def test_an_empty_output_is_an_empty_report(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("")
    assert load(str(path)) == Stats()
    assert render(Stats()).splitlines()[1] == "  0 records: 0 cleaned (-), 0 errors (-)"


def test_the_plot_draws_each_outlets_kept_share_and_the_dropped_lines(articles: list[newsclean.Article]) -> None:
    need("matplotlib")
    stats = summarize(records(articles))
    left, right = figure(stats).axes
    assert left.get_title().startswith("share of characters kept")
    widths = [bar.get_width() for bar in left.patches]
    shares = {name: o.kept / (o.kept + o.dropped) if o.kept + o.dropped else 0.0 for name, o in stats.outlets.items()}
    names = [tick.get_text().rsplit(" (", 1)[0] for tick in left.get_yticklabels()]
    assert widths == pytest.approx([shares[name] for name in names])
    assert sorted(bar.get_width() for bar in right.patches) == sorted(stats.labels.values())
    old = summarize({k: v for k, v in r.items() if k != "kept_chars"} for r in records(articles))
    assert figure(old).axes[0].get_title() == "records per outlet"


def test_stats_command_plots_to_a_file_or_says_what_is_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        articles: list[newsclean.Article]) -> None:
    need("matplotlib")
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in records(articles)))
    code, report, _ = run(capsys, "stats", str(out), "--plot", str(tmp_path / "plot.png"))
    assert code == 0 and report.startswith("newsclean stats")
    assert (tmp_path / "plot.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # `from matplotlib.figure import ...` fails now
    code, _, err = run(capsys, "stats", str(out), "--plot", str(tmp_path / "again.png"))
    assert code == 2 and "pip install 'newsclean[plot]'" in err and not (tmp_path / "again.png").exists()


@pytest.mark.parametrize(("name", "compress"), [("out.jsonl.gz", gzip.compress), ("out.jsonl.bz2", bz2.compress),
                                                ("out.jsonl.xz", lzma.compress), ("out.jsonl", gzip.compress),
                                                ("out.jsonl.zst", None)])
def test_stats_reads_records_and_summaries_in_every_compression_a_corpus_run_reads(
        tmp_path: Path, articles: list[newsclean.Article], name: str, compress: Any) -> None:
    # told by the name, or by the first bytes (a gzipped file named out.jsonl)
    if compress is None:
        compress = need("zstandard").ZstdCompressor().compress
    plain = [json.dumps(r) for r in records(articles)]
    path = tmp_path / name
    path.write_bytes(compress(("\n".join([*plain, "not json", ""]) + "\n").encode()))
    expected = summarize(json.loads(line) for line in plain)
    assert load(str(path)) == replace_unreadable(expected, 1)
    summary = {"records": 3, "cleaned": 2, "errors": 1, "bytes": 99, "dropped_by_label": {"nav": 4},
               "dropped_by_rule": {"base.menu": 4}}
    held = tmp_path / ("summary.json" + name.removeprefix("out.jsonl"))
    held.write_bytes(compress(json.dumps(summary, indent=1).encode()))
    assert load(str(held)) == from_summary(summary)
    assert load(str(path), str(held)).rules == {"base.menu": 4}


def replace_unreadable(stats: Stats, unreadable: int) -> Stats:
    stats.unreadable = unreadable
    return stats


def test_a_damaged_compressed_output_is_said_unreadable_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], articles: list[newsclean.Article]) -> None:
    path = tmp_path / "out.jsonl.gz"
    whole = gzip.compress("".join(json.dumps(r) + "\n" for r in records(articles)).encode())
    path.write_bytes(whole[: len(whole) // 2])  # cut short
    with pytest.raises(corpus.InputError, match=r"out\.jsonl\.gz: cannot read after line"):
        load(str(path))
    code, out, err = run(capsys, "stats", str(path))
    assert (code, out) == (1, "") and "out.jsonl.gz: cannot read after line" in err
