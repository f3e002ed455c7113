"""The rules of `plangen check`, one module each (yamllint style): ID, SEVERITY, SOURCES, check()."""

from __future__ import annotations

from plangen.check.rules import (
    consistency,
    dates,
    ending,
    fonts,
    funding,
    header,
    issuer,
    numbering,
    page_format,
    page_numbers,
    placeholders,
    required_sections,
    signature,
    typed_labels,
)

RULES = [required_sections, funding, numbering, header, ending, signature, dates, page_format, fonts,
         page_numbers, placeholders, typed_labels, consistency, issuer]
RULE_IDS = {rule.ID for rule in RULES}
