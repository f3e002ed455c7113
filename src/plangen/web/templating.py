"""The page templates (Jinja, shipped in the package) and what they may call.

Autoescaping is on: a plan's texts are shown as text, never run as a template (the page
templates are ours; a plan's `{{ … }}` are rendered only by the library's sandbox).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from plangen.i18n import _, current_language

HERE = Path(__file__).parent


def _path_json(path: tuple) -> str:
    return json.dumps(list(path), ensure_ascii=False, separators=(",", ":"))


def _field_id(path: tuple) -> str:
    return "f-" + "-".join(re.sub(r"[^A-Za-z0-9_]", "_", str(p)) for p in path) if path else "f-root"


def _help_html(text: str) -> str:
    """Documentation with its `code` marks shown as code (the text escaped first)."""
    from markupsafe import Markup, escape

    escaped = str(escape(text))
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))


templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(HERE / "templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals.update(_=_, lang=current_language, path_json=_path_json, field_id=_field_id,
                         help_html=_help_html)
templates.filters["path_json"] = _path_json
templates.filters["field_id"] = _field_id
