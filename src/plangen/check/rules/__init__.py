"""The rules of `plangen check`, one module each (yamllint style): ID, SEVERITY, SOURCES, check()."""

from __future__ import annotations

from plangen.check.rules import (
    dates,
    ending,
    fonts,
    funding,
    header,
    numbering,
    page_format,
    page_numbers,
    required_sections,
    signature,
)

RULES = [required_sections, funding, numbering, header, ending, signature, dates, page_format, fonts,
         page_numbers]
RULE_IDS = {rule.ID for rule in RULES}
