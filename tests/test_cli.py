"""The ``newsclean`` command line: output formats, explain, rulesets, errors and exit codes.

Expected article values come from the seed gold files.  Commands run in-process
through ``cli.main`` except where a separate process is the point (``python -m``,
a closed pipe) or where ``--ruleset`` would change the registry of this process.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
from conftest import SEEDS, Page, fold, fold_all, seed_pages
from newsclean import cli, registry

PAGES = seed_pages()
ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
METADATA = ("subtitle", "outlet", "published", "authors", "editors", "sources", "dateline")


def path(page: Page) -> str:
    return str(SEEDS / f"{page.name}.txt")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def gold_outlet(page: Page) -> str:
    # the gold may name a site by an alias ("suarajogja"); the CLI prints the rule set's name
    return newsclean.get(page.gold["outlet"]).name


def page_with(field: str) -> Page:
    return next(p for p in PAGES if p.gold[field])


def run_process(*argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsclean", *argv], input=stdin, capture_output=True,
                          timeout=120, check=False)


def test_the_seed_pages_are_there() -> None:
    # guards every test below that iterates over the seeds
    assert len(PAGES) == 5


# ---------------------------------------------------------------------------
# clean --format json


def test_json_gives_one_record_per_file_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "clean", "--format", "json", "--no-language", "--with", "paragraphs",
                         *map(path, PAGES))
    assert (code, err) == (0, "")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in records] == [path(p) for p in PAGES]
    for page, record in zip(PAGES, records, strict=True):
        assert record["outlet"] == gold_outlet(page)
        for field in ("title", "subtitle", "published", "authors", "editors", "sources", "dateline"):
            assert record[field] == page.gold[field], (page.name, field)
        assert fold_all(record["paragraphs"]) == fold_all(page.gold["body"])
        assert fold(record["body"]) == fold(" ".join(page.gold["body"]))
        assert record["language"] is None
        assert "lines" not in record


def test_json_of_a_record_holding_a_lone_surrogate_writes_its_escape(tmp_path: Path) -> None:
    # "\\ud800" is valid JSON for a string no UTF-8 can hold: written back as its escape, as a corpus run writes it
    source = tmp_path / "odd.jsonl"
    source.write_text('{"text": "Jakarta - Ini berita \\ud800 yang panjang tentang sesuatu."}\n', encoding="utf-8")
    done = run_process("clean", "--format", "json", "--no-language", f"{source}:1")
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"\\ud800" in done.stdout
    assert json.loads(done.stdout)["body"] == "Ini berita \ud800 yang panjang tentang sesuatu."


def test_json_lines_option_gives_every_line_with_its_gold_label(capsys: pytest.CaptureFixture[str]) -> None:
    page = page_with("dateline")
    code, out, _ = run(capsys, "clean", "--format", "json", "--lines", "--no-language", path(page))
    assert code == 0
    lines = json.loads(out)["lines"]
    assert [line["no"] for line in lines] == list(range(len(page.gold["labels"])))
    assert [line["label"] for line in lines] == page.gold["labels"]
    assert all(line["rule"] for line in lines)
    lead = next(line for line in lines if line["label"] == "body")
    assert lead["prefix"].startswith(page.gold["dateline"])


def test_language_is_identified_unless_switched_off(capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGES[0]
    _, out, _ = run(capsys, "clean", "--format", "json", path(page))
    # every seed is an Indonesian article
    assert json.loads(out)["language"] == "id"
    _, out, _ = run(capsys, "clean", "--format", "json", "--no-language", path(page))
    assert json.loads(out)["language"] is None


def test_the_language_identifier_can_be_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pycld2")
    code, out, _ = run(capsys, "clean", "--format", "jsonl", "--language-id", "cld2", *map(path, PAGES))
    assert code == 0
    assert [json.loads(line)["language"] for line in out.splitlines()] == ["id"] * len(PAGES)


def test_standard_input_is_read_for_a_dash(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_with("title")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page.text.encode("utf-8"))))
    code, out, _ = run(capsys, "clean", "--format", "json", "--no-language", "--with", "paragraphs", "-")
    record = json.loads(out)
    assert code == 0
    assert record["file"] == "-"
    assert record["title"] == page.gold["title"]
    assert fold_all(record["paragraphs"]) == fold_all(page.gold["body"])


def test_a_byte_order_mark_is_not_part_of_the_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = page_with("title")
    bommed = tmp_path / "bom.txt"
    bommed.write_bytes(b"\xef\xbb\xbf" + page.text.encode("utf-8"))
    code, out, _ = run(capsys, "clean", "--format", "json", "--no-language", "--no-normalize", str(bommed))
    assert code == 0
    assert json.loads(out)["title"] == page.gold["title"]


def test_outlet_option_forces_the_rule_set(capsys: pytest.CaptureFixture[str]) -> None:
    page = next(p for p in PAGES if gold_outlet(p) != "okezone")
    _, out, _ = run(capsys, "clean", "--format", "json", "--no-language", "--outlet", "okezone", path(page))
    assert json.loads(out)["outlet"] == "okezone"


def test_url_host_picks_the_rule_set(capsys: pytest.CaptureFixture[str]) -> None:
    page = next(p for p in PAGES if gold_outlet(p) != "okezone")
    _, out, _ = run(capsys, "clean", "--format", "json", "--no-language", "--url", "https://news.okezone.com/read/1",
                    path(page))
    assert json.loads(out)["outlet"] == "okezone"


# ---------------------------------------------------------------------------
# clean --format text


def expected_text(page: Page) -> list[str]:
    """The blocks (separated by a blank line) that ``clean`` should print for a page, from its gold file."""
    gold = dict(page.gold, outlet=gold_outlet(page))
    head = [gold["title"]] if gold["title"] else []
    for field in METADATA:
        value = gold[field]
        if value:
            head.append(f"{field}: {', '.join(value) if isinstance(value, list) else value}")
    return ["\n".join(head), *page.gold["body"]]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_text_is_title_then_metadata_then_body(capsys: pytest.CaptureFixture[str], page: Page) -> None:
    code, out, _ = run(capsys, "clean", "--no-language", path(page))
    assert code == 0
    assert out.endswith("\n") and not out.startswith("==>")
    assert fold_all(out.split("\n\n")) == fold_all(expected_text(page))


def test_text_of_several_files_has_a_header_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "clean", "--no-language", *map(path, PAGES))
    assert code == 0
    headers = [line for line in out.splitlines() if line.startswith("==> ")]
    assert headers == [f"==> {path(p)} <==" for p in PAGES]
    sections = re.split(r"\n*==> .* <==\n", out)[1:]
    for page, section in zip(PAGES, sections, strict=True):
        assert fold_all(section.strip("\n").split("\n\n")) == fold_all(expected_text(page))


# ---------------------------------------------------------------------------
# explain


def test_explain_gives_each_line_its_number_label_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    page = page_with("dateline")
    code, out, _ = run(capsys, "explain", path(page))
    assert code == 0
    header, *rows = out.split("\n")[:-1]
    assert header.startswith(f"# {path(page)}: outlet {gold_outlet(page)};")
    fields = [row.split("\t") for row in rows]
    assert all(len(f) == 4 for f in fields)
    assert [int(f[0]) for f in fields] == list(range(1, len(page.gold["labels"]) + 1))
    assert [f[1] for f in fields] == page.gold["labels"]
    assert all(f[2] for f in fields)
    raw = page.text.split("\n")
    body = [(i, f[3]) for i, f in enumerate(fields) if f[1] == "body"]
    # the lead shows its dateline prefix in brackets, and the rest of it as printed
    _, lead = body[0]
    assert lead.startswith(f"[{page.gold['dateline']}")
    assert fold(lead.split("]", 1)[1]) == fold(page.gold["body"][0])
    assert [fold(text) for _, text in body[1:]] == [fold(raw[i]) for i, _ in body[1:]]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def explain_on_terminal(monkeypatch: pytest.MonkeyPatch, page: Page, columns: int, no_color: bool) -> list[str]:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", str(columns))
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.main(["explain", path(page)]) == 0
    header, *rows = terminal.getvalue().split("\n")[:-1]
    assert header.startswith("# ") and len(header) <= columns
    return rows


def test_explain_on_a_terminal_pads_colours_and_cuts_to_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_with("title")
    rows = explain_on_terminal(monkeypatch, page, columns=70, no_color=False)
    plain = [ANSI.sub("", row) for row in rows]
    assert len(plain) == len(page.gold["labels"])
    assert all("\x1b[" in row for row in rows)
    assert max(len(row) for row in plain) == 70
    assert any(row.endswith("…") for row in plain)
    # fixed columns: the number right-aligned, then the label padded to the longest label's width
    digits = len(str(len(rows)))
    assert [row[:digits].strip() for row in plain] == [str(n) for n in range(1, len(rows) + 1)]
    assert [row[digits + 2 : digits + 10] for row in plain] == [f"{label:<8}" for label in page.gold["labels"]]


def test_explain_honours_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = explain_on_terminal(monkeypatch, page_with("title"), columns=200, no_color=True)
    assert rows and not any("\x1b[" in row for row in rows)
    assert "\t" not in "".join(rows)


# ---------------------------------------------------------------------------
# rulesets


def test_rulesets_lists_names_aliases_and_hosts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rulesets")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")]
    assert names == list(newsclean.rulesets())
    assert {gold_outlet(p) for p in PAGES} <= set(names)
    okezone = newsclean.get("okezone")
    assert f"hosts:   {', '.join(okezone.hosts)}" in out
    assert f"    {okezone.description}" in out


def test_rulesets_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rulesets", "--format", "json")
    records = {r["name"]: r for r in map(json.loads, out.splitlines())}
    assert code == 0
    assert tuple(records) == newsclean.rulesets()
    suara = newsclean.get("suara")
    assert records["suara"]["aliases"] == list(suara.aliases)
    assert records["suara"]["hosts"] == list(suara.hosts)
    assert records["generic"]["generic"] is True


# ---------------------------------------------------------------------------
# errors and exit codes


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsclean: ")
    return lines[0]


def test_missing_file_is_reported_and_the_others_still_cleaned(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    page = page_with("title")
    code, out, err = run(capsys, "clean", "--format", "json", "--no-language", str(missing), path(page))
    assert code == cli.EXIT_INPUT == 1
    assert str(missing) in one_error_line(err)
    assert [json.loads(line)["title"] for line in out.splitlines()] == [page.gold["title"]]


def test_an_empty_directory_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "explain", str(tmp_path))
    assert code == 1
    assert out == ""
    assert "no .txt, .jsonl, .ndjson, .html or .parquet files in this folder" in one_error_line(err)


def test_undecodable_file_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Berita: café\n".encode("latin-1"))
    code, out, err = run(capsys, "clean", str(latin1))
    assert (code, out) == (1, "")
    # the message of the one page reader that corpus runs use too
    assert one_error_line(err) == f"newsclean: {latin1}: not UTF-8: invalid continuation byte at byte 11"


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_unknown_outlet_is_a_usage_error(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, err = run(capsys, command, "--outlet", "no-such-outlet", path(PAGES[0]))
    assert (code, out) == (2, "")
    assert "unknown outlet 'no-such-outlet'" in one_error_line(err)


def test_an_alias_is_a_known_outlet(capsys: pytest.CaptureFixture[str]) -> None:
    page = next(p for p in PAGES if p.gold["outlet"] != gold_outlet(p))  # the gold names it by an alias
    code, out, _ = run(capsys, "clean", "--format", "json", "--no-language", "--outlet", page.gold["outlet"],
                       path(page))
    assert (code, json.loads(out)["outlet"]) == (0, gold_outlet(page))


def test_bad_arguments_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["clean", "--format", "xml", path(PAGES[0])])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# separate processes


def test_python_dash_m_runs_the_command() -> None:
    done = run_process("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"newsclean {newsclean.__version__}"


def test_closed_output_pipe_ends_quietly() -> None:
    # far more output than a pipe buffer holds, so the command is still writing when the reader leaves
    files = [path(p) for p in PAGES] * 40
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", "clean", "--no-language", *files],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == cli.EXIT_BROKEN_PIPE
    assert err == b""


TOML = """
name = "contoh"
description = "A test outlet."
hosts = ["contoh.example"]
extends = ["base"]

[[rules]]
name = "kicker"
label = "nav"
pattern = 'KABAR CONTOH HARI INI'
examples = ["KABAR CONTOH HARI INI"]
"""


def test_ruleset_option_loads_a_toml_rule_set(tmp_path: Path) -> None:
    toml = tmp_path / "contoh.toml"
    toml.write_text(TOML, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("KABAR CONTOH HARI INI\n" + PAGES[0].text, encoding="utf-8")
    listed = run_process("rulesets", "--ruleset", str(toml))
    assert listed.returncode == 0
    assert "contoh\n    A test outlet.\n" in listed.stdout.decode()
    explained = run_process("explain", "--ruleset", str(toml), "--url", "https://contoh.example/a", str(page))
    rows = explained.stdout.decode().split("\n")
    assert explained.returncode == 0
    assert rows[0].startswith(f"# {page}: outlet contoh;")
    assert rows[1] == "1\tnav\tcontoh.kicker\tKABAR CONTOH HARI INI"


def test_broken_ruleset_file_exits_3(tmp_path: Path) -> None:
    toml = tmp_path / "broken.toml"
    toml.write_text(TOML.replace('examples = ["KABAR CONTOH HARI INI"]', 'examples = ["KABAR LAIN"]'),
                    encoding="utf-8")
    done = run_process("rulesets", "--ruleset", str(toml))
    err = done.stderr.decode()
    assert done.returncode == cli.EXIT_RULESET == 3
    assert "example 'KABAR LAIN' is not matched" in one_error_line(err)



# ---------------------------------------------------------------------------
# the worked example of docs/writing-a-ruleset.md runs as written

GUIDE = ROOT / "docs" / "writing-a-ruleset.md"
GUIDE_ROW = re.compile(r"\s*(\d+)  (\w+)\s+(\S+)(?:\s+(.*))?")


def guide_files() -> dict[str, str]:
    """The files the guide gives, each under a ``<!-- file: NAME -->`` marker."""
    return dict(re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S))


def guide_output(command: str) -> list[str]:
    """The lines the guide shows under ``$ command``."""
    found = re.search(r"```console\n\$ " + re.escape(command) + r"\n(.*?)```", GUIDE.read_text(encoding="utf-8"),
                      re.S)
    assert found is not None, f"the guide shows no output of {command!r}"
    return found.group(1).splitlines()


def run_in(folder: Path, command: str) -> str:
    argv = command.split()
    assert argv[0] == "newsclean"
    done = subprocess.run([sys.executable, "-m", "newsclean", *argv[1:]], cwd=folder, capture_output=True,
                          timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, b"")
    return done.stdout.decode("utf-8")


@pytest.fixture
def guide_folder(tmp_path: Path) -> Path:
    files = guide_files()
    assert set(files) == {"page.txt", "kabarcontoh.toml"}
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["newsclean explain page.txt",
                                     "newsclean explain --ruleset kabarcontoh.toml page.txt"])
def test_guide_shows_what_explain_prints(guide_folder: Path, command: str) -> None:
    shown_header, *shown_rows = guide_output(command)
    header, *rows = run_in(guide_folder, command).splitlines()
    assert header.startswith(shown_header.removesuffix("...").rstrip(", "))
    checked = 0
    for shown in shown_rows:
        row = GUIDE_ROW.fullmatch(shown)
        if row is None:
            assert shown.strip() == "...", shown
            continue
        no, label, rule, text = row.groups()
        actual = rows[int(no) - 1].split("\t")
        assert actual[:3] == [no, label, rule]
        assert actual[3].startswith((text or "").removesuffix("…"))
        checked += 1
    assert checked >= 3


def test_guide_shows_what_clean_prints(guide_folder: Path) -> None:
    command = "newsclean clean --ruleset kabarcontoh.toml --no-language page.txt"
    assert run_in(guide_folder, command) == "\n".join(guide_output(command)) + "\n"


@pytest.mark.parametrize(("change", "code", "message"), [
    (('name = "contoh"', 'name = "contoh"\naliases = ["base"]'), cli.EXIT_RULESET,
     "alias 'base' of rule set 'contoh' is the name of the rule set 'base'"),
    (('name = "contoh"', 'name = "contoh"\naliases = ["OKEZONE"]'), cli.EXIT_RULESET,
     "alias 'OKEZONE' of rule set 'contoh' is the name of the rule set 'okezone'"),
    (('name = "contoh"', 'name = "contoh"\naliases = ["prdepok"]'), cli.EXIT_OK,
     "warning: {toml}: alias 'prdepok' now names rule set 'contoh', no longer 'pikiran-rakyat'"),
    (('name = "contoh"', 'name = "okezone"'), cli.EXIT_OK,
     "warning: {toml}: rule set 'okezone' replaces the one installed under that name"),
])
def test_a_ruleset_that_takes_a_name_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch, change: tuple[str, str], code: int,
                                             message: str) -> None:
    newsclean.rulesets()  # the registry, put back as it was afterwards
    for table in ("_rulesets", "_aliases", "_compiled", "_signatures"):
        monkeypatch.setattr(registry, table, dict(getattr(registry, table)))
    monkeypatch.setattr(registry, "_added", list(registry._added))
    toml = tmp_path / "contoh.toml"
    toml.write_text(TOML.replace(*change), encoding="utf-8")
    assert cli.main(["rulesets", "--ruleset", str(toml)]) == code
    err = capsys.readouterr().err
    assert message.format(toml=toml) in err and len(err.splitlines()) == 1
