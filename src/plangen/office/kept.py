"""A LibreOffice kept running, so that a batch of PDFs, or of old Word files (.doc) to read, does
not start one per document.

Started afresh, LibreOffice takes about a second to make one PDF; kept running, a few tens of
milliseconds. plangen does not talk to LibreOffice itself: `launcher.py`, run under the Python
that has LibreOffice's `uno` module, starts LibreOffice with a private profile and serves
conversions with unoserver's converter (a well-kept library that drives LibreOffice's filters
through its UNO bridge); plangen asks it by XML-RPC.

- Nothing of it listens on TCP, where any local user could ask it to read or write the owner's
  files: LibreOffice's UNO bridge is a named pipe in a private folder (0700), the XML-RPC server
  a Unix socket in another (this process's `folder`), and it answers this user's processes only.
- One `Office` per process: each worker of a batch has its own (started at its first PDF); the
  build server starts one that the commands it runs share.
- A document that takes more than `TIMEOUT_S` seconds, a LibreOffice that crashed, was killed or
  is stopped (SIGSTOP: seen at once, not after the timeout) gets the office restarted and the
  document converted once more.
- Stopped when its process ends (and by the kernel when that process is killed, see
  `launcher.py`), so no LibreOffice is left behind.
- When it cannot start (no `uno` module, no unoserver, `PLANGEN_OFFICE=once`), `converter()`
  returns None and convert.py starts LibreOffice for each document, as before.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.client
import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from pathlib import Path

from plangen.errors import OutputError, Problem
from plangen.i18n import _

PDF = "writer_pdf_Export"  # LibreOffice's export filters: a PDF of a document,
WORD = "MS Word 2007 XML"  # a .docx (of an old Word file, for the readers)
TIMEOUT_S = 120.0  # one document (PLANGEN_OFFICE_TIMEOUT to change it)
START_S = 60  # LibreOffice's start, with a fresh profile
ENV_MODE = "PLANGEN_OFFICE"  # "once": never keep LibreOffice running
ENV_PYTHON = "PLANGEN_UNO_PYTHON"  # the Python that has LibreOffice's `uno` module


def timeout() -> float:
    """Seconds one document may take before LibreOffice is taken for hung."""
    try:
        value = float(os.environ.get("PLANGEN_OFFICE_TIMEOUT", TIMEOUT_S))
    except ValueError:
        return TIMEOUT_S
    return value if 0 < value < 86_400 else TIMEOUT_S


class OfficeUnavailable(Exception):
    """The persistent LibreOffice cannot run here; the reason, for the user."""


@functools.cache
def uno_python(soffice: str) -> str:
    """A Python that can `import uno`: $PLANGEN_UNO_PYTHON, LibreOffice's own, or the system's."""
    program = Path(os.path.realpath(soffice)).parent
    candidates = [os.environ.get(ENV_PYTHON), str(program / "python"), str(program / "python.exe"),
                  "/usr/bin/python3", shutil.which("python3")]
    for candidate in filter(None, candidates):
        if not os.access(candidate, os.X_OK):
            continue
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            if subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0:
                return candidate
    raise OfficeUnavailable(_("no Python with LibreOffice's `uno` module (on Debian or Ubuntu: "
                              "`sudo apt-get install python3-uno`)"))


def _unoserver_folder() -> str:
    spec = importlib.util.find_spec("unoserver")
    if spec is None or not spec.origin:
        raise OfficeUnavailable(_("the unoserver package is not installed"))
    return str(Path(spec.origin).parent.parent)  # the folder it is installed in (with its metadata)


def _pipe_folder() -> tuple[str, str]:
    """(name, folder) of LibreOffice's UNO pipe: LibreOffice makes the socket `<name>` in
    /tmp/OSL_PIPE_<uid>_…; `name` begins with a folder made here first, private (0700, and
    created, never reused: nobody else can have put anything in it), so the socket is in a
    folder that only its owner can enter."""
    base = "/tmp" if os.access("/tmp", os.W_OK) else "/var/tmp"  # as LibreOffice chooses
    token = f"plangen-{secrets.token_hex(12)}"
    folder = os.path.join(base, f"OSL_PIPE_{os.getuid()}_{token}")
    try:
        os.mkdir(folder, 0o700)
    except OSError as exc:
        raise OfficeUnavailable(str(exc)) from None
    return f"{token}/uno", folder


class _UnixConnection(http.client.HTTPConnection):
    """HTTP over a Unix socket (XML-RPC to the launcher), with a timeout."""

    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


class _Transport(xmlrpc.client.Transport):
    """XML-RPC on the launcher's Unix socket, with a timeout: a hung LibreOffice is not waited
    for forever. `connection` is the one in use, for the watch that aborts it."""

    def __init__(self, path: str, timeout: float):
        super().__init__()
        self.path = path
        self.timeout = timeout
        self.connection: _UnixConnection | None = None

    def make_connection(self, host):  # type: ignore[no-untyped-def]
        self.connection = _UnixConnection(self.path, self.timeout)
        return self.connection

    def request(self, host, handler, request_body, verbose=False):  # type: ignore[no-untyped-def]
        """Once: xmlrpc's own would send a conversion again on a connection the watch cut."""
        return self.single_request(host, handler, request_body, verbose)


_FAILURES = (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError, xmlrpc.client.Fault)


def _stopped(pid: int) -> bool:
    """The process is stopped (SIGSTOP, a debugger) or a zombie: it will not answer (Linux)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state in ("T", "t", "Z")


class Office:
    """One LibreOffice behind the launcher's conversion server, started by this process."""

    def __init__(self, soffice: str):
        self.soffice = soffice
        self.owner = os.getpid()
        self.launcher: subprocess.Popen | None = None
        self.folder = ""  # private: profile, log, the launcher's socket
        self.pipe_folder = ""  # private: LibreOffice's UNO pipe
        self.started = 0.0
        self.ready = False

    @property
    def socket(self) -> str:
        return os.path.join(self.folder, "rpc")

    def launch(self) -> None:
        """Start the launcher (from the thread that will keep it: Linux ties a child's
        parent-death signal to the thread that started it); `wait_ready` waits for it."""
        python = uno_python(self.soffice)
        env = dict(os.environ, PYTHONPATH=_unoserver_folder())
        env.pop("PYTHONHOME", None)
        self.folder = _private_folder()
        scratch = Path(self.folder, "tmp")  # LibreOffice's temporary files: removed with the folder,
        scratch.mkdir()  # even when LibreOffice is killed and cannot remove them itself
        env["TMPDIR"] = str(scratch)
        profile = Path(self.folder, "profile").as_uri()
        pipe_name, self.pipe_folder = _pipe_folder()
        launcher = Path(__file__).with_name("launcher.py")
        try:
            with open(Path(self.folder, "log.txt"), "wb") as log:
                self.launcher = subprocess.Popen(
                    [python, str(launcher), self.soffice, profile, self.socket, pipe_name,
                     os.path.join(self.pipe_folder, "uno"), str(os.getpid())],
                    env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                    start_new_session=True)  # Ctrl-C in the terminal is for plangen, which stops it
        except OSError as exc:
            self.stop()
            raise OfficeUnavailable(str(exc)) from None
        self.started = time.monotonic()

    def wait_ready(self) -> None:
        if self.ready:
            return
        deadline = self.started + START_S
        while not (os.path.exists(self.socket) and self._answers(timeout=2)):
            if self.launcher.poll() is not None or time.monotonic() > deadline:
                reason = self._log_tail() or _("it did not start within {n} seconds").format(n=START_S)
                self.stop()
                raise OfficeUnavailable(reason)
            time.sleep(0.05)
        self.ready = True

    def _proxy(self, timeout: float) -> tuple[xmlrpc.client.ServerProxy, _Transport]:
        transport = _Transport(self.socket, timeout)
        return xmlrpc.client.ServerProxy("http://localhost/", allow_none=True, transport=transport), transport

    def _answers(self, timeout: float) -> bool:
        """The launcher answers, and LibreOffice behind it (its version is asked of it)."""
        if self.hung():
            return False
        try:
            return bool(self._proxy(timeout)[0].info().get("version"))
        except _FAILURES:
            return False

    def _log_tail(self) -> str:
        with contextlib.suppress(OSError):
            lines = Path(self.folder, "log.txt").read_text(errors="replace").strip().splitlines()
            return lines[-1][:200] if lines else ""
        return ""

    def _pids(self) -> list[int]:
        """The launcher's and LibreOffice's process ids."""
        pids = [self.launcher.pid] if self.launcher is not None else []
        with contextlib.suppress(OSError, ValueError):
            pids.append(int(Path(self.folder, "office.pid").read_text()))
        return pids

    def hung(self) -> bool:
        """The launcher or LibreOffice is stopped: it would never answer."""
        return any(_stopped(pid) for pid in self._pids())

    def alive(self) -> bool:
        if self.launcher is None:
            return False
        if self.owner == os.getpid():
            return self.launcher.poll() is None
        try:  # the build server's, seen from a command it forked: not our child to wait for
            os.kill(self.launcher.pid, 0)
            return True
        except OSError:
            return False

    def convert(self, docx: Path, pdf: Path, pdf_a: bool = False, export: str = PDF) -> None:
        """Write `pdf` from `docx` (fields and indexes updated; PDF/A-2b when asked), or, with
        `export` = WORD, a .docx from an old Word file (.doc) as it is: its indexes not updated,
        so that what is read is what the file holds. A LibreOffice found stopped while it converts
        is not waited for: TimeoutError at once."""
        if self.hung():
            raise TimeoutError("LibreOffice is stopped")
        options = ["SelectPdfVersion=2"] if pdf_a else []
        proxy, transport = self._proxy(timeout())
        done = threading.Event()
        stopped = threading.Event()

        def watch() -> None:
            while not done.wait(0.25):
                if self.hung():
                    stopped.set()
                    connection = transport.connection
                    if connection is not None and connection.sock is not None:
                        with contextlib.suppress(OSError):
                            connection.sock.shutdown(socket.SHUT_RDWR)
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            proxy.convert(str(docx.resolve()), str(pdf.resolve()), export, options, export == PDF)
        except _FAILURES:
            if stopped.is_set():
                raise TimeoutError("LibreOffice is stopped") from None
            raise
        finally:
            done.set()
            watcher.join()

    def end(self) -> None:
        """End a LibreOffice that is not this process's (the build server's, found hung by a
        command): the server sees it gone and starts another."""
        if self.launcher is not None and self.owner != os.getpid():
            for pid in self._pids():
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        """End the launcher (which ends LibreOffice) and remove the private folders."""
        if self.launcher is not None and self.owner == os.getpid():
            with contextlib.suppress(OSError):
                if self.hung():  # a stopped process takes no SIGTERM until it is continued
                    for pid in reversed(self._pids()):
                        os.kill(pid, signal.SIGKILL)
                self.launcher.send_signal(signal.SIGTERM)
            try:
                self.launcher.wait(10)
            except subprocess.TimeoutExpired:
                self.launcher.kill()
                self.launcher.wait()
            self.launcher = None
        if self.owner == os.getpid():
            for folder in (self.folder, self.pipe_folder):
                if folder:
                    shutil.rmtree(folder, ignore_errors=True)
            self.folder = self.pipe_folder = ""


def _private_folder() -> str:
    """A new folder of this user's alone (mkdtemp: 0700), with a path short enough for a Unix
    socket (108 bytes at most): under the temporary folder, else under /tmp."""
    folder = tempfile.mkdtemp(prefix="plangen-office-")
    if len(os.path.join(folder, "rpc").encode()) < 100:
        return folder
    os.rmdir(folder)
    return tempfile.mkdtemp(prefix="plangen-office-", dir="/tmp")


_office: Office | None = None
_said = False
_starting = threading.Lock()  # one start at a time (two threads converting at once)


def enabled() -> bool:
    return os.environ.get(ENV_MODE, "").lower() != "once"


def usable(soffice: str) -> bool:
    """Whether a LibreOffice can be kept running here; when not, says why (once): asked before a
    batch gives its work to processes, so that the reason is not said by each of them."""
    if not enabled():
        return False
    try:
        uno_python(soffice)
        _unoserver_folder()
    except OfficeUnavailable as exc:
        _say_unavailable(exc)
        return False
    return True


def _say_unavailable(reason: Exception) -> None:
    """Said once per process; after it, documents are converted one LibreOffice start each."""
    global _said
    if not _said:
        _said = True
        print(_("LibreOffice cannot be kept running ({reason}): each PDF starts it afresh, which is "
                "slower").format(reason=reason), file=sys.stderr)


def _alive() -> Office | None:
    return _office if _office is not None and _office.alive() else None


def prestart(soffice: str) -> None:
    """Start this process's LibreOffice now, without waiting for it: it gets ready while the first
    documents are built."""
    if enabled():
        with _starting:
            _running_office(soffice, wait=False)


def converter(soffice: str, start: bool = True) -> Office | None:
    """This process's running LibreOffice (the build server's, or one started earlier, e.g. by
    `prestart`, waited for until ready; or started at this call when `start`), or None when it
    cannot run: then the reason is said once and documents are converted one LibreOffice start
    each."""
    if not enabled():
        return None
    with _starting:
        return _running_office(soffice, start=start)


def _running_office(soffice: str, wait: bool = True, start: bool = True) -> Office | None:
    global _office
    office = _alive()
    if office is None and (_said or not start):
        return None
    try:
        if office is None:
            office = Office(soffice)
            office.launch()
            _office = office
            _stop_at_exit(office)
        if wait:
            office.wait_ready()
    except OfficeUnavailable as exc:
        _office = None
        _say_unavailable(exc)
        return None
    return office


def restart_if_ended(soffice: str) -> None:
    """This process's LibreOffice, started again if it was running and has ended (the build
    server's, which its commands share)."""
    global _office
    with _starting:
        if _office is not None and not _office.alive():
            _office.stop()
            _office = None
            _running_office(soffice)


def _stop_at_exit(office: Office) -> None:
    atexit.register(office.stop)
    from multiprocessing import util

    util.Finalize(office, office.stop, exitpriority=100)  # worker processes do not run atexit


def convert(soffice: str, docx: Path, pdf: Path, pdf_a: bool = False, start: bool = True,
            export: str = PDF) -> bool:
    """Convert through the running LibreOffice (started when `start`: worth it from the second
    document on); False when there is none (convert one-shot). `export`: PDF, or WORD for an old
    Word file read as a .docx. A crashed, killed or hung
    LibreOffice is restarted and the document converted once more; a document that LibreOffice,
    answering, fails on is tried once more too (a LibreOffice killed during the conversion may
    answer still for an instant) before it is blamed."""
    global _office
    for attempt in (1, 2):
        office = converter(soffice, start=start or attempt == 2)
        if office is None:
            return False
        try:
            # each try writes in a folder of its own: a LibreOffice killed while writing leaves its
            # lock file beside the output, and one started in its place refuses to write there
            with tempfile.TemporaryDirectory(dir=pdf.parent, prefix=".plangen-try-") as folder:
                office.convert(docx, Path(folder, pdf.name), pdf_a, export)
                if Path(folder, pdf.name).exists():  # else the caller reports it missing
                    os.replace(Path(folder, pdf.name), pdf)
            return True
        except _FAILURES as exc:
            healthy = not isinstance(exc, TimeoutError) and office._answers(timeout=5)  # a timeout: hung
            if healthy and isinstance(exc, xmlrpc.client.Fault) and attempt == 2:  # the document's fault:
                raise OutputError(Problem(str(docx), None, None, _(
                    "LibreOffice could not convert the document ({detail})").format(
                        detail=exc.faultString.strip().splitlines()[-1][:200] if exc.faultString else "?"))) from None
            if not healthy:
                office.end()  # the build server's: ended, for the server to start another
                office.stop()
                _office = None
            if attempt == 2:
                raise OutputError(Problem(str(docx), None, None, _(
                    "LibreOffice stopped or hung twice while converting the document ({detail})").format(
                        detail=type(exc).__name__))) from None
    return False


def stop() -> None:
    """Stop this process's LibreOffice, if it started one."""
    global _office
    if _office is not None:
        _office.stop()
        _office = None
