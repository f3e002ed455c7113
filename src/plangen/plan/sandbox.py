"""The Jinja sandbox every user-written template text runs in, with bounded work and size.

Jinja's own sandbox blocks code (no attribute tricks, no imports) but not work: `{{ "a" * 10**9 }}`,
`"%1000000000d" % 1`, `7 ** 10**9`, loops nested 99,999 deep, a macro calling itself, or a loop
printing a megabyte a million times would each take the machine. Here every render runs inside a
`Budget`:

- every loop iteration and every call is a step (`MAX_STEPS`), and the clock is read as they go
  (`MAX_SECONDS`);
- an operation that would make a text or list longer than `MAX_VALUE` items, or an integer of more
  than `MAX_INT_BITS` bits, is refused *before* it is computed (`*`, `**`, `%`, `+`, `~`, the
  padding and repeating methods and filters);
- what a render prints is counted (`MAX_OUTPUT` characters).

The loops, concatenations and prints are guarded by rewriting the parsed template (see `_guarded`)
so the guard cannot be sidestepped by any spelling. A refused operation raises `RenderLimit`, a
`TemplateRuntimeError`: callers report it like any other template error, at its place.
"""

from __future__ import annotations

import contextlib
import re
import string
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import markupsafe
from jinja2 import Template as JinjaTemplate
from jinja2 import nodes
from jinja2.exceptions import TemplateError, TemplateRuntimeError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from plangen.i18n import _

MAX_STEPS = 2_000_000
"""Loop iterations and calls in one render (a 4,000-section plan takes about 100,000)."""
MAX_SECONDS = 5.0
"""Time of one render (all the texts of a plan count as one)."""
MAX_VALUE = 1_000_000
"""Characters of a text, or items of a list, that an operation in a template may make."""
MAX_OUTPUT = 50_000_000
"""Characters one render may print (the body of a 4,000-section plan is about 20 million)."""
MAX_INT_BITS = 100_000
"""Bits of an integer an operation may make (about 30,000 digits)."""
MAX_EXPRESSIONS = 1_000
"""`{{ … }}` and `{% … %}` in one text or template part (the official template has 134; compiling
one costs about a third of a millisecond, and memory: 100,000 took 14 s and 1.8 GB)."""
MAX_COMPILED = 6_000
"""Work of compiling within one budget (all the texts of a plan), counted in expressions, a text
counting as `TEXT_COST` expressions besides its own (its compiling costs that much; a plan's texts
count a few hundred in all, 6,000 take about two seconds)."""
TEXT_COST = 6


class RenderLimit(TemplateRuntimeError):
    """A template asked for more work or a larger result than any plan needs."""


class BudgetSpent(RenderLimit):
    """The budget shared by the texts of a plan is spent: nothing more is rendered with it."""


class Budget:
    """Steps, time and printed characters left to one render and the renders nested in it."""

    def __init__(self) -> None:
        self.steps = 0
        self.printed = 0
        self.compiled = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise BudgetSpent(_("the template does too much work (more than {n} loop turns and calls)").format(
                n=f"{MAX_STEPS:,}"))
        if not self.steps & 1023:
            self.in_time()

    def in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetSpent(_("the template takes too long (more than {n} seconds)").format(n=MAX_SECONDS))

    def printing(self, size: int) -> None:
        self.printed += size
        if self.printed > MAX_OUTPUT:
            raise BudgetSpent(_("the template prints too much (more than {n} characters)").format(
                n=f"{MAX_OUTPUT:,}"))

    def compiling(self, expressions: int) -> None:
        """A text of `expressions` is about to be compiled (work counted before it is done)."""
        self.compiled += expressions
        if self.compiled > MAX_COMPILED:
            raise BudgetSpent(_("the texts hold too many `{{{{ … }}}}` expressions in all (more than {n} texts "
                                "with one); a plan has a few dozen").format(n=f"{MAX_COMPILED // (TEXT_COST + 1):,}"))
        self.in_time()


_current = threading.local()


def _budget() -> Budget:
    """The running render's budget (a fresh one for a guard called outside any render)."""
    return getattr(_current, "budget", None) or Budget()


@contextlib.contextmanager
def bounded() -> Iterator[Budget]:
    """One budget for everything rendered inside (the texts of a plan, a template's parts)."""
    outer = getattr(_current, "budget", None)
    if outer is not None:
        yield outer
        return
    _current.budget = Budget()
    try:
        yield _current.budget
    finally:
        _current.budget = None


# --- size checks made before an operation is computed --------------------------------------

def _too_long(size: int) -> None:
    if size > MAX_VALUE:
        raise RenderLimit(_("this would make a text or list of {n} items; at most {max} are allowed").format(
            n=f"{size:,}", max=f"{MAX_VALUE:,}"))


_CONTAINERS = (list, tuple, set, frozenset, dict)


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, bytearray, *_CONTAINERS)) else 0


def _estimate(value: Any, cap: int = MAX_VALUE, depth: int = 0) -> int:
    """About how many characters `value` prints as; counting stops past `cap`."""
    if isinstance(value, str | bytes):
        return len(value)
    if not isinstance(value, _CONTAINERS) or depth > 20:
        return 16
    total = 2
    for item in value.items() if isinstance(value, dict) else value:
        total += _estimate(item, cap, depth + 1) + 2
        if total > cap:
            break
    return total


def _ints_bounded(values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool):
            _too_long(abs(value))


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent(fmt: str, args: Any) -> None:
    """`"%1000000000d" % 1` and `"%*d" % (10**9, 1)` are refused; widths up to MAX_VALUE pass."""
    for m in _PERCENT_SPEC.finditer(fmt):
        for width in m.groups():
            if width == "*":
                _ints_bounded(args if isinstance(args, tuple | list) else (args,))
            elif width:
                _too_long(int(width) if len(width) < 12 else MAX_VALUE + 1)


def _check_format(fmt: str, args: tuple, kwargs: dict) -> None:
    """`"{:>1000000000}".format(1)`: every width in the fields, and those given as arguments."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format reports it
    for _text, _name, spec, _conversion in fields:
        if spec:
            if "{" in spec:
                _ints_bounded((*args, *kwargs.values()))
            for width in re.findall(r"\d+", spec):
                _too_long(int(width) if len(width) < 12 else MAX_VALUE + 1)


def _check_replace(text: str, old: str, new: str, count: int = -1) -> None:
    hits = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    _too_long(len(text) + hits * max(len(new) - len(old), 0))


def _check_join(items: Any, separator: str = "") -> list:
    items = list(_loop(items))
    _too_long(_estimate(items) + len(separator) * len(items))
    return items


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                _too_long(MAX_VALUE + 1)
        elif isinstance(right, int) and _sized(left):
            _too_long(_sized(left) * max(right, 0))
        elif isinstance(left, int) and _sized(right):
            _too_long(_sized(right) * max(left, 0))
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                and right * abs(left).bit_length() > MAX_INT_BITS:
            raise RenderLimit(_("this power is too large to compute ({left} ** {right})").format(
                left=str(left)[:20], right=str(right)[:20]))
    elif operator == "%" and isinstance(left, str):
        _check_percent(left, right)
    elif operator == "+":
        _too_long(_sized(left) + _sized(right))


def _padded_width(_text: str, width: Any = 0, *_rest: Any) -> None:
    """`center`, `ljust`, `rjust`, `zfill`: the width asked is the size of the result."""
    _too_long(width if isinstance(width, int) else 0)


_STR_METHOD_CHECKS: dict[str, Callable[..., None]] = {
    **dict.fromkeys(("center", "ljust", "rjust", "zfill"), _padded_width),
    "expandtabs": lambda s, size=8, *a: _too_long(len(s) + s.count("\t") * max(size, 0)
                                                  if isinstance(size, int) else 0),
    "replace": lambda s, old="", new="", count=-1, *a: _check_replace(s, str(old), str(new), count),
}


def _check_call(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Check the arguments of a method of a text before it runs; `join` gets its items listed."""
    method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return args
    name = getattr(method, "__name__", "")
    if name in ("format", "format_map"):
        _check_format(owner, args, kwargs if name == "format" else (args[0] if args else {}))
    elif name == "join" and args:
        args = (_check_join(args[0], owner), *args[1:])
    elif name in _STR_METHOD_CHECKS:
        _STR_METHOD_CHECKS[name](owner, *args, *kwargs.values())
    return args


# --- filters: the same checks, and their own failures turned into template errors ----------

_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _padded_width,
    "indent": lambda value, width=4, *a, **k: _too_long(
        (len(str(width)) if isinstance(width, str) else width if isinstance(width, int) else 0)
        * (str(value).count("\n") + 1) + len(str(value))),
    "format": lambda value, *args, **kwargs: _check_percent(str(value), args or kwargs),
    "replace": lambda value, old="", new="", count=None, *a, **k: _check_replace(
        str(value), str(old), str(new), count if isinstance(count, int) else -1),
    "wordwrap": lambda value, width=79, break_long_words=True, wrapstring=None, *a, **k: _too_long(
        len(str(value)) * (1 + len(str(wrapstring or "\n")))) if wrapstring else None,
    "batch": lambda value, linecount=0, fill_with=None, *a, **k: _too_long(
        linecount if isinstance(linecount, int) else 0),
    "slice": lambda value, slices=0, *a, **k: _too_long(slices if isinstance(slices, int) else 0),
}


_USER_FAULTS = (AssertionError, ArithmeticError, ValueError, TypeError, LookupError, RecursionError)
"""What an operation of a template raises when the template, not plangen, is at fault."""

_STRINGIFYING = frozenset(["string", "pprint", "tojson", "xmlattr", "e", "escape", "forceescape", "safe",
                           "urlize", "upper", "lower", "title", "capitalize", "trim", "striptags"])


def _guard_filter(name: str, func: Callable) -> Callable:
    check = _FILTER_CHECKS.get(name)

    def guarded(*args: Any, **kwargs: Any) -> Any:
        _budget().tick()
        values = args[1:] if getattr(func, "jinja_pass_arg", None) else args
        try:
            if name in _STRINGIFYING and values and isinstance(values[0], _CONTAINERS):
                _too_long(_estimate(values[0]))
            if check is not None and values:
                check(*values, **kwargs)
            if name == "join" and values:
                values = (_check_join(values[0], str(values[1]) if len(values) > 1 else ""), *values[1:])
                args = (*args[: len(args) - len(values)], *values)
            result = func(*args, **kwargs)
        except TemplateError:
            raise
        except _USER_FAULTS as exc:
            raise TemplateRuntimeError(_("the filter `{name}` cannot be applied ({detail})").format(
                name=name, detail=str(exc) or type(exc).__name__)) from None
        _too_long(_sized(result))
        return result

    guarded.__dict__.update(getattr(func, "__dict__", {}))  # keeps jinja_pass_arg (context, eval context)
    guarded.__name__ = getattr(func, "__name__", name)
    return guarded


# --- the rewritten template: loops, `~` and prints go through the guards --------------------

def _loop(iterable: Any, **_loop_vars: Any) -> Iterator[Any]:
    budget = _budget()
    for item in iterable:
        budget.tick()
        yield item


def _concat(*parts: Any, **_loop_vars: Any) -> str:
    """`a ~ b` (as Jinja's own: escaped when a part is markup)."""
    _too_long(sum(_estimate(p) for p in parts))
    if any(hasattr(p, "__html__") for p in parts):
        return markupsafe.Markup("").join(parts)
    return "".join(str(p) for p in parts)


def _printed(value: Any, **_loop_vars: Any) -> Any:
    _budget().printing(_estimate(value, MAX_OUTPUT))
    return value


def _printed_text(size: int, **_loop_vars: Any) -> str:
    _budget().printing(size)
    return ""


_GUARDS = {"__plangen_loop": _loop, "__plangen_concat": _concat, "__plangen_print": _printed,
           "__plangen_print_text": _printed_text}
_GUARD_IDS = frozenset(id(f) for f in _GUARDS.values())
_NO_INCLUDES = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)


def _guard(name: str, *args: nodes.Expr) -> nodes.Call:
    return nodes.Call(nodes.Name(name, "load"), list(args), [], None, None)


def _guarded(template: nodes.Template, name: str | None, filename: str | None) -> nodes.Template:
    """Every loop's items counted, every `~` size-checked, every print counted. A text may not
    include other templates, nor use the guards' own names."""
    for node in template.find_all(_NO_INCLUDES):
        raise TemplateSyntaxError(_("a template cannot include, extend or import another template"),
                                  node.lineno, name, filename)
    for node in template.find_all((nodes.Name, nodes.Macro)):
        if node.name.startswith("__plangen"):
            raise TemplateSyntaxError(_("the name `{name}` is reserved").format(name=node.name),
                                      node.lineno, name, filename)
    for loop in template.find_all(nodes.For):
        loop.iter = _guard("__plangen_loop", loop.iter)
    for concat in list(template.find_all(nodes.Concat)):
        concat.nodes = [_guard("__plangen_concat", *concat.nodes)]
    for output in template.find_all(nodes.Output):
        static = sum(len(n.data) for n in output.nodes if isinstance(n, nodes.TemplateData))
        output.nodes = [n if isinstance(n, nodes.TemplateData) else _guard("__plangen_print", n)
                        for n in output.nodes]
        if static:
            output.nodes.append(_guard("__plangen_print_text", nodes.Const(static)))
    return template


_SAFE_ATTRIBUTES: dict[tuple[type, str], bool] = {}


def charge(source: str, name: str | None = None, filename: str | None = None) -> None:
    """Count the work of compiling `source` in the running budget, before it is done (compiling
    is neither timed nor small); a text of more than MAX_EXPRESSIONS is refused whatever is left."""
    expressions = source.count("{{") + source.count("{%")
    if expressions > MAX_EXPRESSIONS:
        raise TemplateSyntaxError(_("this text holds {n} `{{{{ … }}}}` expressions; at most {max} are "
                                    "allowed in one text").format(n=f"{expressions:,}", max=f"{MAX_EXPRESSIONS:,}"),
                                  1, name, filename)
    _budget().compiling(TEXT_COST + expressions)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with bounded work and size (see the module docstring)."""

    intercepted_binops = frozenset(["*", "**", "%", "+"])
    charged_by_caller = False  # True: the caller charges every text, compiled or found compiled

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)  # lipsum(n=10**6) would write a million paragraphs
        self.globals.update(_GUARDS)
        self.template_class = BoundedTemplate
        self.add_filters()

    def add_filters(self, **filters: Callable) -> None:
        """Register filters; every filter (Jinja's and these) runs guarded."""
        self.filters.update(filters)
        for name, func in list(self.filters.items()):
            if not getattr(func, "_plangen_guarded", False):
                guarded = _guard_filter(name, func)
                guarded._plangen_guarded = True  # type: ignore[attr-defined]
                self.filters[name] = guarded

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if not self.charged_by_caller:
            charge(source, name, filename)
        try:
            return _guarded(super()._parse(source, name, filename), name, filename)
        except RecursionError:
            raise TemplateSyntaxError(_("the template is nested too deeply"), 1, name, filename) from None

    def _compile(self, source: str, filename: str) -> Any:
        try:
            return super()._compile(source, filename)
        except (RecursionError, SyntaxError, MemoryError) as exc:  # e.g. more than 20 nested loops
            raise TemplateSyntaxError(_("the template is nested too deeply ({detail})").format(
                detail=type(exc).__name__), 1) from None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's answer depends on the type and the name only: asked once per pair (a template
        reads thousands of attributes per document)."""
        key = (type(obj), attr)
        safe = _SAFE_ATTRIBUTES.get(key)
        if safe is None:
            safe = super().is_safe_attribute(obj, attr, value)
            if len(_SAFE_ATTRIBUTES) < 10_000:
                _SAFE_ATTRIBUTES[key] = safe
        return safe

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if id(__obj) in _GUARD_IDS:
            return __obj(*args, **kwargs)
        _budget().tick()
        args = _check_call(__obj, args, kwargs)
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        except RecursionError:
            raise RenderLimit(_("the template calls itself too deeply")) from None
        _too_long(_sized(result))
        return result


class BoundedTemplate(JinjaTemplate):
    """A template whose render runs in a budget (joining the one already running, if any)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with bounded():
            try:
                return super().render(*args, **kwargs)
            except RecursionError:
                raise RenderLimit(_("the template calls itself too deeply")) from None
            except _USER_FAULTS as exc:  # `1/0`, `"a".split("")`: the text's fault, reported at its line
                error = TemplateRuntimeError(str(exc) or type(exc).__name__)
                error.lineno = template_line(exc, self.name)  # type: ignore[attr-defined]
                raise error from None


def template_line(exc: BaseException, name: str | None) -> int | None:
    """The line of the template where a render failed, from the traceback Jinja rewrote."""
    tb = exc.__traceback__
    line = getattr(exc, "lineno", None)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in (name, "<template>"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
