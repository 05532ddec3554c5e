"""``FILE.checkpoint``: how far the part files of an interrupted run go, and with which inputs and options."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import OutputError
from .output import Mark, write_atomically

_CHECKPOINT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What ``FILE.checkpoint`` holds: the inputs' digest, the options, and how far the part files go."""

    inputs: str
    options: Mapping[str, Any]
    records: int
    output: Mark
    errors: Mark | None
    summary: Mapping[str, Any]

    def save(self, path: str) -> None:
        """Write the checkpoint (atomically)."""
        data = {
            "format": _CHECKPOINT_FORMAT,
            "inputs": self.inputs,
            "options": dict(self.options),
            "records": self.records,
            "output": [self.output.size, self.output.sha256],
            "errors": None if self.errors is None else [self.errors.size, self.errors.sha256],
            "summary": dict(self.summary),
        }
        write_atomically(path, json.dumps(data, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: str) -> Checkpoint | None:
        """The checkpoint in ``path``, None when there is none; :class:`OutputError` when it cannot be used."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise OutputError(f"cannot resume: {path}: cannot read: {exc}") from None
        try:
            data = json.loads(text)
            if data["format"] != _CHECKPOINT_FORMAT:
                raise ValueError(f"format {data['format']}")
            errors = None if data["errors"] is None else Mark(*data["errors"])
            return cls(data["inputs"], data["options"], data["records"], Mark(*data["output"]), errors,
                       data["summary"])
        except (ValueError, KeyError, TypeError) as exc:
            raise OutputError(f"cannot resume: {path} is damaged ({exc}); rerun without --resume") from None



