"""The package shows its pipeline: no import circle, and each layer imports only the layers below it
(docs/architecture.md). Every import statement counts, those inside functions too: a lazy import is
still a dependency."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "plangen"

# Layer of each part of the package; a module may import its own part and the parts of lower layers.
LAYERS: dict[str, int] = {
    "": 0,  # the shared ground: errors, i18n, settings, vietnamese, files
    "plan": 1,
    "office": 1,
    "word": 2,
    "document": 2,
    "registry": 2,
    "check": 3,
    "importer": 3,
    "drafting": 3,
    "run": 3,
    "cli": 4,
    "web": 4,
}

# Imports across parts of one layer, each with its reason.
ALLOWED_SIDEWAYS = {
    ("document", "word"),  # a template is a Word file, read through the guarded zip reader
    ("importer", "check"),  # import reads the deadlines in a text as check's view of a plan does
    ("drafting", "importer"),  # next year's draft of a Word file imports it first
    ("run", "check"),  # `build` checks what it built
    ("cli", "web"),  # `plangen web` starts the editor
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part_of(module: str) -> str:
    """`plangen.plan.models` → `plan`; a module at the top of the package → `` (the shared ground)."""
    parts = module.split(".")
    if len(parts) == 2 and not (PACKAGE / parts[1]).is_dir():
        return ""
    return parts[1] if len(parts) > 1 else ""


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The plangen modules a file imports (`from plangen.plan import models` names the module
    `plangen.plan.models`)."""
    found: set[str] = set()
    this = module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("plangen"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = this.split(".")[: len(this.split(".")) - node.level + (path.name == "__init__.py")]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("plangen"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in modules else target)
    found.discard(this)
    return {m for m in found if m in modules and m != "plangen"}


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {name: imports_of(path, modules) for name, path in files.items()}


def circles_in(edges: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                circles.append([*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    return circles


def test_no_import_circle():
    circles = circles_in(graph())
    assert not circles, "import circles:\n" + "\n".join(" → ".join(c) for c in circles)


def test_each_layer_imports_only_those_below():
    wrong = []
    for module, imported in graph().items():
        if module == "plangen":
            continue  # the front door names the public API of every layer (imported on first use)
        mine = part_of(module)
        for other in imported:
            theirs = part_of(other)
            if theirs == mine or (mine, theirs) in ALLOWED_SIDEWAYS:
                continue
            if LAYERS[theirs] >= LAYERS[mine]:
                wrong.append(f"{module} imports {other} ({mine or 'top'} → {theirs or 'top'})")
    assert not wrong, "\n".join(sorted(wrong))


def test_every_part_has_a_layer():
    parts = {part_of(m) for m in graph()}
    assert parts <= set(LAYERS), parts - set(LAYERS)


def test_the_public_api_is_importable_from_the_package():
    import plangen

    for name in plangen._API:
        assert callable(getattr(plangen, name)), name


def test_the_walker_sees_circles_and_lazy_imports():
    assert circles_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert circles_in({"a": {"b"}, "b": set()}) == []
    src = PACKAGE / "importer" / "reader.py"
    assert "plangen.word.recognise" in imports_of(src, set(graph()))
