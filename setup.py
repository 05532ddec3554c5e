"""newsclean's optional native core: the C extensions ``newsclean._speedups`` and ``newsclean._structure``,
built where they can be.

Everything else about the package is in pyproject.toml.  ``_structure`` (the structural passes) needs a C
compiler and the Python headers; ``_speedups`` (the multi-pattern scan) Hyperscan's too (Debian:
``apt-get install libhyperscan-dev``, or ``libvectorscan-dev`` on ARM).  Where one of them is missing the
build goes on without that extension and newsclean runs the pure-Python path in its place, the same
output (``newsclean.native`` warns once at first use).  ``NEWSCLEAN_NATIVE=0`` skips the build.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


def _hyperscan_flags() -> tuple[list[str], list[str], list[str]]:
    """Include dirs, library dirs and libraries of Hyperscan (or Vectorscan: the same library, libhs)."""
    if shutil.which("pkg-config"):
        try:
            cflags = subprocess.run(["pkg-config", "--cflags", "libhs"], capture_output=True, text=True, check=True)
            libs = subprocess.run(["pkg-config", "--libs", "libhs"], capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError):
            pass
        else:
            words = libs.stdout.split()
            return ([w[2:] for w in cflags.stdout.split() if w.startswith("-I")],
                    [w[2:] for w in words if w.startswith("-L")],
                    [w[2:] for w in words if w.startswith("-l")] or ["hs"])
    return ["/usr/include/hs", "/usr/local/include/hs"], [], ["hs"]


class OptionalBuildExt(build_ext):
    """Build the extension if possible; otherwise say why and install without it."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no headers: the setuptools error classes vary by version
            self._skipped(exc)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:
            self._skipped(exc)

    @staticmethod
    def _skipped(exc: Exception) -> None:
        print(f"WARNING: newsclean's native core was not built ({exc}); newsclean will run its pure-Python path. "
              "For the fast path install Hyperscan's headers (apt-get install libhyperscan-dev) and reinstall.",
              file=sys.stderr)


include_dirs, library_dirs, libraries = _hyperscan_flags()
extensions = [] if os.environ.get("NEWSCLEAN_NATIVE") == "0" else [
    Extension("newsclean._speedups", ["src/newsclean/_speedups.c"], include_dirs=include_dirs,
              library_dirs=library_dirs, libraries=libraries, optional=True),
    # the structural passes need only a C compiler and the Python headers
    Extension("newsclean._structure", sorted(glob.glob("src/newsclean/_structure/*.c")),
              depends=["src/newsclean/_structure/structure.h"], optional=True),
]
setup(ext_modules=extensions, cmdclass={"build_ext": OptionalBuildExt})
