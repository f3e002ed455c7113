"""Values a draft writes into its YAML text: quoted, and a name the user typed kept as typed
(every text of a plan is a template). Shared by the state's and the Party's skeletons and derive."""

from __future__ import annotations

import json


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def t(text: str) -> str:
    """A name typed by the user (`new --issuer`), as a YAML text printed as typed: quoted, and its
    `{{`, `{%` kept literal (every text of a plan is a template: `{{ 7*7 }}` would print 49)."""
    from plangen.importer.base import literal

    return q(literal(text))


def _comment(text: str) -> str:
    """A name in a YAML comment: on one line (a line break would end the comment)."""
    return " ".join(text.split())
