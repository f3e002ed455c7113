"""The rules of `plangen check`, one module each (yamllint style): ID, SEVERITY, SOURCES, check()."""

from __future__ import annotations

from plangen.check.rules import (
    citations,
    consistency,
    dates,
    ending,
    fonts,
    funding,
    header,
    heading_style,
    numbering,
    page_format,
    page_numbers,
    paragraph_break,
    placeholders,
    required_sections,
    signature,
    typed_labels,
)

RULES = [required_sections, funding, numbering, header, ending, signature, dates, page_format, fonts,
         page_numbers, placeholders, typed_labels, consistency, citations, heading_style, paragraph_break]
RULE_IDS = {rule.ID for rule in RULES}
