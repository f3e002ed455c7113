"""Language of user-facing messages: Vietnamese by default, English on request.

Messages are written in English in the code (gettext msgids) and translated to Vietnamese through
the catalog in `locale/vi/LC_MESSAGES/plangen.po`, compiled to `.mo` with babel (see docs/reference.md,
"Translations"). Numbers in Vietnamese messages take a decimal comma and a thousands dot.
The language is chosen once, by `--lang` or the usual locale variables.
"""

from __future__ import annotations

import gettext
import os
import string
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "plangen"
LANGUAGES = ("vi", "en")

_translation: gettext.NullTranslations | None = None
_language = "vi"


def language_from_environment() -> str:
    """`vi` unless PLANGEN_LANG or a locale variable asks for English."""
    for var in ("PLANGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if not value or value.split(".")[0] in ("C", "POSIX"):
            continue
        return "en" if value.lower().startswith("en") else "vi"
    return "vi"


def set_language(lang: str | None) -> str:
    """Select the message language (`vi` or `en`); None means: from the environment."""
    global _translation, _language
    _language = lang if lang in LANGUAGES else language_from_environment()
    if _language == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    return _language


def current_language() -> str:
    if _translation is None:
        set_language(None)
    return _language


class _Numbers(string.Formatter):
    """Numbers as Vietnamese writes them: a decimal comma (31,8 mm) and a thousands dot (20.000)."""

    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if isinstance(value, float):
            return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        if isinstance(value, int) and "," in format_spec:
            return text.replace(",", ".")
        return text


_NUMBERS = _Numbers()


class Message(str):
    """A translated message: `.format()` writes numbers the way the message's language does
    (a value shown with `!r` is left as the user typed it)."""

    __slots__ = ()

    def format(self, /, *args: object, **kwargs: object) -> str:
        if _language == "vi":
            return _NUMBERS.vformat(self, args, kwargs)
        return str.format(self, *args, **kwargs)


def _(message: str) -> str:
    """Translate a message id into the current language."""
    if _translation is None:
        set_language(None)
    assert _translation is not None
    return Message(_translation.gettext(message))


def in_language(lang: str, message: str) -> str:
    """`message` in `lang` whatever the current language (a name a user may type in either)."""
    if lang == "en":
        return message
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True).gettext(message)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (tables of messages)."""
    return message
