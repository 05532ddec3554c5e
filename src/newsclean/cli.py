"""The ``newsclean`` command: clean pages, explain how each line was labelled, list the rule sets.

Usage::

    newsclean clean FILE|DIR... | - [--format text|json|jsonl] [--lines] [--outlet NAME] [--url URL]
                                    [--no-language] [--language-id langdetect|cld2] [--timeout SECONDS] [--no-normalize]
                                    [--ruleset TOML]
                                    [-o FILE [--resume]] [--errors FILE] [--summary FILE] [--workers N]
                                    [--chunksize N] [--max-chars N] [--stdin-format page|jsonl]
                                    [--text-field NAME] [--id-field NAME] [--url-field NAME] [--outlet-field NAME]
    newsclean explain FILE | -      [--outlet NAME] [--url URL] [--no-normalize] [--ruleset TOML]
    newsclean rulesets              [--format text|json] [--ruleset TOML]
    newsclean learn PAGE|DIR...     --name SITE [--host HOST] [--min-share SHARE] [-o FILE]

Input files must be UTF-8 text (a leading byte-order mark is allowed).  Folders and JSONL files (a corpus)
give JSONL records, one per page or JSONL line, read and written by :mod:`newsclean.corpus`.

Exit codes:

* 0 -- every input was cleaned (in JSONL output, records that could not be cleaned are error records).
* 1 -- an input could not be read, is not UTF-8, or ran past the time limit (reported on stderr; the other inputs
  were still cleaned).
  With JSONL output, inputs missing at the start stop the run before anything is written.
* 2 -- usage error: a bad option, an unknown outlet name, or fewer than two pages to learn from.
* 3 -- a rule set could not be loaded (a ``--ruleset`` file or an installed one is broken).
* 4 -- the output could not be written, or ``--resume`` found a partial output it cannot go on with.
* 130 -- interrupted (Ctrl-C); 143 -- a corpus run stopped by SIGTERM (after its last checkpoint, as for Ctrl-C);
  141 -- standard output was closed early (as when piped into ``head``).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import re
import shutil
import sys
import textwrap
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import __version__, corpus
from .batch import CHUNK_BYTES, CHUNKSIZE, MAX_CHARS, page_text
from .core import TIMEOUT
from .language import IDENTIFIERS, identifier
from .learn import draft_ruleset, merge, observe
from .model import Article, Label, Line
from .normalize import Normalization
from .record import DEFAULT_FIELDS, FIELDS, ON_REQUEST, Layout, article_fields
from .registry import UnknownOutletError, get, register, rulesets
from .rules import MatchTimeout, RuleSet, RuleSetError, checked_timeout, ruleset_from_toml
from .settings import DEFAULTS, FIELD_OPTIONS, Settings, clean_with

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_RULESET = 3
EXIT_OUTPUT = 4
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
EXIT_BROKEN_PIPE = 141

PROG = "newsclean"
STDIN = "-"
#: Pages a draft rule set needs at the least: a line is boilerplate when it recurs.
MIN_LEARN_PAGES = 2

# ANSI colours for each label in `explain` on a terminal.
_COLORS = {
    Label.BODY: "32",  # green: the text newsclean keeps
    Label.TITLE: "1;36",
    Label.SUBTITLE: "36",
    Label.META: "33",
    Label.CAPTION: "35",
    Label.RELATED: "34",
    Label.NAV: "34",
    Label.AD: "31",
    Label.PROMO: "31",
    Label.UI: "2",
    Label.BLANK: "2",
}
_KEPT = frozenset({Label.BODY, Label.TITLE, Label.SUBTITLE})
_LABEL_WIDTH = max(len(label.value) for label in Label)
_RULE_WIDTH_MAX = 32
_NARROWEST_TEXT = 20
# `clean` options that only JSONL output (a corpus run) has: any of them selects it
_CORPUS_OPTIONS = ("output", "resume", "errors", "summary", "workers", "chunksize", "max_chars", *FIELD_OPTIONS)

InputError = corpus.InputError


class _UsageError(Exception):
    """A bad argument value found after parsing (an unknown outlet name)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        for path in args.ruleset:
            ruleset = ruleset_from_toml(Path(path))
            _check_takeover(path, ruleset)
            register(ruleset, replace=True)
        command: Callable[[argparse.Namespace], int] = args.run
        status = command(args)
        # flush here, where a closed pipe can still be handled, rather than at interpreter exit
        sys.stdout.flush()
        return status
    except _UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except RuleSetError as exc:
        _error(str(exc))
        return EXIT_RULESET
    except corpus.Terminated:
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit; point stdout at nothing first.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        # standard output on a full disk (or a failing device): one line and exit 4, not a traceback
        _error(f"{exc.filename or 'standard output'}: cannot write: {exc.strerror or exc}")
        _silence_stdout()
        return EXIT_OUTPUT


def _check_takeover(path: str, ruleset: RuleSet) -> None:
    """A ``--ruleset`` may replace the rule set of its own name (with a warning); an alias that names another
    rule set would take it over unseen (``base``, which every outlet extends; ``generic``): a rule set error."""
    for name in (ruleset.name, *ruleset.aliases):
        try:
            owner = get(name)
        except (UnknownOutletError, RuleSetError):
            continue
        if owner.name == ruleset.name:
            if name == ruleset.name:
                _warn(f"{path}: rule set {ruleset.name!r} replaces the one installed under that name")
        elif name.casefold() == owner.name.casefold():
            raise RuleSetError(f"{path}: alias {name!r} of rule set {ruleset.name!r} is the name of the rule set "
                               f"{owner.name!r}; a --ruleset replaces a rule set under its own name only")
        else:
            _warn(f"{path}: alias {name!r} now names rule set {ruleset.name!r}, no longer {owner.name!r}")


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):  # a stream without a file descriptor has nothing to flush there
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsclean`` command and its three subcommands."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn the raw text of Indonesian news pages into clean article records.",
        epilog="exit codes: 0 ok, 1 an input could not be read, decoded or cleaned in time, 2 usage error or unknown "
        "outlet, 3 a rule set could not be loaded, 4 the output could not be written or resumed",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    rules_opt = argparse.ArgumentParser(add_help=False)
    rules_opt.add_argument(
        "--ruleset",
        action="append",
        default=[],
        metavar="TOML",
        help="load a rule set from this TOML file first (repeatable); it replaces an installed one of the same name "
        "(with a warning); an alias may not be another rule set's name",
    )
    page_opts = argparse.ArgumentParser(add_help=False)
    page_opts.add_argument(
        "--outlet", metavar="NAME", help="use this outlet's rule set (name or alias) instead of detecting it"
    )
    page_opts.add_argument("--url", help="the page's URL: its host picks the outlet's rule set")
    page_opts.add_argument(
        "--no-normalize", action="store_true", help="keep characters as they are (no mojibake or space fixes)"
    )

    p_clean = commands.add_parser(
        "clean",
        parents=[page_opts, rules_opt],
        help="clean pages, or a corpus of pages and JSONL records, into article records",
        description="Clean each page: its title, metadata and body as text, or one JSON object per file. A corpus "
        "(folders, JSONL files, or any option of the corpus group) gives JSONL records instead, one per page or "
        "JSONL line, cleaned in worker processes, with a progress line on a terminal and a summary at the end. "
        "--outlet and --url apply to the records that name no outlet or URL of their own.",
    )
    p_clean.add_argument("files", nargs="+", metavar="FILE",
                         help="a page text file (UTF-8); a folder (its .txt and .jsonl[.gz|.zst] files, subfolders "
                         "included); a JSONL file (.jsonl, .jsonl.gz, .jsonl.zst) of one JSON object per line; "
                         "'-' reads standard input")
    p_clean.add_argument("--format", choices=("text", "json", "jsonl"),
                         help="text or json: one article per page file; jsonl: one record per page or JSONL line "
                         "(default: jsonl for a corpus, else text)")
    p_clean.add_argument("--lines", action="store_true",
                         help="with json or jsonl: include every line's label and rule (as --with lines)")
    p_clean.add_argument("--body-field", metavar="NAME",
                         help="with json or jsonl: write the body under NAME (default: body; 'text' for the layout "
                         "of datatrove, Dolma and Hugging Face datasets)")
    p_clean.add_argument("--fields", type=_names, metavar="LIST",
                         help=f"with json or jsonl: newsclean's fields to write, comma-separated, from "
                         f"{', '.join(FIELDS)} (default: all but {' and '.join(sorted(ON_REQUEST))})")
    p_clean.add_argument("--with", dest="extra", type=_names, default=(), metavar="LIST",
                         help="with json or jsonl: add these fields to the default ones (paragraphs, lines)")
    p_clean.add_argument("--no-language", action="store_true", help="skip language identification (faster)")
    p_clean.add_argument("--timeout", type=_seconds, default=TIMEOUT, metavar="SECONDS",
                         help="seconds of pattern matching a page may take before it is given up as an error "
                         "(default: %(default)s; 0 for no limit)")
    p_clean.add_argument("--language-id", choices=IDENTIFIERS, default=IDENTIFIERS[0],
                         help="the language identifier (default: %(default)s; cld2 is about forty times faster and "
                         "needs pip install 'newsclean[cld2]')")
    group = p_clean.add_argument_group("corpus options (JSONL output)")
    group.add_argument("-o", "--output", metavar="FILE",
                       help="write the records to FILE.part, renamed FILE when the run is complete "
                       "(default: standard output)")
    group.add_argument("--resume", action="store_true",
                       help="go on with an interrupted run of the same command from the checkpoint beside its "
                       "FILE.part")
    group.add_argument("--errors", metavar="FILE",
                       help="write the error records to FILE instead of the output, which then holds only cleaned "
                       "records (default: error records are written to the output, in their place)")
    group.add_argument("--summary", metavar="FILE", help="write the summary's counts to FILE as JSON")
    group.add_argument("--workers", type=_positive, metavar="N",
                       help="worker processes (default: one per core; 1 cleans in this process)")
    group.add_argument("--chunksize", type=_positive, metavar="N",
                       help=f"records handed to a worker at a time, fewer once they hold {CHUNK_BYTES >> 20} MB "
                            f"(default: {CHUNKSIZE}; one worker reading standard input: 1)")
    group.add_argument("--max-chars", type=_positive, metavar="N",
                       help=f"a longer page is an error record, not cleaned (default: {MAX_CHARS:,})")
    group.add_argument("--stdin-format", dest="input_format", choices=corpus.KINDS, help=argparse.SUPPRESS)
    for name, default in (("text", "the page text"), ("html", "the page's HTML (read when present)"),
                          ("id", "the record's id"), ("url", "the page's URL"), ("outlet", "the outlet's name")):
        group.add_argument(f"--{name}-field", metavar="NAME",
                           help=f"the JSONL field holding {default} (default: {getattr(DEFAULTS, name + '_field')})")
    p_clean.add_argument("--input-format", choices=corpus.KINDS,
                         help="what every input holds, whatever its name: a page of text, JSONL records, Parquet "
                         "rows or an HTML page (default: told by the file's name, else by its first bytes; '-' is "
                         "a page)")
    p_clean.set_defaults(run=run_clean)

    p_explain = commands.add_parser(
        "explain",
        parents=[page_opts, rules_opt],
        help="show every line of a page with its label and the rule that decided it",
        description="Show every line of a page with its label and the rule that decided it. A first line "
        "starting with '#' names the outlet and counts the labels. Line numbers count "
        "from 1, as in an editor; a dateline prefix cut from the lead is shown in [brackets]. On a terminal the "
        "columns are padded and coloured and the text is cut to the terminal's width; otherwise each line is "
        "NUMBER<TAB>LABEL<TAB>RULE<TAB>TEXT in full.",
    )
    p_explain.add_argument("file", metavar="FILE",
                           help="a page file (text or HTML); FILE:LINE for one record of a JSONL file (FILE:ROW of a "
                           "Parquet file), as the source field of an output record names it; '-' reads standard "
                           "input")
    p_explain.add_argument("--input-format", choices=corpus.KINDS, help="what the file holds, whatever its name")
    p_explain.set_defaults(run=run_explain)

    p_rulesets = commands.add_parser(
        "rulesets",
        parents=[rules_opt],
        help="list the rule sets: names, aliases, hosts, descriptions",
        description="List the registered rule sets with their aliases, hosts and descriptions.",
    )
    p_rulesets.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p_rulesets.set_defaults(run=run_rulesets)

    p_learn = commands.add_parser(
        "learn",
        help="write a draft rule set for a site from a sample of its pages",
        description="Read a sample of one site's pages (say 20 to 200) and write a draft rule set for it: the "
        "lines and line prefixes that recur across the pages (menus, widget headers, promos, footers), the "
        "byline's shape, the lead's dateline prefix, and the lines the body starts after. Review the draft "
        "before use: the labels are guesses, and each rule says in how many pages it was seen.",
    )
    p_learn.add_argument("pages", nargs="+", metavar="PAGE",
                         help="a page file (text or HTML), a folder (its page, HTML, JSONL and Parquet files, "
                         "subfolders included), a JSONL or Parquet file (every record), or FILE:LINE for one record")
    p_learn.add_argument("--name", required=True, type=_ruleset_name, metavar="SITE",
                         help="the rule set's name (for --outlet and --ruleset)")
    p_learn.add_argument("--host", action="append", default=[], metavar="HOST",
                         help="a URL host of the site, so --url finds the rule set (repeatable)")
    p_learn.add_argument("--min-share", type=_share, default=0.5, metavar="SHARE",
                         help="a line is boilerplate when it occurs in at least this share of the pages, and in "
                         "two at least (default: 0.5)")
    p_learn.add_argument("-o", "--output", metavar="FILE", help="write the draft to FILE (default: standard output)")
    p_learn.set_defaults(run=run_learn, ruleset=[])

    p_stats = commands.add_parser(
        "stats", help="a short report on a cleaned corpus: records, errors, outlets, languages, dropped lines",
        description="Report on the output of newsclean clean (its JSONL records, or its --summary file): records "
        "cleaned and failed, empty bodies, the share of characters kept per outlet, languages, dropped lines by "
        "label, with bars.")
    p_stats.add_argument("output", metavar="OUT.jsonl", help="the records newsclean clean wrote, or its summary file")
    p_stats.add_argument("summary", nargs="?", metavar="SUMMARY.json", help="the run's summary file (--summary)")
    p_stats.add_argument("--plot", metavar="FILE.png", help="also draw the kept share per outlet and the dropped "
                         "lines by label to FILE (.png, .svg, .pdf; needs pip install 'newsclean[plot]')")
    p_stats.set_defaults(run=run_stats, ruleset=[])
    return parser


def run_stats(args: argparse.Namespace) -> int:
    """``newsclean stats``: the report of :mod:`newsclean.stats` on standard output."""
    from . import stats

    try:
        found = stats.load(args.output, args.summary)
    except (OSError, ValueError, InputError) as exc:
        _error(f"{exc.filename}: cannot read: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc))
        return EXIT_INPUT
    sys.stdout.write(stats.render(found, name=args.output))
    if args.plot is not None:
        try:
            stats.plot(found, args.plot)
        except ImportError as exc:
            _error(str(exc))
            return EXIT_USAGE
    return EXIT_OK


def _ruleset_name(value: str) -> str:
    name = value.strip()
    if not name:
        raise argparse.ArgumentTypeError("a rule set needs a name")
    return name


def _positive(value: str) -> int:
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return number


def _share(value: str) -> float:
    try:
        share = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < share <= 1:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 1, got {value}")
    return share


# ---------------------------------------------------------------------------
# commands


def run_clean(args: argparse.Namespace) -> int:
    """``newsclean clean``: print each file's article as text or as one JSON line, or clean a corpus into JSONL."""
    _check_outlet(args.outlet)
    if _clean_format(args) == "jsonl":
        return _clean_corpus(args)
    settings = _settings(args)
    out = sys.stdout
    status = EXIT_OK
    printed = 0
    for name in args.files:
        pages = list(_pages([name], settings, args.input_format))
        if not pages or pages[0].text is None:
            status = EXIT_INPUT
            continue
        try:
            article = clean_with(pages[0].text, settings)
        except MatchTimeout as exc:
            _error(f"{name}: not cleaned: {exc}")
            status = EXIT_INPUT
            continue
        if args.format == "json":
            record = {"file": name, **article_fields(article, settings.layout, from_html=pages[0].from_html)}
            out.write(corpus.to_line(record))
        else:
            if len(args.files) > 1:
                out.write(("\n" if printed else "") + f"==> {name} <==\n")
            out.write(format_article(article))
        printed += 1
    return status


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    try:
        checked = checked_timeout(seconds)
    except ValueError:
        raise argparse.ArgumentTypeError(f"the time limit must be 0 (no limit) or more seconds, got {value}") from None
    return checked or None


def _language(args: argparse.Namespace) -> bool | str:
    if args.no_language:
        return False
    try:
        identifier(args.language_id)
    except ImportError as exc:
        raise _UsageError(str(exc)) from exc
    return str(args.language_id)


def _clean_format(args: argparse.Namespace) -> str:
    """The output format: as given, else jsonl for a corpus (a folder, a JSONL file, a corpus option), else text."""
    given = [f"--{name.replace('_', '-')}" for name in _CORPUS_OPTIONS if getattr(args, name) not in (None, False)]
    inputs = [name for name in args.files if corpus.is_corpus_input(name, args.input_format)]
    if args.format in ("text", "json"):
        if given:
            raise _UsageError(f"{given[0]} is for JSONL output (--format jsonl), not --format {args.format}")
        if inputs:
            raise _UsageError(f"{inputs[0]}: folders and JSONL files give JSONL records (--format jsonl), "
                              f"not --format {args.format}")
        return str(args.format)
    return "jsonl" if args.format == "jsonl" or given or inputs else "text"


def _clean_corpus(args: argparse.Namespace) -> int:
    """``newsclean clean`` with JSONL output: every page and JSONL record of the inputs, one record each."""
    job = corpus.Job(
        names=tuple(args.files),
        settings=_settings(args),
        output=args.output,
        errors=args.errors,
        summary=args.summary,
        resume=args.resume,
        input_format=args.input_format,
        workers=args.workers,
        chunksize=args.chunksize,
        rulesets=tuple(args.ruleset),
    )
    _check_job(job)
    try:
        outcome = corpus.run(job, stdout=sys.stdout, stderr=sys.stderr, report=_error)
    except corpus.InputsError as exc:
        for problem in exc.problems:
            _error(problem)
        return EXIT_INPUT
    except corpus.OutputError as exc:
        _error(str(exc))
        return EXIT_OUTPUT
    return EXIT_INPUT if outcome.unreadable else EXIT_OK


def _check_job(job: corpus.Job) -> None:
    if job.resume and job.output is None:
        raise _UsageError("--resume goes on with the partial output of --output FILE; give --output")
    if job.resume and STDIN in job.names:
        raise _UsageError("--resume reads the inputs again, and standard input cannot be read again")
    files = [path for path in (job.output, job.errors, job.summary) if path is not None]
    if len({_identity(path) for path in files}) < len(files):
        raise _UsageError("--output, --errors and --summary must be different files")
    # checked before anything is opened: an output is written to FILE.part, then renamed over FILE
    inputs = {_identity(name): name for name in job.names if name != STDIN}
    written: dict[tuple[object, ...], str] = {}
    for option, path in (("--output", job.output), ("--errors", job.errors), ("--summary", job.summary)):
        if path is None:
            continue
        for name in (path, f"{path}.part", f"{path}.checkpoint"):
            key = _identity(name)
            if key in inputs:
                raise _UsageError(f"{option} {path}: {name} is an input ({inputs[key]}); nothing was written")
            if key in written and written[key] != option:
                raise _UsageError(f"{option} {path}: {name} is a file of {written[key]} too")
            written[key] = option


def _identity(path: str) -> tuple[object, ...]:
    """What tells two names of one file apart from two files: device and inode when it exists (links of
    every kind), else its real path."""
    try:
        info = os.stat(path)
    except OSError:
        return ("path", os.path.realpath(path))
    return ("inode", info.st_dev, info.st_ino)


def run_explain(args: argparse.Namespace) -> int:
    """``newsclean explain``: print every line of one page with its label and rule."""
    _check_outlet(args.outlet)
    settings = _settings(args, language=False)
    pages = list(itertools.islice(_pages([args.file], settings, args.input_format), 2))
    if len(pages) > 1:
        _error(f"{args.file} holds more than one record: name one as FILE:LINE (FILE:ROW for Parquet), as the "
               "source field of an output record does")
        return EXIT_USAGE
    if not pages or pages[0].text is None:
        return EXIT_INPUT
    try:
        article = clean_with(pages[0].text, settings)
    except MatchTimeout as exc:
        _error(f"{args.file}: not cleaned: {exc}")
        return EXIT_INPUT
    out = sys.stdout
    tty = out.isatty()
    color = tty and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size().columns if tty else None
    header = explain_header(pages[0].source, article)
    out.write((header if width is None else _truncate(header, width)) + "\n")
    for line in explain_lines(article.lines, tty=tty, color=color, width=width):
        out.write(line + "\n")
    return EXIT_OK


def run_rulesets(args: argparse.Namespace) -> int:
    """``newsclean rulesets``: list every registered rule set."""
    out = sys.stdout
    width = shutil.get_terminal_size().columns
    for name in rulesets():
        rs = get(name)
        if args.format == "json":
            record = {
                "name": rs.name,
                "description": rs.description,
                "aliases": list(rs.aliases),
                "hosts": list(rs.hosts),
                "extends": list(rs.extends),
                "generic": rs.generic,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        kind = " (generic: never detected, reports no outlet)" if rs.generic else ""
        out.write(f"{rs.name}{kind}\n")
        fields = [("", rs.description), ("aliases: ", ", ".join(rs.aliases)), ("hosts:   ", ", ".join(rs.hosts)),
                  ("extends: ", ", ".join(rs.extends))]
        for head, value in fields:
            if value:
                wrapped = textwrap.fill(head + value, width=max(width, 40), initial_indent="    ",
                                        subsequent_indent="    " + " " * len(head),
                                        break_long_words=False, break_on_hyphens=False)
                out.write(wrapped + "\n")
    return EXIT_OK


def run_learn(args: argparse.Namespace) -> int:
    """``newsclean learn``: observe every page and write the draft rule set (checked by loading it)."""
    status = EXIT_OK
    stats = None
    pages = 0
    for page in _pages(args.pages, Settings(language=False), None):
        if page.text is None:
            status = EXIT_INPUT
            continue
        text = page.text
        seen = observe(text)
        stats = seen if stats is None else merge(stats, seen)
        pages += 1
    if stats is None or pages < MIN_LEARN_PAGES:
        _error(f"learn needs at least {MIN_LEARN_PAGES} pages to find what recurs; read {pages}")
        return status or EXIT_USAGE
    draft = draft_ruleset(stats, args.name, hosts=args.host, min_share=args.min_share)
    ruleset_from_toml(draft)  # a draft that does not load is a bug here, not the user's: exit 3 says so
    if args.output is None:
        sys.stdout.write(draft)
        return status
    try:
        Path(args.output).write_text(draft, encoding="utf-8")
    except OSError as exc:
        _error(f"{args.output}: cannot write: {exc.strerror or exc}")
        return EXIT_OUTPUT
    return status


# ---------------------------------------------------------------------------
# input


@dataclass(frozen=True, slots=True)
class _Page:
    """A page or record named on the command line: its source and text (None when it could not be read: reported)."""

    source: str
    text: str | None
    from_html: bool = False


_AT = re.compile(r"(.+):([0-9]+)")


def _pages(names: Iterable[str], settings: Settings, input_format: str | None) -> Iterator[_Page]:
    """Every page or record the names stand for, read by the corpus readers: a page file (text or HTML), standard
    input, a folder's files, a JSONL or Parquet file's records, and ``FILE:LINE`` (``FILE:ROW``) for one record."""
    reader = corpus.Reader(settings, report=_error)
    for name in names:
        at = _AT.fullmatch(name)
        if name == STDIN or os.path.exists(name) or at is None or not os.path.isfile(at[1]):
            inputs = corpus.walk([name], report=reader.report_unreadable, input_format=input_format)
            items: Iterable[corpus.Item] = reader.items(inputs)
        else:
            inputs = corpus.walk([at[1]], report=reader.report_unreadable, input_format=input_format)
            item = reader.item_at(inputs, f"{at[1]}:{int(at[2])}")
            if item is None:
                _error(f"{name}: no record there (a blank line, or past the end)")
                yield _Page(name, None)
                continue
            items = [item]
        for item in items:
            yield _page(item, settings, reader)


def _page(item: corpus.Item, settings: Settings, reader: corpus.Reader) -> _Page:
    if item.error is not None:
        if not item.error.startswith("cannot read"):  # the reader has reported those: not twice
            _error(f"{item.source}: {item.error}")
        return _Page(item.source, None)
    try:
        text, from_html = page_text(item.record, settings)
    except (ValueError, ImportError) as exc:
        _error(f"{item.source}: {exc}")
        return _Page(item.source, None)
    return _Page(item.source, text, from_html)


def _check_outlet(outlet: str | None) -> None:
    # clean() only warns about an unknown outlet (a batch must go on); on the command line it is a mistake.
    if outlet is None:
        return
    try:
        get(outlet)
    except UnknownOutletError as exc:
        raise _UsageError(str(exc)) from None


def _settings(args: argparse.Namespace, **fixed: Any) -> Settings:
    """The one :class:`Settings` of a command, from its options (``fixed`` overrides: explain names no language)."""
    options: dict[str, Any] = {
        "outlet": args.outlet,
        "url": args.url,
        "normalization": Normalization(mojibake=False, spaces=False) if args.no_normalize else Normalization(),
    }
    for name in (*FIELD_OPTIONS, "max_chars"):
        value = getattr(args, name, None)
        if value is not None:
            options[name] = value
    if "timeout" in args:  # None too: --timeout 0 turns the time limit off
        options["timeout"] = args.timeout
    options.update(fixed)
    if "language" not in options:
        options["language"] = _language(args)
    try:
        options["layout"] = _layout(args)
        return Settings(**options)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def _layout(args: argparse.Namespace) -> Layout:
    """The fields ``clean`` writes: ``--fields`` (else the default ones), ``--with`` and ``--lines`` added."""
    chosen = getattr(args, "fields", None)
    fields = frozenset(DEFAULT_FIELDS if chosen is None else chosen)
    fields |= frozenset(getattr(args, "extra", ()))
    if getattr(args, "lines", False):
        fields |= {"lines"}
    return Layout(body_field=getattr(args, "body_field", None) or "body", fields=fields)


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def _error(message: str) -> None:
    sys.stderr.write(f"{PROG}: {message}\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"{PROG}: warning: {message}\n")


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    # The library warns (a broken installed rule set is left out); a user needs the message, not our source line.
    sys.stderr.write(f"{PROG}: warning: {message}\n")


# ---------------------------------------------------------------------------
# output


def format_article(article: Article) -> str:
    """The article as text: the title, one ``field: value`` line per metadata field that is set, then the body."""
    head: list[str] = []
    if article.title:
        head.append(article.title)
    fields: list[tuple[str, str | None]] = [
        ("subtitle", article.subtitle),
        ("outlet", article.outlet),
        ("published", article.published.isoformat() if article.published is not None else None),
        ("authors", ", ".join(article.authors)),
        ("editors", ", ".join(article.editors)),
        ("sources", ", ".join(article.sources)),
        ("dateline", article.dateline),
        ("language", article.language),
    ]
    head.extend(f"{key}: {value}" for key, value in fields if value)
    parts = ["\n".join(head)] if head else []
    parts.extend(article.paragraphs)
    return "\n\n".join(parts) + "\n"


def explain_header(name: str, article: Article) -> str:
    """A comment line summing up a page: its outlet and how many lines got each label."""
    shown = "<stdin>" if name == STDIN else name
    counts = Counter(line.label for line in article.lines)
    tally = ", ".join(f"{counts[label]} {label.value}" for label in Label if counts[label])
    outlet = article.outlet or "none (generic rule set)"
    return f"# {shown}: outlet {outlet}; {len(article.lines)} lines: {tally}"


def explain_lines(lines: Iterable[Line], *, tty: bool, color: bool = False, width: int | None = None) -> list[str]:
    """One row per line: number (from 1), label, rule, text.

    For a terminal (``tty``) the columns are padded, optionally coloured, and the
    text is cut to ``width`` characters in all; otherwise the fields are joined
    by tabs and the text is whole.
    """
    rows = list(lines)
    if not tty:
        return [f"{line.no + 1}\t{line.label.value}\t{line.rule}\t{_shown_text(line)}" for line in rows]
    no_width = len(str(max((line.no + 1 for line in rows), default=1)))
    rule_width = min(max((len(line.rule) for line in rows), default=0), _RULE_WIDTH_MAX)
    out = []
    for line in rows:
        lead = f"{line.no + 1:>{no_width}}  {line.label.value:<{_LABEL_WIDTH}}  {line.rule:<{rule_width}}  "
        text = _shown_text(line)
        if width is not None:
            text = _truncate(text, max(width - len(lead), _NARROWEST_TEXT))
        if color:
            code = _COLORS[line.label]
            label = f"\x1b[{code}m{line.label.value:<{_LABEL_WIDTH}}\x1b[0m"
            lead = f"{line.no + 1:>{no_width}}  {label}  \x1b[2m{line.rule:<{rule_width}}\x1b[0m  "
            if line.label not in _KEPT and text:
                text = f"\x1b[2m{text}\x1b[0m"
        out.append((lead + text).rstrip())
    return out


def _shown_text(line: Line) -> str:
    return f"[{line.prefix}]{line.content}" if line.prefix else line.text


def _truncate(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1] + "…"
