"""The errors of a corpus run: an input that cannot be read, an output that cannot be written, a SIGTERM."""

from __future__ import annotations

from collections.abc import Iterable


class InputError(Exception):
    """An input that cannot be read: the message names it."""


class InputsError(Exception):
    """Inputs found missing or unreadable before the run started: ``problems`` holds one message each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


class OutputError(Exception):
    """An output file that cannot be written, or a partial output that cannot be resumed."""


class Terminated(KeyboardInterrupt):
    """A run stopped by SIGTERM (``timeout``, systemd, docker, SLURM, Kubernetes), handled as Ctrl-C is."""


