"""Every message has a Vietnamese translation, and the compiled catalog is up to date."""

from __future__ import annotations

import gettext
import io

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from conftest import ROOT

PACKAGE = ROOT / "src" / "plangen"
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "plangen.po"
MO = PO.with_suffix(".mo")


def code_messages() -> set[str]:
    found = extract_from_dir(str(PACKAGE), keywords={"_": None, "N_": None})
    return {message for _file, _line, message, _comments, _context in found if message}


def test_every_message_is_translated():
    catalog = read_po(PO.open("rb"))
    translated = {m.id: m.string for m in catalog if m.id}
    missing = sorted(m for m in code_messages() if not translated.get(m))
    assert not missing, f"untranslated (see docs/reference.md, Translations): {missing}"


def test_compiled_catalog_matches_the_po_file():
    catalog = read_po(PO.open("rb"))
    buf = io.BytesIO()
    write_mo(buf, catalog)
    fresh = gettext.GNUTranslations(io.BytesIO(buf.getvalue()))
    shipped = gettext.GNUTranslations(MO.open("rb"))
    for message in catalog:
        if message.id:
            assert shipped.gettext(message.id) == fresh.gettext(message.id), message.id


def test_vietnamese_is_the_default(capsys, tmp_path, monkeypatch):
    from plangen.i18n import set_language

    from cli_helpers import run_cli

    for var in ("PLANGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    set_language(None)
    plan = tmp_path / "plan.yaml"
    plan.write_text("year: hai\n", encoding="utf-8")
    result = run_cli(capsys, "validate", str(plan))
    assert "thiếu trường bắt buộc `issuer`" in result.err
    result = run_cli(capsys, "validate", "--lang", "en", str(plan))
    assert "required field `issuer` is missing" in result.err


def test_help_follows_the_language():
    import subprocess
    import sys

    def help_text(lang: str) -> str:  # a process each: help texts are made once per process
        return subprocess.run([sys.executable, "-m", "plangen.cli", "--lang", lang, "build", "--help"],
                              capture_output=True, text=True, check=True).stdout

    vi, en = help_text("vi"), help_text("en")
    assert "Xuất bản văn bản Word" in vi and "tệp kế hoạch (YAML)" in vi
    assert "Build Word documents" in en and "Plan files" in en


def test_help_screens_speak_one_language():
    import subprocess
    import sys

    def helped(*args: str) -> str:
        env = {"PATH": "/usr/bin:/bin", "PLANGEN_LANG": ""}
        return subprocess.run([sys.executable, "-m", "plangen.cli", *args], capture_output=True, text=True,
                              env=env, timeout=60).stdout

    vi = helped("--help")
    assert "Cách dùng:" in vi and "Tùy chọn:" in vi and "Lệnh:" in vi and "Hiện hướng dẫn này rồi thoát." in vi
    assert "Usage:" not in vi and "Options:" not in vi and "..." not in vi.split("Lệnh:")[1]
    en = helped("--lang", "en", "check", "--help")
    assert "Usage:" in en and "Options:" in en and "Cách dùng" not in en


def test_an_unknown_language_is_refused():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "plangen.cli", "--lang", "fr", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "fr" in proc.stderr and "Traceback" not in proc.stderr


def test_every_commands_help_and_usage_speak_vietnamese():
    """No English leftover of click's in any command's help (`[default: 0]`, `[required]`, a
    metavar named after the parameter such as `[target]`), and a group called alone (`plangen
    server`) shows its help, with no "Lỗi"."""
    import re
    import subprocess
    import sys

    from plangen.cli.app import app

    def run(*args: str) -> subprocess.CompletedProcess:
        env = {"PATH": "/usr/bin:/bin", "PLANGEN_LANG": "vi"}
        return subprocess.run([sys.executable, "-m", "plangen.cli", *args], capture_output=True, text=True,
                              env=env, timeout=60)

    names = [c.name or c.callback.__name__.rstrip("_") for c in app.registered_commands]
    screens = {name: run(name, "--help") for name in names}
    screens["server"] = run("server")
    for name, shown in screens.items():
        assert shown.returncode == 0 and shown.stderr == "", (name, shown.stderr)
        leftovers = re.findall(r"\[default: |\[required\]|Usage:|Options:|Arguments:|\[OPTIONS\]|"
                               r"\[[a-z_]+\]|Show this message|^ +[a-z_]+(?:\.\.\.)? +<", shown.stdout, flags=re.M)
        assert leftovers == [], (name, leftovers)
        # the translated metavars ("<path>" → "<tệp>") keep the helps in one column
        starts = {len(m.group(1)) for m in re.finditer(r"^(  -\S.*?\S {2,})\S", shown.stdout, flags=re.M)}
        assert len(starts) <= 1, (name, shown.stdout)
    assert "server [TÙY_CHỌN] LỆNH" in screens["server"].stdout
