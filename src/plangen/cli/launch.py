"""The `plangen` command: hand the command to a running build server, or run it in this process.

A single build spends nine tenths of its time importing its libraries (pydantic, typer, Jinja,
lxml), not building. `plangen server start` (see server.py) keeps one process with them imported.
This entry point imports only the standard library's socket layer and, when such a server runs
for this very installation, passes it the command: arguments, working folder, environment, umask
and this process's stdin, stdout and stderr themselves (SCM_RIGHTS), so that the command reads and
writes exactly what it would here. It then exits with the command's status. With no server (the
default), a server of another installation or version, or a system without Unix sockets and
fork, the command runs here as usual: the server changes how fast, never what.

The protocol is in channel.py.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys

from plangen.cli.argv import command_named
from plangen.cli.channel import GO, connect, read_reply, send_request


def _stdio() -> list[tuple[str, str]] | None:
    """Encoding and error handler of stdin, stdout, stderr; None when one is closed."""
    streams = []
    for fd, stream in enumerate((sys.stdin, sys.stdout, sys.stderr)):
        try:
            os.fstat(fd)
        except OSError:
            return None
        streams.append((getattr(stream, "encoding", None) or "utf-8", getattr(stream, "errors", None) or "strict"))
    return streams


def run_on_server(argv: list[str]) -> int | None:
    """The command's exit status, run by the server; None when it is to be run here."""
    if "server" in argv[1:] or command_named(argv) == "web":
        return None  # `plangen server …` always runs here, and the editor serves from this process
    streams = _stdio()
    if streams is None:
        return None
    sock = connect()
    if sock is None:
        return None
    with sock:
        try:
            send_request(sock, {"op": "run", "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
                                "umask": _umask(), "stdio": streams})
            ready = read_reply(sock)
            if ready is None or ready[0] != b"R":
                return None
            # the stdio only goes to a server that answered: a stuck one must not hold our pipes open
            socket.send_fds(sock, [b"F"], [0, 1, 2])
            started = read_reply(sock)
            if started is None or started[0] != b"P":
                return None  # nothing was run: run it here
            sock.sendall(GO)  # only now may the command start: it never runs both there and here
        except OSError:
            return None
        sock.settimeout(None)
        return _wait(sock, started[1])


def _wait(sock: socket.socket, pid: int) -> int:
    """Wait for the command's end, passing Ctrl-C and termination signals on to it."""
    import signal

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.killpg(pid, signum)  # as a terminal does: the command and its worker processes

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    try:
        ended = read_reply(sock)
    except OSError:
        ended = None
    if ended is None or ended[0] != b"X":
        from plangen.i18n import _

        print("plangen: " + _("the build server stopped before the command ended"), file=sys.stderr)
        return 3
    return ended[1]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def main() -> None:
    """Console entry point (`plangen`)."""
    # pydantic looks for plugins among every installed package's entry points at the first model
    # built (a tenth of a small command's start-up); plangen uses none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = run_on_server(sys.argv)
    if code is None:
        from plangen.cli.app import main as run_here

        run_here()
    else:
        sys.exit(code)
