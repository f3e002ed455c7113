"""plangen: annual plans (Kế hoạch) of Vietnamese public bodies as data, rendered as official-format
Word documents (Nghị định 30/2020/NĐ-CP).

Library use:

    import plangen
    plan = plangen.load_plan("plan.yaml").plan          # YAML → model (located errors)
    plangen.build_file("plan.yaml", "plan.docx")         # → the Word document
    report = plangen.check_path("plan.docx")             # required sections and the official format
    plan, review = plangen.import_plan("ke-hoach.docx")  # a Word, PDF or text plan → model

This module is the package's front door: it names the public API and imports each function on
first use (start-up stays light). It is the one module above every layer (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# public name → the module that defines it
_API = {
    "load_plan": "plangen.plan.load",
    "build_file": "plangen.document.render",
    "check_path": "plangen.check",
    "import_plan": "plangen.importer",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
