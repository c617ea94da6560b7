"""The first tab's first read, done by a second process while the first frame is drawn.

Start-up is two chains of work: Textual and the first frame, then SQLAlchemy,
the database and the first read. In one process they share one interpreter
lock, so the second waits for the first. On systems with ``fork`` the app
forks before it imports Textual; the child (on another core) opens the store
read-only, checks its schema is this ecomtui's, runs the first tab's read
(``TabEntry.first_read``: a services function ``(conn, today)``) and sends
the result back through a pipe. The app shows it as the tab's first data;
its own database thread opens the store as usual for everything after.

The child never writes and never creates a store: a missing file, a schema
that needs an upgrade, any error, or a child slower than ``WAIT_SECONDS``
means no result, and the tab reads as it always does.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
from importlib import import_module
from typing import Any

from ecomtui.db.location import DbLocation

WAIT_SECONDS = 10.0  # longer than any first read should take; then the app reads itself


class Prefetch:
    """A running child's promise of one result."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd

    def take(self, timeout: float = WAIT_SECONDS) -> Any | None:
        """The child's result, or None. Blocks until the child is done (call it off the UI thread), once."""
        chunks: list[bytes] = []
        try:
            while True:
                ready, _, _ = select.select([self.fd], [], [], timeout)
                if not ready:
                    return None  # too slow: the app reads itself
                chunk = os.read(self.fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
            status, value = pickle.loads(b"".join(chunks))
            return value if status == "ok" else None
        except Exception:
            return None
        finally:
            self.close()

    def close(self) -> None:
        """Stop waiting: close the pipe, end the child if it still runs, and reap it."""
        if self.fd < 0:
            return
        os.close(self.fd)
        self.fd = -1
        try:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except OSError:
            pass


def first_read() -> str | None:
    """The first tab's ``first_read`` (ecomtui.ui.tabs, which loads no Textual)."""
    from ecomtui.ui.tabs import TAB_LIST

    return min(TAB_LIST, key=lambda entry: entry.key).first_read


def start(location: DbLocation, target: str | None) -> Prefetch | None:
    """Fork a child that runs ``target`` ("module:function") on the store; None when it cannot help."""
    if target is None or not hasattr(os, "fork"):
        return None
    if location.path is None and location.url.startswith("sqlite"):
        return None  # an in-memory store: the child's would be another one
    if location.path is not None and not location.path.is_file():
        return None  # a new store: nothing to read, and the child creates nothing
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child
        os.close(read_end)
        _child(location, target, write_end)
    os.close(write_end)
    return Prefetch(pid, read_end)


def _child(location: DbLocation, target: str, fd: int) -> None:
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):  # nothing of the child's may reach the terminal
            os.dup2(devnull, stream)
        payload = pickle.dumps(("ok", read_first(location, target)))
    except BaseException:
        payload = pickle.dumps(("none", None))
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers


def read_first(location: DbLocation, target: str) -> Any:
    """Run ``target(conn, today)`` on the store as it is; refuses a store whose schema is not current."""
    from ecomtui import clock
    from ecomtui.db.engine import open_database
    from ecomtui.db.schema import schema_state

    database = open_database(location=location, upgrade=False, must_exist=True)
    try:
        state, _ = schema_state(database)
        if state != "current":
            raise LookupError(f"the schema is {state}: the app upgrades or explains it itself")
        module, _, name = target.partition(":")
        function = getattr(import_module(module), name)
        with database.connect() as conn:
            return function(conn, clock.today())
    finally:
        database.dispose()
