"""Run the CLI in-process, as a user would from the shell (exit status and both streams)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from plangen.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    old = sys.argv
    sys.argv = ["plangen", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = old
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
