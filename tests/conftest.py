"""Shared fixtures: example plans, their reference texts, and a built-documents cache."""

from __future__ import annotations

import difflib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest

from plangen.i18n import set_language

# prepared templates and compiled Jinja code go to a cache of the test run (and of the plangen
# processes the tests start), not to the user's
os.environ["PLANGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="plangen-cache-")
# and a build server the user may be running is not used by the test run's `plangen` commands
os.environ["PLANGEN_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="plangen-run-")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"

# example file → reference text it reproduces (tests/fixtures/seeds are copies of the reference
# plans; the sixth example, a ministry plan, has no reference)
EXAMPLE_SEEDS = {
    "hanoi-2025.yaml": "000_412433c175a06294.txt",
    "vinhlong-2025.yaml": "001_9e6f942d2c34457a.txt",
    "soyte-vinhlong-2025.yaml": "002_860ec614e02e5cc3.txt",
    "thoxuan-2024.yaml": "003_ee3bfc07d64c6a7e.txt",
    "hanoi-2026.yaml": "004_67194697ca12045d.txt",
}
ALL_EXAMPLES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                         "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})


def words(text: str) -> list[str]:
    """Normalised words from the type name "KẾ HOẠCH" on (the reference texts lost the header)."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    start = text.find("KẾ HOẠCH")
    if start > 0:
        text = text[start:]
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    return text.split()


def similarity(built: str, reference: str) -> float:
    """Share of matching words between two texts (difflib ratio over normalised words)."""
    return difflib.SequenceMatcher(None, words(reference), words(built), autojunk=False).ratio()


@pytest.fixture(autouse=True)
def _english_messages():
    """Tests read messages in English unless they ask for Vietnamese."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory) -> dict[str, Path]:
    """Every example built once with the official template."""
    from plangen.document.render import Template, build_file

    out = tmp_path_factory.mktemp("built")
    template = Template()
    return {name: build_file(EXAMPLES / name, out / name.replace(".yaml", ".docx"), template)
            for name in ALL_EXAMPLES}
