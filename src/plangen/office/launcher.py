"""Start LibreOffice and a conversion server in front of it (run by plangen, see kept.py).

This file is run as a script by the Python that has LibreOffice's `uno` module (Debian's
python3 with python3-uno, or LibreOffice's own), not by plangen's Python: it imports nothing of
plangen. It uses unoserver's converter (the code that drives LibreOffice's filters), not its
server, because that listens on TCP, where any local user could ask it to read or write the
owner's files:

- LibreOffice accepts UNO connections on a named pipe (`--accept=pipe,…`): a Unix socket that
  LibreOffice makes in `/tmp/OSL_PIPE_<uid>_<name>`; the name given holds a folder that plangen
  made first, private (0700), so the socket is in a folder only its owner can enter;
- conversions are served over XML-RPC on a Unix socket in plangen's private folder, and a peer
  that is not this user (Linux tells) is refused.
Nothing listens on a TCP port.

    python3 launcher.py SOFFICE PROFILE_URL RPC_SOCKET PIPE_NAME PIPE_PATH PARENT_PID

Both processes end with the process that started them (Linux: a parent-death signal, SIGTERM for
this launcher, which then removes the private folders), and on SIGTERM, so that no LibreOffice
and no folder is left behind by a killed batch. LibreOffice's process id is
written beside the RPC socket (`office.pid`), for plangen to see a LibreOffice that is stopped.
"""

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import threading
import time
import xmlrpc.server

PR_SET_PDEATHSIG = 1
RESTART = 81  # soffice.bin asks to be started again (after making a new profile); oosplash would
START_S = 60


def _libc():
    for name in ("libc.so.6", ctypes.util.find_library("c")):
        try:
            return ctypes.CDLL(name) if name else None
        except OSError:
            continue
    return None


_LIBC = _libc() if sys.platform.startswith("linux") else None


def _end_with_parent(signum: int = signal.SIGKILL) -> None:
    """The kernel sends `signum` to this process when its parent dies (Linux; elsewhere the
    SIGTERM handling below still ends LibreOffice)."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signum)


def _converter(pipe_name: str):
    """unoserver's converter, connected through the pipe; documents opened hidden as well as
    read-only (no window, no layout for a screen: a plan loads in two thirds of the time)."""
    import uno
    from com.sun.star.beans import PropertyValue
    from unoserver import converter

    class HiddenDesktop:
        def __init__(self, desktop):
            self._desktop = desktop

        def loadComponentFromURL(self, url, frame, flags, properties):  # UNO names it so
            hidden = PropertyValue(Name="Hidden", Value=True)
            return self._desktop.loadComponentFromURL(url, frame, flags, (*properties, hidden))

        def __getattr__(self, name):
            return getattr(self._desktop, name)

    class PipeConverter(converter.UnoConverter):
        def __init__(self):  # unoserver's, with a pipe instead of a TCP port
            self.local_context = uno.getComponentContext()
            self.resolver = self.local_context.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", self.local_context)
            self.context = self.resolver.resolve(f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext")
            self.service = self.context.ServiceManager
            self.desktop = HiddenDesktop(self.service.createInstanceWithContext(
                "com.sun.star.frame.Desktop", self.context))
            self.filter_service = self.service.createInstanceWithContext(
                "com.sun.star.document.FilterFactory", self.context)
            self.type_service = self.service.createInstanceWithContext(
                "com.sun.star.document.TypeDetection", self.context)
            self.temp_dir = None
            self._export_filters = None
            self._import_filters = None

    return PipeConverter()


class _Handler(xmlrpc.server.SimpleXMLRPCRequestHandler):
    disable_nagle_algorithm = False  # a TCP option: this is a Unix socket
    rpc_paths = ("/", "/RPC2")

    def address_string(self) -> str:
        return "local"

    def log_message(self, *args) -> None:
        pass

    def log_request(self, *args) -> None:
        pass


class _Server(socketserver.UnixStreamServer, xmlrpc.server.SimpleXMLRPCDispatcher):
    """XML-RPC on a Unix socket, answering this user's processes only."""

    logRequests = False

    def __init__(self, path: str):
        xmlrpc.server.SimpleXMLRPCDispatcher.__init__(self, allow_none=True, encoding=None)
        old = os.umask(0o077)
        try:
            socketserver.UnixStreamServer.__init__(self, path, _Handler)
        finally:
            os.umask(old)

    def verify_request(self, request, client_address) -> bool:
        peer = getattr(socket, "SO_PEERCRED", None)
        if peer is None:
            return True  # the private folder already keeps others out
        _pid, uid, _gid = struct.unpack("3i", request.getsockopt(socket.SOL_SOCKET, peer, struct.calcsize("3i")))
        return uid == os.getuid()


def _wait_for_pipe(path: str, office: subprocess.Popen, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if office.poll() is not None:
            return False
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(path)
                return True
            except OSError:
                time.sleep(0.05)
    return False


def main() -> int:
    soffice, profile, rpc_path, pipe_name, pipe_path, parent = sys.argv[1:7]
    # Debian's `soffice` is a script that runs `oosplash`, which runs `soffice.bin` as its child:
    # run the program itself, so that it is the process that ends with this launcher
    program = os.path.join(os.path.dirname(os.path.realpath(shutil.which(soffice) or soffice)), "soffice.bin")
    if os.access(program, os.X_OK):
        soffice = program
    # this launcher ends with plangen's process, by SIGTERM: it then ends LibreOffice and removes the
    # private folders (a plangen process killed outright cannot remove them itself)
    _end_with_parent(signal.SIGTERM)
    if os.getppid() != int(parent):  # plangen ended before the signal was asked for
        return 1
    launcher = os.getpid()
    os.umask(0o077)  # LibreOffice's pipes (and its profile) for this user alone

    def child_setup() -> None:
        _end_with_parent()
        if os.getppid() != launcher:
            os._exit(1)

    accept = f"pipe,name={pipe_name};urp;StarOffice.ComponentContext"
    command = [soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
               "--nofirststartwizard", "--norestore", f"-env:UserInstallation={profile}", f"--accept={accept}"]

    def run_office() -> subprocess.Popen:
        started = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, preexec_fn=child_setup, start_new_session=True)
        with open(os.path.join(os.path.dirname(rpc_path), "office.pid"), "w") as fh:
            fh.write(str(started.pid))
        return started

    office = run_office()

    def leave(_signum: int, _frame: object) -> None:
        try:
            os.killpg(office.pid, signal.SIGKILL)  # LibreOffice and anything it started
        except OSError:
            office.kill()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(office.pid, 0)  # not office.wait(): this thread may be inside it, holding its lock
        if os.getppid() != int(parent):  # plangen is gone: nobody else will remove them
            for folder in (os.path.dirname(rpc_path), os.path.dirname(pipe_path)):
                shutil.rmtree(folder, ignore_errors=True)
        os._exit(0)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, leave)
    deadline = time.monotonic() + START_S
    restarts = 0
    while not _wait_for_pipe(pipe_path, office, deadline):
        if office.poll() is None:
            print(f"LibreOffice did not start within {START_S} seconds", file=sys.stderr)
            leave(0, None)
        if office.returncode == RESTART and restarts < 3:  # a new profile was made: start again
            restarts += 1
            office = run_office()
            continue
        print(f"LibreOffice ended while starting (status {office.returncode})", file=sys.stderr)
        return 1

    import logging

    logging.basicConfig(level=logging.WARNING)
    converter = None
    while converter is None:
        try:
            converter = _converter(pipe_name)
        except Exception as exc:  # UNO's NoConnectException: the bridge is not ready yet
            if office.poll() is not None or time.monotonic() > deadline:
                print(f"LibreOffice does not answer ({type(exc).__name__})", file=sys.stderr)
                leave(0, None)
            time.sleep(0.05)

    server = _Server(rpc_path)

    def info() -> dict:
        """Answered by LibreOffice itself (its version), not from what this server keeps."""
        return {"version": converter.uno_info(), "pid": office.pid}

    def convert(inpath, outpath, filtername, filter_options, update_index) -> None:
        converter.convert(inpath=inpath, outpath=outpath, filtername=filtername,
                          filter_options=filter_options, update_index=update_index)

    server.register_function(info)
    server.register_function(convert)
    # served by a thread: this one waits for LibreOffice, and so takes SIGTERM at once even while a
    # conversion waits inside LibreOffice (a signal is handled between two steps of this thread)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    office.wait()  # LibreOffice ended (crashed, killed): so does this server
    return 1


if __name__ == "__main__":
    sys.exit(main())
