"""Start LibreOffice and unoserver's XML-RPC server in front of it (run by plangen, see office.py).

This file is run as a script by the Python that has LibreOffice's `uno` module (Debian's
python3 with python3-uno, or LibreOffice's own), not by plangen's Python: it imports nothing of
plangen. It does what `unoserver` does when started from the command line, without its fixed
seven seconds of waiting: LibreOffice is ready as soon as its UNO port accepts a connection.

    python3 launcher.py SOFFICE PROFILE_URL XMLRPC_PORT UNO_PORT PARENT_PID

Both processes end with the process that started them (Linux: a parent-death signal), and on
SIGTERM, so that no LibreOffice is left behind by a killed batch.
"""

import ctypes
import ctypes.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

PR_SET_PDEATHSIG = 1
RESTART = 81  # soffice.bin asks to be started again (after making a new profile); oosplash would


def _libc():
    for name in ("libc.so.6", ctypes.util.find_library("c")):
        try:
            return ctypes.CDLL(name) if name else None
        except OSError:
            continue
    return None


_LIBC = _libc() if sys.platform.startswith("linux") else None


def _end_with_parent() -> None:
    """The kernel sends SIGKILL to this process when its parent dies (Linux; elsewhere the
    SIGTERM handling below still ends LibreOffice)."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _open_documents_hidden() -> None:
    """unoserver opens documents read-only; opened hidden as well (no window, no layout for a
    screen), LibreOffice loads a plan in two thirds of the time (measured: 95 → 64 ms)."""
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

    setup = converter.UnoConverter.__init__

    def init(self, *args, **kwargs):
        setup(self, *args, **kwargs)
        self.desktop = HiddenDesktop(self.desktop)

    converter.UnoConverter.__init__ = init


def main() -> int:
    soffice, profile, port, uno_port, parent = sys.argv[1:6]
    # Debian's `soffice` is a script that runs `oosplash`, which runs `soffice.bin` as its child:
    # run the program itself, so that it is the process that ends with this launcher
    program = os.path.join(os.path.dirname(os.path.realpath(shutil.which(soffice) or soffice)), "soffice.bin")
    if os.access(program, os.X_OK):
        soffice = program
    _end_with_parent()  # this launcher ends with plangen's process
    if os.getppid() != int(parent):  # plangen ended before the signal was asked for
        return 1
    launcher = os.getpid()

    def child_setup() -> None:
        _end_with_parent()
        if os.getppid() != launcher:
            os._exit(1)

    accept = f"socket,host=127.0.0.1,port={uno_port},tcpNoDelay=1;urp;StarOffice.ComponentContext"
    command = [soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
               "--nofirststartwizard", "--norestore", f"-env:UserInstallation={profile}", f"--accept={accept}"]

    def run_office() -> subprocess.Popen:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, preexec_fn=child_setup, start_new_session=True)

    office = run_office()
    restarts = 0

    def leave(_signum: int, _frame: object) -> None:
        try:
            os.killpg(office.pid, signal.SIGKILL)  # LibreOffice and anything it started
        except OSError:
            office.kill()
        office.wait()
        os._exit(0)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, leave)
    deadline = time.monotonic() + 60
    while True:
        if office.poll() is not None:
            if office.returncode == RESTART and restarts < 3:  # a new profile was made: start again
                restarts += 1
                office = run_office()
                continue
            print(f"LibreOffice ended while starting (status {office.returncode})", file=sys.stderr)
            return 1
        try:
            socket.create_connection(("127.0.0.1", int(uno_port)), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                leave(0, None)
            time.sleep(0.05)

    import logging

    from unoserver.server import UnoServer

    logging.basicConfig(level=logging.WARNING)
    _open_documents_hidden()
    server = UnoServer("127.0.0.1", port, "127.0.0.1", uno_port, profile)
    server.libreoffice_process = office
    server.serve()  # until LibreOffice or this launcher is ended
    leave(0, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
