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
    issuer,
    numbering,
    page_format,
    page_numbers,
    paragraph_break,
    party_ending,
    party_header,
    party_layout,
    party_signature,
    placeholders,
    required_sections,
    signature,
    typed_labels,
)

RULES = [required_sections, funding, numbering, header, ending, signature, dates, page_format, fonts,
         page_numbers, placeholders, typed_labels, consistency, citations, heading_style, paragraph_break, issuer,
         party_header, party_ending, party_signature, party_layout]
RULE_IDS = {rule.ID for rule in RULES}

GUIDES = {"state": "Nghị định 30/2020/NĐ-CP", "party": "Hướng dẫn 36-HD/VPTW"}
"""The texts a document is checked against, by its format (a rule cites its clause)."""
STATE_ONLY = (header, ending, signature, page_format, fonts, page_numbers)
"""The decree's format rules: a Party document has its own (`party-…`, FORMATS = ("party",))."""


def formats(rule) -> tuple[str, ...]:
    """The formats a rule judges: its FORMATS, or the state's alone for the decree's format rules;
    the others (sections, numbering, dates, placeholders…) judge every plan."""
    return getattr(rule, "FORMATS", None) or (("state",) if rule in STATE_ONLY else ("state", "party"))
