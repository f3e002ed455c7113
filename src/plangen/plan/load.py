"""YAML → Plan: the located YAML (yamlsource.py) validated by the pydantic models, whose errors are
mapped back to the positions of the values they concern.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from plangen import vietnamese as vn
from plangen.errors import PlanInputError, Problem
from plangen.i18n import N_, _
from plangen.plan import models
from plangen.plan.yamlsource import (
    Path_,
    SourceMap,
    clean_text,
    format_path,
    parse_yaml,
    read_file,
)


@dataclass
class LoadedPlan:
    plan: models.Plan
    source: SourceMap


def _unwrap(annotation: Any) -> list[type[BaseModel]]:
    """Pydantic model classes reachable from a field annotation (through list, Optional, Union)."""
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    if origin is not None or get_args(annotation):
        for arg in get_args(annotation):
            found.extend(_unwrap(arg))
    return found


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model whose keys are valid at a pydantic error location (tags select union members)."""
    current: list[type[BaseModel]] = [models.Plan]
    tagged = False  # the union's tag ("budget") names the block, then its field of the same name
    for part in loc:
        if isinstance(part, int):
            continue
        if part in models._BLOCK_CLASSES and not tagged:
            current = [models._BLOCK_CLASSES[part]]
            tagged = True
            continue
        tagged = False
        nxt: list[type[BaseModel]] = []
        for cls in current:
            info = cls.model_fields.get(part)
            if info is not None:
                nxt.extend(_unwrap(info.annotation))
        if not nxt:
            names = {c.__name__: c for c in _all_models()}
            if part in names:
                current = [names[part]]
                continue
            return None
        current = nxt
    return current[0] if len(current) == 1 else (current[0] if current else None)


def _all_models() -> list[type[BaseModel]]:
    return [obj for obj in vars(models).values()
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel]


_MODEL_NAMES = {cls.__name__ for cls in _all_models()}


_UNION_TAGS = {"str", "int", "float", "bool"}


def _is_branch_tag(loc: tuple[Any, ...], idx: int) -> bool:
    """Is loc[idx] a union member name that pydantic inserts, rather than a key of the data?"""
    part = loc[idx]
    if isinstance(part, int):
        return False
    if idx >= 2 and isinstance(loc[idx - 1], int) and loc[idx - 2] == "content":
        return part in models._BLOCK_CLASSES  # tag of a content block (discriminated union)
    return part in _UNION_TAGS or "[" in part or part in _MODEL_NAMES


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """The data path of a pydantic location: union tags dropped, missing keys kept as names."""
    path: list[str | int] = []
    node = data
    for idx, part in enumerate(loc):
        if _is_branch_tag(loc, idx):
            continue
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path)


_TYPE_MESSAGES = {
    "string_type": N_("expected a text"),
    "int_type": N_("expected a whole number"),
    "int_parsing": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "float_type": N_("expected a number"),
    "float_parsing": N_("expected a number"),
    "bool_type": N_("expected true or false"),
    "bool_parsing": N_("expected true or false"),
    "list_type": N_("expected a list (lines starting with `- `)"),
    "dict_type": N_("expected a mapping (lines `key: value`)"),
    "model_type": N_("expected a mapping (lines `key: value`)"),
    "model_attributes_type": N_("expected a mapping (lines `key: value`)"),
    "date_type": N_("expected a date such as 24/06/2025"),
    "none_required": N_("expected nothing here"),
}


_SHAPED = {"dict_type", "model_type", "model_attributes_type", "list_type"}


def _field_type(annotation: Any) -> Any:
    """The type under `Annotated[…]` and `X | None`."""
    while get_origin(annotation) is not None and get_args(annotation) and (
            str(get_origin(annotation)).endswith("Annotated") or type(None) in get_args(annotation)):
        args = [a for a in get_args(annotation) if a is not type(None)]
        annotation = args[0]
    return annotation


def _shape(annotation: Any, depth: int = 0) -> str:
    """A value of this type in YAML's one-line form, its required keys only: a budget is
    `{items: [{name: …, amount: …}]}`."""
    annotation = _field_type(annotation)
    if get_origin(annotation) is list:
        return f"[{_shape(get_args(annotation)[0], depth)}]"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and depth < 3:
        keys = [f"{name}: {_shape(info.annotation, depth + 1)}" for name, info in annotation.model_fields.items()
                if info.is_required()]
        return "{" + ", ".join(keys) + "}" if keys else "{…}"
    return "…"


def _expected_shape(loc: tuple[Any, ...]) -> str | None:
    """The shape a mapping or list at `loc` should have, when its field is a model (or a list of
    one): shown with "expected a mapping", so that a wrong `budget:` shows what a budget is."""
    fields = [part for part in loc if not isinstance(part, int)]
    if not fields:
        return None
    parent = _model_at(tuple(loc[:len(loc) - 1 - next(
        (i for i, part in enumerate(reversed(loc)) if not isinstance(part, int)), 0)]))
    info = parent.model_fields.get(fields[-1]) if parent is not None else None
    if info is None or not _unwrap(info.annotation):
        return None
    shape = _shape(info.annotation)
    return shape if shape not in ("…", "{…}") else None


def _describe(err: dict[str, Any], data: Any, path: Path_) -> str:
    etype = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if etype == "missing":
        return _("required field `{field}` is missing").format(field=path[-1] if path else "?")
    if etype == "extra_forbidden":
        key = path[-1] if path else "?"
        model = _model_at(tuple(err["loc"][:-1]))
        valid = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(key), valid, n=1, cutoff=0.5)
        msg = _("unknown key `{key}`").format(key=key)
        if close:
            msg += "; " + _("did you mean `{suggestion}`?").format(suggestion=close[0])
        elif valid:
            msg += "; " + _("valid keys here: {keys}").format(keys=", ".join(valid))
        return msg
    if etype in _TYPE_MESSAGES:
        message = _(_TYPE_MESSAGES[etype]) + _(" (found {value!r})").format(value=_short(value))
        shape = _expected_shape(tuple(err["loc"])) if etype in _SHAPED else None
        return message + ("; " + _("the expected shape: {shape}").format(shape=shape) if shape else "")
    if etype in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return _("invalid value {value!r}; expected one of: {expected}").format(
            value=_short(value), expected=expected)
    if etype in ("greater_than_equal", "greater_than"):
        return _("must be at least {limit} (found {value!r})").format(
            limit=ctx.get("ge", ctx.get("gt")), value=_short(value))
    if etype in ("less_than_equal", "less_than"):
        return _("must be at most {limit} (found {value!r})").format(
            limit=ctx.get("le", ctx.get("lt")), value=_short(value))
    if etype in ("too_short", "string_too_short"):
        return _("must not be empty")
    if etype == "too_long":
        return _("at most {limit} entries are allowed here (found {count})").format(
            limit=ctx.get("max_length"), count=ctx.get("actual_length"))
    if etype == "string_pattern_mismatch":
        field_name = path[-1] if path else ""
        hint = PATTERN_HINTS.get(str(field_name))
        if hint:
            return _(hint).format(value=_short(value))
        return _("{value!r} does not have the expected form").format(value=_short(value))
    if etype == "vn_date":
        message = _("invalid date {value!r}: expected DD/MM/YYYY or YYYY-MM-DD ({reason})").format(
            value=ctx.get("value"), reason=_date_reason(str(ctx.get("reason", ""))))
        value = str(ctx.get("value", ""))
        if path and path[-1] == "deadline" and any(c.isalpha() for c in value):
            message += _("; a time such as “{value}” is a period: write it as `period: {value}`").format(value=value)
        return message
    if etype in _CUSTOM:
        return _(_CUSTOM[etype]).format(**{k: v for k, v in ctx.items()})
    if etype == "value_error" and ctx.get("error"):  # raised by a dataclass's own check, in the user's language
        return str(ctx["error"])
    return err.get("msg", etype)


PATTERN_HINTS = {
    "code": N_("{value!r} is not an issuer code: expected capital letters such as UBND, SYT, BYT"),
    "unit": N_("{value!r} is not a unit code: expected capital letters such as VX, NC"),
    "number": N_("{value!r} is not a decision number: expected e.g. 1206/QĐ-UBND"),
}


for _key in ("variables",):
    PATTERN_HINTS[_key] = N_("variable names use letters, digits and _ (found {value!r})")


_CUSTOM = {
    "block_kind": N_("unknown kind of content: expected a text or a mapping with one of the keys "
                  "text, item, title, point, bullet, role, agency, table, budget, task_table, heading, "
                  "caption, signoff"),
    "item_empty": N_("an item needs `item` (its text) or `title`"),
    "agency_not_named": N_("`agency` “{agency}” is not named in the text"),
    "range_order": N_("the end date is before the start date"),
    "inline_many": N_("layout `inline` takes one task; use `bullets` or `paragraphs`"),
    "table_row": N_("row {row} has {got} cells, the table has {n} columns"),
    "table_spans": N_("row {row} has {got} cells (merged cells counted), the table has {n} columns"),
    "table_heading_spans": N_("heading row {row} has {got} cells (merged cells counted), the table has {n} columns"),
    "table_widths": N_("give one width per column ({n})"),
    "table_align": N_("give one alignment per column ({n})"),
    "table_roles": N_("give one role per column ({n}), `null` for a column that has none"),
    "table_row_no_roles": N_("row {row} is given by roles (`{key}: …`) but the table has no `roles`: give one "
                             "role per column, or write the row as a list of cells"),
    "table_row_role": N_("row {row}: `{key}` is not the role of a column of this table (its roles: {roles})"),
    "table_row_role_twice": N_("row {row}: two columns have the role `{key}`: write this row as a list of cells"),
    "table_row_covered": N_("row {row}: the column of `{key}` is taken by a merged cell: leave `{key}` out"),
    "heading_required": N_("a section of kind `other` needs a `heading`"),
    "sig_collective": N_("authority TM. needs `collective` (e.g. ỦY BAN NHÂN DÂN)"),
    "sig_collective_party": N_("authority T/M needs `collective` (e.g. BAN THƯỜNG VỤ)"),
    "sig_head": N_("authority {a} needs `head` (e.g. GIÁM ĐỐC)"),
    "sig_collective_only_tm": N_("`collective` is only used with TM."),
    "sig_position": N_("the signature needs the signer's `position`"),
    "archive_in_recipients": N_("recipient {i} is the archive line: write it as `archive: …` instead"),
    "issued_with_number": N_("a plan issued with a decision has no number or date of its own; remove them"),
    "issue_year": N_("issue_year {y} differs from the year of the date {d}"),
    "appendix_header_state": N_("an appendix that repeats the header (`header: true`) is a Party document's "
                                "attachment: set `issuer.format: party` or remove it"),
    "party_unit": N_("a Party symbol has no drafting unit (`Số 12-KH/ĐU`): remove `issuer.unit`"),
    "party_partners": N_("joint plans (`partners`) are laid out for state bodies only"),
    "appendix_full_name": N_("appendices need `issuer.full_name` for the line “Kèm theo Kế hoạch … của …”"),
}


def _date_reason(reason: str) -> str:
    if "day is out of range" in reason:
        return _("that day does not exist in that month")
    if "month must be" in reason:
        return _("the month must be 1 to 12")
    if "year" in reason and "out of range" in reason:
        return _("the year is out of range")
    if reason == "not a date":
        return _("not a date")
    return _("not a date")


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 60:
        return value[:57] + "…"
    if isinstance(value, dict | list):
        return type(value).__name__
    return value


_DATACLASS_ERRORS = {"unexpected_keyword_argument": "extra_forbidden", "missing_argument": "missing",
                     "dataclass_type": "model_type"}
"""The errors of a plain dataclass validated by pydantic (the registry's entries), named as a
model's are."""


def validation_problems(exc: ValidationError, data: Any, source: SourceMap) -> list[Problem]:
    problems: dict[tuple[str, str], Problem] = {}
    errors = exc.errors(include_url=False)
    branched = {_data_path(data, tuple(e["loc"])) for e in errors
                if any(_is_branch_tag(tuple(e["loc"]), i) for i in range(len(e["loc"])))}
    for err in errors:
        err = {**err, "type": _DATACLASS_ERRORS.get(err["type"], err["type"])}
        # In `text or mapping` unions, a mapping given is not "a text expected".
        if (err["type"] == "string_type" and isinstance(err.get("input"), dict)
                and _data_path(data, tuple(err["loc"])) in branched and len(errors) > 1):
            continue
        loc = tuple(err["loc"])
        path = _data_path(data, loc)
        tail = (err.get("ctx") or {}).get("at")
        if isinstance(tail, tuple):  # a model's own check that names the place inside it (a table's row)
            path = (*path, *tail)
        is_key = err["type"] == "extra_forbidden"
        if err["type"] == "missing":
            problem = source.problem(path[:-1], _describe(err, data, path))
            problem = Problem(problem.file, problem.line, problem.column, problem.message, format_path(path))
        else:
            problem = source.problem(path, _describe(err, data, path), key=is_key)
        problems.setdefault((problem.path, problem.message), problem)
    return sorted(problems.values(), key=lambda p: (p.line or 0, p.column or 0))


DATE_FIELDS = {"deadline", "start", "end", "date"}


"""Date fields that may name a plan variable: `deadline: "{{ han_bao_cao }}"`."""


_VARIABLE_ONLY = re.compile(r"^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$")


_DATE_SHAPED = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$|^\d{4}-\d{1,2}-\d{1,2}$")


def _dates_from_variables(data: Any, source: SourceMap) -> None:
    """Replace `{{ name }}` in date fields by the variable's date, before validation, so that a
    date kept once in `variables` serves the tasks too (and moves with it to the next year)."""
    variables = data.get("variables") if isinstance(data.get("variables"), dict) else {}
    problems = []
    for name, value in variables.items():  # a date that cannot be, refused where it is written
        if isinstance(value, str) and _DATE_SHAPED.match(value.strip()):
            try:
                vn.parse_date(value.strip())
            except ValueError as exc:
                problems.append(source.problem(("variables", name), _(
                    "invalid date {value!r}: expected DD/MM/YYYY or YYYY-MM-DD ({reason})").format(
                        value=value, reason=_date_reason(str(exc)))))

    def walk(node: Any, path: Path_) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, value in list(items):
            if key in DATE_FIELDS and isinstance(value, str) and (m := _VARIABLE_ONLY.match(value.strip())):
                if m.group(1) in variables:
                    node[key] = variables[m.group(1)]
                else:
                    problems.append(source.problem((*path, key), _(
                        "unknown variable `{name}` in this text; known variables: {known}").format(
                            name=m.group(1), known=", ".join(sorted(variables)))))
            elif isinstance(value, dict | list):
                walk(value, (*path, key))

    walk({k: v for k, v in data.items() if k != "variables"}, ())
    if problems:
        raise PlanInputError(problems)


def load_template_text(text: str, file: str = "<plan>") -> LoadedPlan:
    """Parse and validate a plan whose `{{ … }}` texts are not expanded yet (see `expand`)."""
    data, source = parse_yaml(clean_text(text, file), file)
    _dates_from_variables(data, source)
    try:
        plan = models.Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanInputError(validation_problems(exc, data, source)) from None
    return LoadedPlan(plan, source)


def expand(loaded: LoadedPlan, variables: dict[str, Any] | None = None) -> LoadedPlan:
    """The plan with its texts' `{{ … }}` computed, `variables` added to the plan's own."""
    from plangen.plan.textvars import expand_texts  # late: Jinja is only needed once data is valid

    plan = loaded.plan
    if variables:
        plan = plan.model_copy(update={"variables": {**plan.variables, **variables}})
    return LoadedPlan(expand_texts(plan, loaded.source), loaded.source)


def load_plan_text(text: str, file: str = "<plan>") -> LoadedPlan:
    """Parse and validate a plan given as text; raise PlanInputError with located problems."""
    return expand(load_template_text(text, file))


def load_plan(path: str | Path) -> LoadedPlan:
    """Read a plan file (UTF-8 YAML) and validate it."""
    return load_plan_text(read_file(path), str(path))


def load_template(path: str | Path) -> LoadedPlan:
    """Read and validate a plan file, its `{{ … }}` texts left for `expand` (a `--each` base)."""
    return load_template_text(read_file(path), str(path))
