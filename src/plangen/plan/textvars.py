"""The plan's variables in its texts: `{{ year }}`, `{{ theme }}`, `{{ han_bao_cao | dmy }}`.

Texts are Jinja templates rendered in a sandbox (no attribute tricks, no code from the plan) with
StrictUndefined (an unknown variable is an error naming it, never an empty string). Expansion
happens once, right after validation, so the renderer and the checks see the final texts.
Jinja is imported at the first text that holds a `{`: a plan without one (most imported plans)
does not pay for it at start-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from plangen import vietnamese as vn
from plangen.errors import PlanInputError
from plangen.i18n import _
from plangen.plan import models

if TYPE_CHECKING:
    from plangen.plan.sandbox import BoundedSandbox


class Day(dt.date):
    """A date that prints the Vietnamese short way (`18/7/2025`) when used bare in a text."""

    def __str__(self) -> str:
        return vn.date_numeric(self)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return vn.parse_date(str(value))


def _dmy(value: Any) -> str:
    return vn.date_numeric(_as_date(value))


def _day_month(value: Any) -> str:
    """`15/3`: a date that recurs every year (quarterly reports), same zero rule as dmy."""
    day = _as_date(value) if not isinstance(value, str) or value.count("/") == 2 or "-" in value \
        else _as_date(f"{value}/2000")
    return vn.date_numeric(day).rsplit("/", 1)[0]


def _long_date(value: Any) -> str:
    return vn.date_words(_as_date(value))


def _money(value: Any) -> str:
    return vn.money(int(value))


def _money_words(value: Any) -> str:
    return vn.money_words(int(value))


def make_environment() -> BoundedSandbox:
    """The sandbox used for every user-written template text (plans and Word templates)."""
    from jinja2 import StrictUndefined

    from plangen.plan.sandbox import BoundedSandbox

    env = BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.add_filters(dmy=_dmy, dm=_day_month, long_date=_long_date, money=_money, money_words=_money_words,
                    upper=vn.upper)
    return env


@functools.cache
def _environment() -> BoundedSandbox:
    env = make_environment()
    env.charged_by_caller = True  # a text costs the same whether compiled now or before: same verdict
    return env


@functools.lru_cache(maxsize=4096)
def _compiled(text: str):
    """Compiled once per distinct text: a batch of plans from one base reuses them all."""
    return _environment().from_string(text)

EXPR = "`{{ … }}`"

BUILTIN_NAMES = ("year", "issue_year", "theme", "legal_bases", "place")
"""Variables every text can use, besides the plan's own `variables`."""

_NOT_TEMPLATED: set[tuple[type[BaseModel], str]] = {
    (models.Plan, "variables"),
    (models.Issuer, "code"),
    (models.Issuer, "unit"),
    (models.DecisionReference, "number"),
    (models.Assignment, "separator"),
}


def _variable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return Day(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            day = vn.parse_date(value)
        except ValueError:
            return value
        return Day(day.year, day.month, day.day)
    return value


class _Stop(Exception):
    """The plan's texts spent the work budget: the texts after it are not tried."""


class _Expander:
    def __init__(self, source: Any, budget: contextlib.ExitStack):
        self.source = source
        self.problems: list = []
        self.context: dict[str, Any] = {}
        self.budget = budget  # the sandbox's budget, entered at the first text to compute
        self.bounded = False

    def variables(self, plan: models.Plan) -> None:
        """The built-in variables and the plan's own, each computed from those above it."""
        self.context = {
            "year": plan.year, "issue_year": plan.year_of_issue, "place": plan.issuer.place,
        }
        for name, value in plan.variables.items():
            if name in BUILTIN_NAMES:
                self.problems.append(self.source.problem(("variables", name), _(
                    "`{name}` is a built-in variable; choose another name").format(name=name), key=True))
            if isinstance(value, str) and "{" in value:  # a variable may use the ones defined above it
                value = self.text(value, ("variables", name))
            self.context[name] = _variable(value)
        self.context["theme"] = self.text(plan.theme, ("theme",)) if plan.theme else ""
        self.context["legal_bases"] = [
            self.text(t, ("legal_bases", i)) for i, t in enumerate(plan.legal_bases)]

    def text(self, value: str, path: tuple) -> str:
        if "{" not in value:
            return value
        from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
        from jinja2.sandbox import SecurityError

        from plangen.plan.sandbox import BudgetSpent, bounded, charge

        if not self.bounded:  # all the texts of a plan share one budget of work and time
            self.budget.enter_context(bounded())
            self.bounded = True
        try:
            charge(value)
            return _compiled(value).render(self.context)
        except UndefinedError as exc:
            known = ", ".join(sorted(self.context))
            m = re.search(r"'([^']+)' is undefined", exc.message or "")
            if m:
                msg = _("unknown variable `{name}` in this text; known variables: {known}").format(
                    name=m.group(1), known=known)
            else:
                msg = _("this text uses something that does not exist ({detail}); known variables: "
                        "{known}").format(detail=exc.message, known=known)
        except BudgetSpent as exc:  # the plan's texts are too much work: the others are not tried
            self.problems.append(self.source.problem(path, _(
                "the {expr} expression in this text cannot be computed ({detail})").format(
                    detail=exc.message, expr=EXPR)))
            raise _Stop from None
        except SecurityError:
            msg = _("this text tries something not allowed in a plan (only variables and filters "
                    "such as `{{ year }}` or `{{ date | dmy }}` may be used)")
        except TemplateSyntaxError as exc:
            msg = _("the {expr} expression in this text is malformed ({detail})").format(
                detail=exc.message, expr=EXPR)
        except TemplateError as exc:
            msg = _("the {expr} expression in this text cannot be computed ({detail})").format(
                detail=exc.message or type(exc).__name__, expr=EXPR)
        except (ValueError, TypeError, ArithmeticError) as exc:
            msg = _("the {expr} expression in this text cannot be computed ({detail})").format(
                detail=str(exc), expr=EXPR)
        self.problems.append(self.source.problem(path, msg))
        return value

    def walk(self, obj: Any, path: tuple) -> Any:
        if isinstance(obj, str):
            return self.text(obj, path)
        if isinstance(obj, list):
            return [self.walk(v, (*path, i)) for i, v in enumerate(obj)]
        if isinstance(obj, dict):  # a table's row by role: {task: …, agency: …}
            return {k: self.walk(v, (*path, str(k))) for k, v in obj.items()}
        if isinstance(obj, BaseModel):
            updates = {}
            for name in type(obj).model_fields:
                if (type(obj), name) in _NOT_TEMPLATED:
                    continue
                value = getattr(obj, name)
                if isinstance(value, str | list | BaseModel):
                    new = self.walk(value, (*path, name))
                    if new is not value:
                        updates[name] = new
            return obj.model_copy(update=updates) if updates else obj
        return obj


def _texts(obj: Any) -> Iterator[str]:
    """The texts of a plan (or of a part of it) that `{{ … }}` is computed in, as `_Expander`
    walks them, the plan's own variables included."""
    if isinstance(obj, str):
        if "{" in obj:
            yield obj
    elif isinstance(obj, list | dict):  # a dict: a table's row by role
        for value in obj.values() if isinstance(obj, dict) else obj:
            yield from _texts(value)
    elif isinstance(obj, BaseModel):
        if isinstance(obj, models.Plan):
            yield from _texts([v for v in obj.variables.values() if isinstance(v, str)])
        for name in type(obj).model_fields:
            if (type(obj), name) not in _NOT_TEMPLATED:
                yield from _texts(getattr(obj, name))


def variables_used(obj: Any) -> set[str]:
    """The variables the texts of a plan, or of one of its parts (its issuer), refer to: what a
    batch's table must give, and what it gives in vain."""
    from jinja2 import TemplateSyntaxError, meta

    names: set[str] = set()
    for text in _texts(obj):
        try:
            names |= meta.find_undeclared_variables(_environment().parse(text))
        except TemplateSyntaxError:
            continue  # said where the plan is expanded
    return names


def expand_texts(plan: models.Plan, source: Any) -> models.Plan:
    """Return the plan with every text's `{{ … }}` expressions computed; located errors otherwise."""
    result = plan
    with contextlib.ExitStack() as budget:
        expander = _Expander(source, budget)
        try:
            expander.variables(plan)
            result = expander.walk(plan, ())
        except _Stop:  # said at the text that spent it; the texts after it are not tried
            pass
    if expander.problems:
        raise PlanInputError(sorted(expander.problems, key=lambda p: (p.line or 0, p.column or 0)))
    return result
