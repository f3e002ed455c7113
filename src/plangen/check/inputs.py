"""Which files `plangen check` is given: folders walked, shell patterns that matched nothing.

`plangen check plans/` checks the plans (YAML) and Word files (.docx) of the folder and of its
subfolders, in name order, passing over what is not a plan: the office's registry and settings
files, hidden folders (.git, .github) and Word's lock files (`~$plan.docx`); its .doc and .odt files,
which LibreOffice converts first, are named (not checked: given by name, they are). A pattern that the
shell left as typed because it matched nothing (`plans/*.docx` in a folder without Word files) is
passed over when other files are checked, as the CI line `plangen check plans/*.yaml plans/*.docx`
expects; alone, it is an error.
"""

from __future__ import annotations

from pathlib import Path

from plangen.errors import PlangenError, Problem
from plangen.i18n import _

PLAN_SUFFIXES = (".yaml", ".yml", ".docx")
NOT_PLANS = {"plangen-registry.yaml", "plangen-registry.yml", ".pre-commit-config.yaml",
             ".pre-commit-hooks.yaml", "plangen.toml", "pyproject.toml"}
"""Files that sit beside plans and are no plans: the office's registry, settings, hooks."""
PATTERN_CHARACTERS = set("*?[")


def _is_plan_name(path: Path) -> bool:
    return (path.suffix.lower() in PLAN_SUFFIXES and path.name.lower() not in NOT_PLANS
            and not path.name.startswith(("~$", ".")))


CONVERTED_SUFFIXES = (".doc", ".odt")
"""Word files that LibreOffice converts first: checked when named, said (not checked) in a folder,
where a machine without LibreOffice would fail on them."""


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """(the plans and .docx files of the folder, its .doc and .odt files, passed over)."""
    found, converted = [], []
    for path in sorted(folder.rglob("*")):
        inside = path.relative_to(folder).parts[:-1]
        if any(part.startswith(".") for part in inside) or not path.is_file():
            continue
        if _is_plan_name(path):
            found.append(path)
        elif path.suffix.lower() in CONVERTED_SUFFIXES and not path.name.startswith(("~$", ".")):
            converted.append(path)
    return found, converted


def files_to_check(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """(the files to check, notes on what was passed over); refused when nothing is left."""
    files: list[Path] = []
    notes: list[str] = []
    unmatched: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            inside, converted = _walk(path)
            notes += [_("{path}: an old Word file (.doc) or an OpenDocument text (.odt) is not checked with its "
                        "folder (LibreOffice converts it first): check it by name, `plangen check {path}`").format(
                            path=p) for p in converted]
            if not inside and converted:
                continue
            if not inside:
                problems.append(Problem(str(path), None, None, _(
                    "this folder holds no plan (YAML) or Word file (.docx) to check")))
            files += inside
        elif not path.exists() and PATTERN_CHARACTERS & set(str(path)):
            unmatched.append(path)
        elif path.name.lower() in NOT_PLANS:
            notes.append(_("{path}: not a plan (a settings or registry file): not checked").format(path=path))
        else:
            files.append(path)
    if unmatched and not files and not problems:
        problems += [Problem(str(p), None, None, _("no file matches this pattern")) for p in unmatched]
    if problems:
        raise PlangenError(problems)
    return list(dict.fromkeys(files)), notes
