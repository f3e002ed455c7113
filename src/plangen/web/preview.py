"""What the editor shows beside the form: the check's findings, a quick view, the official pages.

Everything comes from the library as `plangen build` and `plangen check` do it: the plan loaded
and laid out once, checked, rendered by the Word template, converted by the LibreOffice kept
running (office.kept) and cut into page images by poppler. The quick view is the same laid-out
document (the template's context: numbering, headings, recipients, signature) as HTML, shown at
once while the exact pages are made in the background; pages are kept by the text they were
made from, so a tab asking again, or an undo, costs nothing.
"""

from __future__ import annotations

import hashlib
import html
import re
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plangen.errors import PlangenError
from plangen.i18n import _

KEEP = 12  # results kept (a few plans, a few versions each)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@dataclass
class Finding:
    """A problem or a check finding, with the field it is about."""

    severity: str  # error, warning
    message: str
    line: int | None
    path: tuple = ()
    rule: str = ""
    label: str = ""  # what the form calls the field (forms.label_at)
    review: bool = False  # a `# REVIEW:` mark, which the person may mark as reviewed


@dataclass
class Analysis:
    digest: str
    findings: list[Finding] = field(default_factory=list)
    valid: bool = False  # the plan loads (so it can be built)
    quick: str = ""  # the quick view's HTML
    loaded: Any = None
    laid_out: Any = None


@dataclass
class Pages:
    digest: str
    images: list[bytes] = field(default_factory=list)
    pdf: bytes = b""
    docx: bytes = b""
    error: str = ""


_analysed: OrderedDict[tuple[str, str], Analysis] = OrderedDict()
_analysed_lock = threading.Lock()


def analyse(text: str, file: str) -> Analysis:
    """Load, lay out and check the plan's text (milliseconds); the problems that keep it from
    loading are findings too, each at its field. The last few are kept: a tab polling for its
    pages, a download, an undo ask again for a text already seen."""
    key = (text_digest(text), file)
    with _analysed_lock:
        if key in _analysed:
            _analysed.move_to_end(key)
            return _analysed[key]
    result = _analyse(text, file)
    with _analysed_lock:
        _analysed[key] = result
        while len(_analysed) > KEEP:
            _analysed.popitem(last=False)
    return result


def _analyse(text: str, file: str) -> Analysis:
    from plangen.check import check_view
    from plangen.check.read import from_plan
    from plangen.document.layout import build_context
    from plangen.plan.load import load_plan_text
    from plangen.plan.style import office_style

    result = Analysis(text_digest(text))
    try:
        loaded = load_plan_text(text, file)
    except PlangenError as exc:
        result.findings = [Finding("error", p.message, p.line, path_of(p.path)) for p in exc.problems]
        _name_fields(result.findings, text, file)
        return result
    laid_out = build_context(loaded.plan, office_style(file))
    where = _Locator(loaded.source)
    reviews = review_lines(text)
    for f in check_view(from_plan(loaded, laid_out)):
        path = more_precise(f.where.path, where.path(f.where.line, f.where.column))
        result.findings.append(Finding(f.severity, f.message, f.where.line, path,
                                       f.rule, review=f.rule == "placeholders" and f.where.line in reviews))
    _name_fields(result.findings, text, file)
    result.valid, result.loaded, result.laid_out = True, loaded, laid_out
    result.quick = quick_view(laid_out[0])
    return result


def review_lines(text: str) -> set[int]:
    """The lines of the plan's text that hold a `# REVIEW:` mark."""
    from plangen.plan.placeholders import review_marks

    return set(review_marks(text))


def _name_fields(findings: list[Finding], text: str, file: str) -> None:
    """Each finding named by the label of its field, as the form shows it."""
    from plangen.drafting.textedit import read
    from plangen.web.forms import label_at

    try:
        data = read(text, file)
    except PlangenError:
        return
    for f in findings:
        if f.path:
            f.label = label_at(data, f.path)


def more_precise(given: tuple, found: tuple) -> tuple:
    """The field a finding goes to: the one its rule named (`given`: a value missing or empty is
    located at its parent's line), or the one found at its line and column when that lies inside it."""
    return found if found[:len(given)] == given else given


def path_of(dotted: str) -> tuple:
    """`sections[2].content[0]` → ('sections', 2, 'content', 0)."""
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", dotted or ""):
        out.append(int(index) if index else name)
    return tuple(out)


class _Locator:
    """The field a line and column of the plan file stand in (the deepest value starting there)."""

    def __init__(self, source: Any) -> None:
        self.marks = sorted(((m.line, m.column), path) for path, m in source.values.items())

    def path(self, line: int | None, column: int | None) -> tuple:
        if line is None:
            return ()
        same = [(col, len(path), path) for (ln, col), path in self.marks
                if ln == line and col <= (column or 1)]
        if same:
            return max(same)[2]
        before = [path for (ln, _col), path in self.marks if ln < line]
        return before[-1] if before else ()


# --- the quick view ------------------------------------------------------------------------

_RUN = re.compile(r"<w:r>(.*?)</w:r>|<w:r [^>]*>(.*?)</w:r>", re.DOTALL)


def runs_html(xml: str) -> str:
    """Word runs as HTML: bold, italic, line breaks (footnote marks as a star)."""
    out = []
    for m in _RUN.finditer(str(xml)):
        body = m.group(1) or m.group(2) or ""
        text = "".join(html.escape(t) if t is not None else "" for t in
                       (html.unescape(x) for x in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body)))
        if "<w:br/>" in body:
            text = text + "<br>" if not text else "<br>".join(
                html.escape(html.unescape(x)) for x in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body))
        if "footnoteReference" in body:
            text += "<sup>*</sup>"
        if re.search(r"<w:b/>|<w:b w:val=\"(1|true)\"/>", body):
            text = f"<b>{text}</b>"
        if re.search(r"<w:i/>|<w:i w:val=\"(1|true)\"/>", body):
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def quick_view(context: dict) -> str:
    """The laid-out plan as HTML (header, title, body, ending): what the pages will say."""
    from plangen.web.templating import templates

    body = []
    for b in context["body"]:
        if b.kind == "table" and b.table is not None:
            t = b.table
            head = [c.heading for c in t.columns]
            rows = [[c if isinstance(c, str) else c.text for c in row] for row in t.rows]
            body.append({"kind": "table", "head": head, "rows": rows, "origin": b.origin})
        else:
            body.append({"kind": b.kind, "html": runs_html(b.runs.xml), "origin": b.origin})
    return templates.get_template("quick.html").render(c=context, body=body, runs=runs_html)


# --- the exact pages -----------------------------------------------------------------------

def render_docx(analysis: Analysis) -> bytes:
    """The Word document of a plan that loads, as `plangen build` writes it."""
    return _template().render(analysis.loaded.plan, analysis.laid_out)


def make_pages(analysis: Analysis, resolution: int = 80) -> Pages:
    """The document, its PDF and page images (LibreOffice kept running; JPEG pages: poppler
    writes them several times faster than PNG)."""
    from plangen.office import convert

    pages = Pages(analysis.digest)
    try:
        pages.docx = render_docx(analysis)
        with tempfile.TemporaryDirectory(prefix="plangen-web-") as tmp:
            docx = Path(tmp, "plan.docx")
            docx.write_bytes(pages.docx)
            pdf = convert.to_pdf(docx, keep_running=True)
            pages.pdf = pdf.read_bytes()
            pages.images = [p.read_bytes() for p in convert.to_images(pdf, "jpeg", resolution)]
    except PlangenError as exc:
        pages.error = "; ".join(p.message for p in exc.problems)
    return pages


_templates: dict[str, Any] = {}


def _template() -> Any:
    from plangen.document.render import Template

    if "default" not in _templates:
        _templates["default"] = Template()
    return _templates["default"]


class PageMaker:
    """Makes the pages of the latest text asked for, one plan at a time, in the background."""

    def __init__(self) -> None:
        self._done: OrderedDict[str, Pages] = OrderedDict()
        self._wanted: OrderedDict[str, Analysis] = OrderedDict()
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None
        self._making = ""  # the digest of the pages being made

    def get(self, digest: str) -> Pages | None:
        with self._lock:
            return self._done.get(digest)

    def want(self, analysis: Analysis, key: str) -> None:
        """Ask for the pages of `analysis` (for the plan `key`: an older wish for it is dropped)."""
        if not analysis.valid:
            return
        with self._lock:
            if analysis.digest in self._done or analysis.digest == self._making or any(
                    a.digest == analysis.digest for a in self._wanted.values()):
                return  # made, being made, or asked for already
            self._wanted.pop(key, None)
            self._wanted[key] = analysis
            self._lock.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="plangen-pages", daemon=True)
                self._thread.start()

    def wait(self, digest: str, timeout: float) -> Pages | None:
        with self._lock:
            self._lock.wait_for(lambda: digest in self._done, timeout)
            return self._done.get(digest)

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: bool(self._wanted))
                _key, analysis = self._wanted.popitem(last=False)
                self._making = analysis.digest
            try:
                pages = make_pages(analysis)
            except Exception as exc:  # reported on the page, never a traceback
                pages = Pages(analysis.digest, error=_("the pages could not be made ({detail})").format(
                    detail=type(exc).__name__))
            with self._lock:
                self._making = ""
                self._done[analysis.digest] = pages
                while len(self._done) > KEEP:
                    self._done.popitem(last=False)
                self._lock.notify_all()


