"""Build the variant pages (NAME.txt + NAME.gold.json) from hand-annotated sources.

A source ``src/<outlet>/NAME.lbl`` is a JSON header (the gold metadata, plus ``prefix``: the
lead's dateline prefix as printed), a line ``===``, then one page line per source line written
as ``LABEL|text`` (LABEL: b body, t title, s subtitle, m meta, c caption, r related, n nav,
a ad, p promo, u ui).  An empty source line is a blank page line.  ``{NBSP}`` stands for U+00A0.

    python tests/variants/build.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODES = {"b": "body", "t": "title", "s": "subtitle", "m": "meta", "c": "caption", "r": "related",
         "n": "nav", "a": "ad", "p": "promo", "u": "ui"}
FIELDS = ("outlet", "title", "subtitle", "published", "authors", "editors", "sources", "dateline")


def build(src: Path) -> None:
    head, _, page = src.read_text(encoding="utf-8").partition("\n===\n")
    meta = json.loads(head)
    lines, labels = [], []
    for n, row in enumerate(page.rstrip("\n").split("\n"), 1):
        if row == "":
            lines.append("")
            labels.append("blank")
            continue
        code, sep, text = row.partition("|")
        if not sep or code not in CODES:
            sys.exit(f"{src}:{n}: expected LABEL|text, got {row!r}")
        text = text.replace("{NBSP}", "\u00a0")
        if not text.strip(" \t\r\n\f\v") and code != "u":
            sys.exit(f"{src}:{n}: a white-space-only line must be ui")
        lines.append(text)
        labels.append(CODES[code])
    body = [t for t, lab in zip(lines, labels, strict=True) if lab == "body"]
    prefix = meta.pop("prefix", "")
    if prefix:
        if not body or not body[0].startswith(prefix):
            sys.exit(f"{src}: first body line does not start with prefix {prefix!r}")
        body[0] = body[0][len(prefix):]
    name = src.stem
    outdir = HERE / src.parent.name
    outdir.mkdir(exist_ok=True)
    (outdir / f"{name}.txt").write_bytes("\n".join(lines).encode("utf-8"))
    gold: dict[str, object] = {"file": f"{name}.txt"}
    for key in FIELDS:
        gold[key] = meta.pop(key, [] if key in ("authors", "editors", "sources") else None)
    gold["labels"] = labels
    gold["body"] = body
    gold["truncated"] = meta.pop("truncated", False)
    gold["notes"] = meta.pop("notes", "")
    if meta:
        sys.exit(f"{src}: unknown header keys {sorted(meta)}")
    text = json.dumps(gold, ensure_ascii=False, indent=1)
    # one line for the labels, as in the seeds
    text = text.replace(json.dumps(labels, ensure_ascii=False, indent=1).replace("\n", "\n "),
                        json.dumps(labels, ensure_ascii=False))
    (outdir / f"{name}.gold.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    for path in sorted((HERE / "src").glob("*/*.lbl")):
        build(path)
        print("built", path.relative_to(HERE))
