"""Show a page's lines with the gold label and newsclean's label and rule (mismatches marked).

    python tests/variants/show.py PATH.txt [--all]
"""
import json
import sys
from pathlib import Path

import newsclean

path = Path(sys.argv[1])
text = path.read_bytes().decode("utf-8")
gold = json.loads(path.with_name(path.name.removesuffix(".txt") + ".gold.json").read_text())
art = newsclean.clean(text)
show_all = "--all" in sys.argv
print("outlet", art.outlet, "| title", art.title, "| sub", art.subtitle, "| pub", art.published,
      "| au", art.authors, "| ed", art.editors, "| src", art.sources, "| dl", art.dateline)
for line, g in zip(art.lines, gold["labels"], strict=False):
    bad = line.label.value != g
    if show_all or bad:
        print(f"{'XX' if bad else '  '} {line.no:3} {g:8} {line.label.value:8} {line.rule:34} {line.text[:90]!r}")
