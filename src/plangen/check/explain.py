"""`plangen check --explain RULE`: a rule's documentation, in the user's language.

Each rule module documents itself: its docstring in English, `DOC_VI` in Vietnamese, with what it
checks, a good and a bad example, and the clause of the decree it rests on.
"""

from __future__ import annotations

import difflib

from plangen.errors import PlangenError
from plangen.i18n import _, current_language


def explain(rule_id: str) -> str:
    from plangen.check.config import rule_named
    from plangen.check.rules import RULES

    rule_id = rule_named(rule_id) or rule_id
    for rule in RULES:
        if rule_id == rule.ID:
            doc = rule.DOC_VI if current_language() == "vi" else rule.__doc__
            return (doc or "").strip()
    known = sorted(rule.ID for rule in RULES)
    near = difflib.get_close_matches(rule_id, known, n=1)
    hint = _(" (did you mean {rule}?)").format(rule=near[0]) if near else ""
    raise PlangenError(_("unknown rule {rule!r}{hint}; rules are: {known}").format(
        rule=rule_id, hint=hint, known=", ".join(known)))
