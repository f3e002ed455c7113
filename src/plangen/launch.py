"""The `plangen` command: hand the command to a running build server, or run it in this process.

A single build spends nine tenths of its time importing its libraries (pydantic, typer, Jinja,
lxml), not building. `plangen server start` (see server.py) keeps one process with them imported.
This entry point imports only the standard library's socket layer and, when such a server runs
for this very installation, passes it the command: arguments, working folder, environment, umask
and this process's stdin, stdout and stderr themselves (SCM_RIGHTS), so that the command reads and
writes exactly what it would here. It then exits with the command's status. With no server (the
default), a server of another installation or version, or a system without Unix sockets and
fork, the command runs here as usual: the server changes how fast, never what.

Protocol (same user only: the socket lives in a 0700 folder; the server checks the peer's uid).
The caller sends a request, 4-byte length + marshal({"op": "run"|"status"|"stop", ...}); for "run":
server b"R" (ready) → caller b"F" with the 3 stdio fds → server b"P" + pid (taken over) → caller
b"G" (go: the command may run) → server b"X" + exit status. Replies are 1 + 4 bytes. A caller that
gets no b"R" or b"P" within HANDSHAKE_SECONDS runs the command itself; a server that gets no b"G"
does not run it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import socket
import stat
import sys
import zlib

SOCKET_SUFFIX = ".sock"
REPLY_SIZE = 5
GO = b"G"
HANDSHAKE_SECONDS = 5.0  # a server that does not answer within this is not used


def runtime_dir() -> str:
    """Where servers listen: PLANGEN_RUNTIME_DIR, else the user's runtime folder, else /tmp."""
    if os.environ.get("PLANGEN_RUNTIME_DIR"):
        return os.environ["PLANGEN_RUNTIME_DIR"]
    if os.environ.get("XDG_RUNTIME_DIR"):
        return os.path.join(os.environ["XDG_RUNTIME_DIR"], "plangen")
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"plangen-{os.getuid()}")


def is_private(folder: str) -> bool:
    """A real folder of this user that nobody else may enter (so nobody else can connect)."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


def code_signature() -> str:
    """Changes whenever the code a server would run differs from this process's: another Python,
    another search path, a package installed or removed, any file of plangen edited."""
    parts = [os.path.realpath(sys.executable), sys.prefix, sys.version, *sys.path[1:]]
    for entry in sys.path[1:]:
        try:
            parts.append(str(os.stat(entry).st_mtime_ns))
        except OSError:
            parts.append("-")
    package = os.path.dirname(os.path.abspath(__file__))
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            st = os.stat(os.path.join(folder, name))
            parts.append(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}")
    return f"{zlib.crc32(chr(0).join(parts).encode('utf-8', 'surrogateescape')):08x}"


def socket_path() -> str:
    return os.path.join(runtime_dir(), code_signature() + SOCKET_SUFFIX)


def supported() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and hasattr(socket, "send_fds")


def send_request(sock: socket.socket, request: dict) -> None:
    payload = marshal.dumps(request)
    sock.sendall(len(payload).to_bytes(4, "big") + payload)


def read_exactly(sock: socket.socket, size: int) -> bytes:
    """`size` bytes from the socket; EOFError when the other side closed it before."""
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_reply(sock: socket.socket) -> tuple[bytes, int] | None:
    """One reply (its kind and number), or None when the server closed the connection."""
    try:
        data = read_exactly(sock, REPLY_SIZE)
    except EOFError:
        return None
    return data[:1], int.from_bytes(data[1:], "big", signed=True)


def connect(path: str | None = None) -> socket.socket | None:
    """A connection to this installation's server, or None when none is running."""
    if not supported():
        return None
    folder = runtime_dir()
    if not is_private(folder):
        return None
    try:
        if not any(name.endswith(SOCKET_SUFFIX) for name in os.listdir(folder)):
            return None
    except OSError:
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(HANDSHAKE_SECONDS)
    try:
        sock.connect(path or socket_path())
    except OSError:
        sock.close()
        return None
    return sock


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
    if "server" in argv[1:]:
        return None  # `plangen server …` always runs here
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
    code = run_on_server(sys.argv)
    if code is None:
        from plangen.cli import main as run_here

        run_here()
    else:
        sys.exit(code)
