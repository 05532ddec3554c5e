"""newsclean where its C extensions were not built: a source checkout whose build failed (no compiler) still runs,
on the pure-Python path, with the same output and one NativeWarning.

The package is copied without its built extensions and imported from the copy in a fresh interpreter: there the
folder of the structural passes' C files (``newsclean/_structure/``) is importable as an empty namespace package,
which must not pass for the extension.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import newsclean
from conftest import seed_pages

SCRIPT = """
import json, sys, warnings
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    import newsclean
    from newsclean import native
    out = [newsclean.Result(i, None, article=newsclean.clean(t, language=False)).to_line()
           for i, t in enumerate(json.load(sys.stdin))]
print(json.dumps({"speedups": native.available(), "structure": native.structure_available(), "lines": out,
                  "warnings": [type(w.message).__name__ for w in caught]}))
"""


def test_a_checkout_whose_extensions_were_not_built_runs_the_python_path(tmp_path: Path) -> None:
    source = Path(newsclean.__file__).parent
    copy = tmp_path / "newsclean"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(*(f"*{s}" for s in EXTENSION_SUFFIXES),
                                                                 "__pycache__"))
    assert (copy / "_structure").is_dir()  # the C files' folder, which would import as a namespace package
    texts = [page.text for page in seed_pages()]
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    env.pop("NEWSCLEAN_PURE_PYTHON", None)
    run = subprocess.run([sys.executable, "-c", SCRIPT], input=json.dumps(texts), capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert (found["speedups"], found["structure"]) == (False, False)
    assert found["warnings"].count("NativeWarning") == 1
    expected = [newsclean.Result(i, None, article=newsclean.clean(t, language=False)).to_line()
                for i, t in enumerate(texts)]
    assert found["lines"] == expected
