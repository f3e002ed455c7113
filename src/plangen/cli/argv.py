"""What a command line names before it is parsed: read by the entry point (launch.py: is it a
command the server runs?) and by the app (app.py: which command's parameters to make). Standard
library only, so that the entry point stays light."""

from __future__ import annotations


def command_named(argv: list[str]) -> str | None:
    """The command named (`plangen --lang en web .` → `web`)."""
    words = iter(argv[1:])
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None
