"""The build server: one long-lived process with plangen's libraries imported, for instant builds.

`plangen server start` imports everything a command needs, then waits on a Unix socket in a
private folder (see channel.py for the protocol). Each command sent by the `plangen` entry point is
run in a child forked from the server, so it starts with every import done and cannot change the
server: the child takes the caller's arguments, working folder, environment, umask and stdio, runs
the command line exactly as `plangen` would, reports its status and exits. The server stops after
`--idle` minutes without a command, on `plangen server stop`, when the socket file is removed, or
when plangen or its libraries change on disk.
Opt-in and POSIX only; without it every command simply runs in its own process.
"""

from __future__ import annotations

import contextlib
import marshal
import math
import os
import signal
import socket
import stat
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from plangen.cli import channel
from plangen.errors import PlangenError
from plangen.i18n import _

DEFAULT_IDLE_MINUTES = 60.0
POLL_SECONDS = 0.5  # how often the server reaps children and checks its idle time

# The command line's entry point, run for each command the server receives (given by `server start`:
# the server does not import the command line it serves).
Command = Callable[[], None]


@dataclass(frozen=True)
class Status:
    pid: int
    socket: str
    started: float  # time.time()
    idle_minutes: float


def _private_folder() -> str:
    """The runtime folder, created private; refused when someone else could enter it."""
    folder = channel.runtime_dir()
    with contextlib.suppress(FileExistsError):
        os.makedirs(folder, mode=0o700)
    if not channel.is_private(folder):
        raise PlangenError(_("{folder}: the build server needs a folder that only you can open "
                             "(owned by you, permissions 700)").format(folder=folder))
    return folder


def status() -> Status | None:
    """The server running for this installation, or None."""
    return _ask("status")


def stop() -> Status | None:
    """Stop the server (it finishes the commands it is running); the one stopped, or None."""
    running = _ask("stop")
    deadline = time.monotonic() + 10
    while running and os.path.exists(running.socket) and time.monotonic() < deadline:
        time.sleep(0.02)
    return running


def _ask(op: str) -> Status | None:
    """Send `status` or `stop`; the server answers both with its status, or None if none runs."""
    sock = channel.connect()
    if sock is None:
        return None
    with sock, contextlib.suppress(OSError, ValueError, EOFError, TypeError, KeyError):
        channel.send_request(sock, {"op": op})
        header = channel.read_reply(sock)
        if header is None or header[0] != b"S":
            return None
        info = marshal.loads(channel.read_exactly(sock, header[1]))
        return Status(info["pid"], info["socket"], info["started"], info["idle_minutes"])
    return None


def start(command: Command, idle_minutes: float = DEFAULT_IDLE_MINUTES) -> Status:
    """Start a server in the background and return once it accepts commands."""
    if not channel.supported():
        raise PlangenError(_("the build server needs a POSIX system (Linux, macOS); "
                             "commands run without it"))
    if not math.isfinite(idle_minutes) or idle_minutes <= 0:
        raise PlangenError(_("--idle must be a number of minutes greater than 0"))
    folder = _private_folder()
    with _start_lock(folder):  # eight `server start` at once leave one server
        running = status()
        if running is not None:
            return running
        return _start_new(command, idle_minutes)


@contextlib.contextmanager
def _start_lock(folder: str) -> Iterator[None]:
    """An exclusive lock on a file of the private folder, held while a server is being started."""
    import fcntl

    fd = os.open(os.path.join(folder, "start.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _start_new(command: Command, idle_minutes: float) -> Status:
    path = channel.socket_path()
    if len(path.encode()) > 100:
        raise PlangenError(_("{path}: the socket path is too long; set PLANGEN_RUNTIME_DIR to a "
                             "shorter folder").format(path=path))
    try:
        if not stat.S_ISSOCK(os.lstat(path).st_mode):  # a folder, a file: not a socket to replace
            raise PlangenError(_("{path}: this is not a build server's socket, and the server would listen "
                                 "there: move it away, or set PLANGEN_RUNTIME_DIR to another folder").format(path=path))
        os.unlink(path)  # left by a server that was killed: nothing answers on it (status is None)
    except FileNotFoundError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    _warm_up()
    return _daemonize(listener, path, idle_minutes, command)


def _warm_up() -> None:
    """Import what commands use, and build the plan validator, once for all commands."""
    import encodings.cp437  # noqa: F401 - names inside .docx files
    import importlib.resources.readers  # noqa: F401 - the packaged template and catalogs

    import pydantic.type_adapter  # noqa: F401

    from plangen.check import config, output, read, rules  # noqa: F401
    from plangen.document import layout, render  # noqa: F401
    from plangen.plan import load, models  # noqa: F401
    from plangen.run import build  # noqa: F401
    from plangen.word import wordfile  # noqa: F401

    models.Plan.model_rebuild(force=True)


def _daemonize(listener: socket.socket, path: str, idle_minutes: float, command: Command) -> Status:
    """Fork twice (no controlling terminal, not our child), report readiness through a pipe."""
    ready_r, ready_w = os.pipe()
    first = os.fork()
    if first == 0:  # pragma: no cover - runs in the daemon
        try:
            os.close(ready_r)
            os.setsid()
            if os.fork() != 0:
                os._exit(0)
            _detach_stdio()
            _close_inherited_fds(keep=(listener.fileno(), ready_w))
            os.chdir("/")
            info = Status(os.getpid(), path, time.time(), idle_minutes)
            _start_office()
            os.write(ready_w, str(info.pid).encode())
            os.close(ready_w)
            _serve(listener, info, command)
        finally:
            os._exit(0)
    os.close(ready_w)
    listener.close()
    os.waitpid(first, 0)
    with os.fdopen(ready_r, "rb") as pipe:
        pid = pipe.read()
    if not pid:
        raise PlangenError(_("the build server could not start"))
    return Status(int(pid), path, time.time(), idle_minutes)


def _start_office() -> None:
    """A LibreOffice kept running by the server, which the commands it runs share: a PDF after
    the first takes a fraction of a second (started before any command is forked: a command never
    sees it half-started)."""
    from plangen.office import convert
    from plangen.office import kept as office

    with contextlib.suppress(Exception):
        office.converter(convert.soffice())


def _restart_office() -> None:
    """The server's LibreOffice ended (it crashed, or a command found it hung and ended it):
    another is started for the commands that follow."""
    from plangen.office import convert
    from plangen.office import kept as office

    with contextlib.suppress(Exception):
        office.restart_if_ended(convert.soffice())


def _detach_stdio() -> None:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def _close_inherited_fds(keep: tuple[int, ...]) -> None:
    """A daemon keeps no file of whoever started it open (a CI job's pipes would never end)."""
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 1024)


def _serve(listener: socket.socket, info: Status, command: Command) -> None:  # pragma: no cover - runs in the daemon
    """Accept commands until idle, stopped, or the socket file is gone; each runs in a child."""
    stopping = False

    def request_stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    inode = os.stat(info.socket).st_ino
    children: set[int] = set()
    last = time.monotonic()
    listener.settimeout(POLL_SECONDS)
    try:
        while True:
            _reap(children)
            if children:
                last = time.monotonic()
            if stopping or time.monotonic() - last > info.idle_minutes * 60 or not _current(info.socket, inode):
                break
            _restart_office()
            try:
                conn, _address = listener.accept()
            except (TimeoutError, InterruptedError):
                continue
            conn.settimeout(None)
            if not _same_user(conn):
                conn.close()
                continue
            child = os.fork()
            if child == 0:
                listener.close()
                _handle(conn, info, command)  # never returns
            children.add(child)
            conn.close()
            last = time.monotonic()
    finally:
        if _same_file(info.socket, inode):
            with contextlib.suppress(OSError):
                os.unlink(info.socket)
        listener.close()
        if stopping:
            _end_commands(children)
        from plangen.office import kept as office

        office.stop()


def _end_commands(children: set[int], grace: float = 5.0) -> None:
    """`server stop`: the commands still running end with it (each with its worker processes)."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        for child in children:
            with contextlib.suppress(OSError):
                os.killpg(child, signum)
        deadline = time.monotonic() + grace
        while children and time.monotonic() < deadline:
            _reap(children)
            time.sleep(0.05)
        if not children:
            return


def _reap(children: set[int]) -> None:
    for child in list(children):
        with contextlib.suppress(ChildProcessError):
            done, _status = os.waitpid(child, os.WNOHANG)
            if not done:
                continue
        children.discard(child)


def _current(path: str, inode: int) -> bool:
    """Still this installation's server: its socket is in place and its code unchanged (after an
    upgrade or an edit, commands go to a new server or run on their own; this one leaves)."""
    return _same_file(path, inode) and channel.socket_path() == path


def _same_file(path: str, inode: int) -> bool:
    try:
        return os.stat(path).st_ino == inode
    except OSError:
        return False


def _same_user(conn: socket.socket) -> bool:
    """The peer runs as this user (Linux tells; elsewhere the private folder already ensures it)."""
    if not hasattr(socket, "SO_PEERCRED"):
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    return int.from_bytes(creds[4:8], sys.byteorder) == os.getuid()


def _receive(conn: socket.socket) -> dict:
    size = int.from_bytes(channel.read_exactly(conn, 4), "big")
    return marshal.loads(channel.read_exactly(conn, size))


def _handle(conn: socket.socket, info: Status, command: Command) -> None:  # pragma: no cover - runs in a child
    """Run one request in this forked child, then exit it."""
    code = 3
    try:
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.setpgid(0, 0)  # the command and its workers: one group, which the caller's signals reach
        conn.settimeout(2 * channel.HANDSHAKE_SECONDS)  # a caller that says nothing is not waited for
        request = _receive(conn)
        if request.get("op") in ("status", "stop"):
            payload = marshal.dumps({"pid": info.pid, "socket": info.socket, "started": info.started,
                                     "idle_minutes": info.idle_minutes})
            conn.sendall(b"S" + len(payload).to_bytes(4, "big") + payload)
            if request["op"] == "stop":
                os.kill(info.pid, signal.SIGTERM)
            code = 0
        elif request.get("op") == "run":
            conn.sendall(b"R" + (0).to_bytes(4, "big", signed=True))
            _message, fds, _flags, _address = socket.recv_fds(conn, 1, 3)
            if len(fds) != 3:
                return
            _take_over(request, fds)
            conn.sendall(b"P" + os.getpid().to_bytes(4, "big", signed=True))
            if conn.recv(1) != channel.GO:
                return  # the caller gave up waiting and runs the command itself
            conn.settimeout(None)
            _end_with_caller(conn)
            code = _run_command(command)
            conn.sendall(b"X" + code.to_bytes(4, "big", signed=True))
    except BaseException:
        if os.environ.get("PLANGEN_DEBUG"):  # the caller's, once taken over (and its stderr)
            import traceback

            traceback.print_exc()
    finally:
        os._exit(code)


def _end_with_caller(conn: socket.socket) -> None:
    """The caller says nothing more until the command ends: when its end of the connection closes
    first, it was killed, and the command (with its worker processes) is ended too."""
    import threading

    def watch() -> None:
        with contextlib.suppress(OSError):
            if conn.recv(1):
                return
        # this process's own group (the command and its workers): as Ctrl-C first, so that
        # temporary files are cleaned up, then for good
        for signum, wait in ((signal.SIGINT, 10.0), (signal.SIGKILL, 0.0)):
            with contextlib.suppress(OSError):
                os.killpg(0, signum)
            time.sleep(wait)

    threading.Thread(target=watch, daemon=True).start()


def _take_over(request: dict, fds: list[int]) -> None:
    """Become the caller: its stdio, folder, environment, umask and time zone."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    (enc_in, err_in), (enc_out, err_out), (enc_err, err_err) = request["stdio"]
    sys.stdin = open(0, encoding=enc_in, errors=err_in, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", buffering=1 if os.isatty(1) else -1,  # noqa: SIM115
                      encoding=enc_out, errors=err_out, closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding=enc_err, errors=err_err, closefd=False)  # noqa: SIM115
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    import tempfile

    tempfile.tempdir = None  # the caller's TMPDIR for the command's temporary files, not the server's
    os.umask(request["umask"])
    time.tzset()
    sys.argv = list(request["argv"])


def _run_command(command: Command) -> int:
    """The command line's `main()` (given by `plangen server start`) as the console script runs it;
    its exit status."""
    try:
        command()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    except KeyboardInterrupt:
        code = 130
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        with contextlib.suppress(Exception):
            sys.stderr.flush()
    return code
