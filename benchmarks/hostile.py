"""Every hostile input class, once: its size, wall time, peak memory and outcome (docs/robustness.md).

    .venv/bin/python benchmarks/hostile.py                      # every class, 120 s at most each
    .venv/bin/python benchmarks/hostile.py --limit 600 --only "10 MB single line"
    .venv/bin/python benchmarks/hostile.py --markdown           # the table as docs/robustness.md shows it

Each class runs in a fresh child process (``--one NAME``), so that one input's memory does not
linger into the next and a class that does not finish in ``--limit`` seconds can be stopped: its
outcome is then "did not finish". The child builds the input first (untimed), then calls
``newsclean.clean(text)`` with the defaults (language identification on) -- or, for the classes
about files, runs ``newsclean clean`` on a file through ``cli.main`` with its output thrown away.

Memory is the child's resident-set high-water mark (``VmHWM``), reset through
``/proc/self/clear_refs`` once the input is built, so it is the peak of the whole process while the
call ran (interpreter, libraries, the input itself and everything clean() made); in brackets, how
far it rose over the RSS just before the call. Where the reset is refused the peak is the process's
lifetime peak and the column says so. Time is wall time of the call alone (``time.perf_counter``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DEVSET = sorted((ROOT / "tests" / "devset").glob("*/*.txt"))
MB = 1_000_000


def _pages() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in (*SEEDS, *DEVSET)]


def _prose(size: int) -> str:
    """Running text of ``size`` characters, words of the real pages, on one line."""
    words = " ".join(_pages()).split()
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        word = words[i % len(words)]
        out.append(word)
        total += len(word) + 1
        i += 1
    return " ".join(out)[:size]


def _fill(size: int, parts: list[str]) -> str:
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        out.append(parts[i % len(parts)])
        total += len(out[-1])
        i += 1
    return "".join(out)[:size]


def _seed(outlet_index: int = 4) -> str:
    return SEEDS[outlet_index].read_text(encoding="utf-8")


def _control(size: int) -> str:
    rng = random.Random(5)
    alphabet = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))] + list("Berita harga naik ")
    page = _seed()
    noise = "".join(rng.choice(alphabet) for _ in range(size))
    return page[:2000] + noise + page[2000:]


def _surrogates(size: int) -> str:
    rng = random.Random(6)
    page = _seed()
    noise = "".join(chr(rng.randrange(0xD800, 0xE000)) if rng.random() < 0.3 else rng.choice("ab \n")
                    for _ in range(size))
    lines = page.split("\n")
    return "\n".join(line + "\udc80" if i % 3 == 0 else line for i, line in enumerate(lines)) + "\n" + noise


def _line_ends() -> str:
    ends = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\n\r"]
    out = []
    for page in _pages()[:20]:
        for i, line in enumerate(page.split("\n")):
            out.append(line + ends[i % len(ends)])
    return "".join(out)


def _rtl_combining(size: int) -> str:
    arabic = "قال الرئيس إن الأسعار ارتفعت في السوق يوم الخميس"
    hebrew = "המחירים עלו בשוק ביום חמישי"
    zalgo = "".join(ch + "\u0301\u0300\u0327\u0308" * 3 for ch in "Harga cabai naik")
    bidi = "\u202eBerita\u202c \u2067kata\u2069 \u200fpolisi\u200e"
    page = _seed().split("\n")
    mixed = [f"{line} {arabic}" if i % 2 else f"{hebrew} {line} {zalgo}" for i, line in enumerate(page)]
    return "\n".join(mixed) + "\n" + _fill(size, [arabic, "\n", zalgo, " ", bidi, "\n", hebrew, "\n"])


def _emoji(size: int) -> str:
    emoji = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🇮🇩", "🏳️‍🌈", "❤️", "🔥", "\U0001fae0", "\U000e0067"]
    page = _seed().split("\n")
    decorated = [f"{emoji[i % len(emoji)]} {line} {emoji[(i + 3) % len(emoji)]}" for i, line in enumerate(page)]
    return "\n".join(decorated) + "\n" + _fill(size, [*emoji, " ", "\n"])


def _mojibake() -> str:
    page = _seed()
    kinds = [
        page.encode("utf-8").decode("cp1252", "replace"),  # UTF-8 read as Windows-1252
        page.encode("utf-8").decode("latin-1"),  # UTF-8 read as Latin-1 (C1 controls)
        page.encode("utf-8").decode("cp1252", "replace").encode("utf-8").decode("cp1252", "replace"),  # twice
        "Berita caf\u00c3\u00a9 \u00e2\u20ac\u0153kutipan\u00e2\u20ac\u009d \u00c2\u00a0 \u00e2\u20ac\u201d",
        page.encode("utf-8").decode("utf-8").encode("cp1252", "replace").decode("utf-8", "replace"),
        page.encode("utf-8").decode("mac_roman"),
    ]
    return "\n".join(kinds)


def _html() -> str:
    page = _seed()
    lines = page.split("\n")
    tagged = [f'<p class="txt">{line}</p>' if i % 2 else f"<div><span>{line}</span></div>"
              for i, line in enumerate(lines)]
    script = "<script>var a = '<p>' + x + '</p>'; for (i=0;i<10;i++) { document.write(i) }</script>"
    return "\n".join(["<!DOCTYPE html>", "<html><head><title>Berita</title>", script, "</head><body>", *tagged,
                      "&nbsp;&amp;&lt;b&gt; &#8212; &quot;kutipan&quot;", "<!-- komentar -->", "</body></html>"])


def _glued() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)


def _document(size: int) -> str:
    pages = _pages()
    return _fill(size, [page + "\n" for page in pages])


def _tiny_lines(count: int) -> str:
    return "\n".join(["a", "1", "·", "", "Baca juga", "x y", "—", " "][i % 8] for i in range(count))


TEXT_CLASSES: dict[str, Callable[[], str]] = {
    "empty": lambda: "",
    "whitespace only": lambda: _fill(MB, [" ", "\t", "\r\n", "\u00a0", "\u3000", "\n", "\u200b"]),
    "seed page (for scale)": lambda: _seed(),
    "50 MB document": lambda: _document(50 * MB),
    "10 MB single line": lambda: _prose(10 * MB),
    "1 MB single line": lambda: _prose(MB),
    "100 kB single line": lambda: _prose(MB // 10),
    "'a' * 10**6 + '!'": lambda: "a" * 10**6 + "!",
    "1 MB line of '#a '": lambda: "#a " * (MB // 3) + ",",
    "a million tiny lines": lambda: _tiny_lines(10**6),
    "NUL and control characters": lambda: _control(MB),
    "lone surrogates": lambda: _surrogates(MB),
    "mixed line ends": _line_ends,
    "right-to-left and combining": lambda: _rtl_combining(MB),
    "emoji": lambda: _emoji(MB),
    "mojibake": _mojibake,
    "HTML left in the text": _html,
    "two outlets glued together": _glued,
}
FILE_CLASSES = ("invalid UTF-8 page file (CLI)", "invalid UTF-8 and malformed JSONL (corpus)")
CLASSES = (*TEXT_CLASSES, *FILE_CLASSES)


# ---------------------------------------------------------------------------
# one class, in the child


def _status(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def run_one(name: str) -> dict[str, object]:
    import newsclean
    from newsclean import cli

    newsclean.clean(_seed(), language=True)  # rule sets compiled and language profiles loaded, untimed
    outcome: str
    if name in TEXT_CLASSES:
        text = TEXT_CLASSES[name]()
        size = len(text.encode("utf-8", "surrogatepass"))
        reset = _reset_peak()
        before = _status("VmRSS")
        started = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                article = newsclean.clean(text)
            outcome = (f"result: {len(article.lines):,} lines, {len(article.paragraphs):,} paragraphs, "
                       f"outlet {article.outlet}")
        except Exception as exc:
            outcome = f"error: {type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - started
    else:
        with tempfile.TemporaryDirectory() as folder:
            if name.startswith("invalid UTF-8 page"):
                path = Path(folder, "page.txt")
                path.write_bytes(_seed().encode("utf-8")[:3000] + b"\xff\xfe\xc3(" + b"\xed\xa0\x80 lagi")
                argv = ["clean", str(path)]
            else:
                path = Path(folder, "corpus.jsonl")
                good = json.dumps({"id": "good", "text": _seed()}, ensure_ascii=False).encode("utf-8")
                lines = [good, b'{"id": "bad", "text": "caf\xe9"}', b"{not json", b"[1, 2]",
                         json.dumps({"id": "big", "text": "x" * 6_000}).encode("utf-8"), good]
                path.write_bytes(b"\n".join(lines) + b"\n")
                argv = ["clean", "--workers", "1", "--max-chars", "5000", str(path), "-o", str(Path(folder, "o.jsonl")),
                        "--errors", str(Path(folder, "e.jsonl"))]
            size = path.stat().st_size
            reset = _reset_peak()
            before = _status("VmRSS")
            err = io.StringIO()
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = cli.main(argv)
            seconds = time.perf_counter() - started
            messages = [line.replace(folder + "/", "") for line in err.getvalue().splitlines()]
            if name.startswith("invalid UTF-8 page"):
                outcome = f"exit {code}: {messages[0] if messages else ''}"
            else:
                errors = [json.loads(line)["error"] for line in Path(folder, "e.jsonl").read_text().splitlines()]
                outcome = f"exit {code}: {len(lines)} records in, {len(lines) - len(errors)} results + " \
                          f"{len(errors)} error records ({'; '.join(errors)})"
    peak = _status("VmHWM")
    return {"name": name, "size": size, "seconds": seconds, "peak": peak, "before": before, "reset": reset,
            "outcome": outcome}


# ---------------------------------------------------------------------------
# every class, in the parent


def _size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:,.1f} MB"
    if n >= 1000:
        return f"{n / 1000:,.1f} kB"
    return f"{n} B"


def _memory(row: dict[str, object]) -> str:
    peak, before = row.get("peak"), row.get("before")
    if not isinstance(peak, int):
        return "-"
    text = f"{peak / MB:,.0f} MB"
    if isinstance(before, int):
        text += f" (+{max(peak - before, 0) / MB:,.0f})"
    return text + ("" if row.get("reset") else " lifetime")


def measure(names: list[str], limit: float) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name in names:
        started = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True,
                                  timeout=limit, cwd=ROOT)
        except subprocess.TimeoutExpired:
            rows.append({"name": name, "size": None, "seconds": None, "outcome": f"did not finish in {limit:.0f} s"})
            print(f"{name}: did not finish in {limit:.0f} s", file=sys.stderr)
            continue
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["?"])[-1]
            rows.append({"name": name, "size": None, "seconds": time.perf_counter() - started,
                         "outcome": f"crashed (exit {done.returncode}): {tail}"})
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{name}: {row['seconds']:.2f} s", file=sys.stderr)
    return rows


def table(rows: list[dict[str, object]], *, markdown: bool) -> str:
    head = ["input class", "size", "time", "peak RSS (+ over start)", "outcome"]
    body = []
    for row in rows:
        size = row.get("size")
        seconds = row.get("seconds")
        body.append([
            str(row["name"]),
            _size(size) if isinstance(size, int) else "-",
            f"{seconds:,.2f} s" if isinstance(seconds, float) and row.get("peak") is not None else "-",
            _memory(row),
            str(row["outcome"]),
        ])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|---|--:|--:|--:|---|"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in body]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head) - 1)]
    out = []
    for n, r in enumerate([head, *body]):
        cells = [r[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(r[1:-1], widths[1:], strict=True)), r[-1]]
        out.append("  ".join(cells))
        if n == 0:
            out.append("  ".join("-" * w for w in widths) + "  " + "-" * len(head[-1]))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--only", action="append", metavar="CLASS", help="run this class only (repeatable)")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds a class may take (default: 120)")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    names = args.only or list(CLASSES)
    unknown = [n for n in names if n not in CLASSES]
    if unknown:
        parser.error(f"unknown class(es) {unknown}; classes: {', '.join(CLASSES)}")
    rows = measure(names, args.limit)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(table(rows, markdown=args.markdown))


if __name__ == "__main__":
    main()
