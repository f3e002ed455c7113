"""The channel between the `plangen` command and the build server: where the socket lives, who may
connect, and how requests and replies are framed.

Protocol (same user only: the socket lives in a 0700 folder; the server checks the peer's uid).
The caller sends a request, 4-byte length + marshal({"op": "run"|"status"|"stop", ...}); for "run":
server b"R" (ready) → caller b"F" with the 3 stdio fds → server b"P" + pid (taken over) → caller
b"G" (go: the command may run) → server b"X" + exit status. Replies are 1 + 4 bytes. A caller that
gets no b"R" or b"P" within HANDSHAKE_SECONDS runs the command itself; a server that gets no b"G"
does not run it.
"""

from __future__ import annotations

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
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the whole plangen package
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
