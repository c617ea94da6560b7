"""The UI's only way to the database: one writer queue in a thread, results as messages.

The database layer (SQLAlchemy, SQLModel, Alembic when an upgrade is due) is
imported inside the bridge's thread after the first paint, so the shell is on
screen before any of it loads. Jobs run strictly in the order they were
submitted, each in its own connection (a write job in one transaction).

A job's result (or its error) travels back as a :class:`JobDone` message
posted to the widget that asked: the database thread never waits on the UI,
and a result for a widget that is gone is dropped. The message bubbles to the
app, which runs the job's callback; an exception there, like one in the job,
becomes the error dialog (one plain line: ``ecomtui.db.errors.explain``), and
the bridge keeps serving later jobs. On a read-only store every write job is
refused before it starts (``Database.transaction``) and reaches the tab's
``on_error`` or that dialog with the reason, whatever the tab.

Before opening the store the thread takes the first tab's read that
``ecomtui.prefetch`` did in a second process during start-up, if any, and
posts it as :class:`FirstRead`.

Long work (imports, exports, backups) runs in a thread of its own through
:meth:`DbBridge.run_long`, posting :class:`JobProgress` messages, so it never
holds up the reads and saves of the tabs.

Changes made by anyone else (another app, a script, the command line, long
work) are noticed within about a second and posted to the app as
:class:`StoreChanged`: on SQLite ``PRAGMA data_version`` on the thread's own
connection (it moves only for other connections' commits), on PostgreSQL the
``ecomtui_changes`` sequence that triggers advance on every write.
"""

from __future__ import annotations

import importlib
import inspect
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

from ecomtui.db.location import DbLocation

Job = Callable[[Any], Any]  # receives a Core connection: read-only, or inside a write transaction
LongJob = Callable[[Any, Callable[[int, int], None]], Any]  # receives the Database and progress(done, total)

IDLE_WARM_SECONDS = 0.3
FIRST_READ_SHOW_SECONDS = 2.0  # the longest the thread waits for a prefetched read to show
CHANGE_POLL_SECONDS = 1.0  # how often others' changes are looked for


@dataclass
class _Request:
    job: Job
    write: bool
    requester: MessagePump
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None


class JobDone(Message):
    """A job finished; posted to the widget that asked, handled by the app."""

    def __init__(self, request: _Request, result: Any = None, error: Exception | None = None) -> None:
        super().__init__()
        self.request = request
        self.result = result
        self.error = error


class JobProgress(Message):
    """Long work moved on: ``done`` of ``total`` (``total`` 0 when unknown)."""

    def __init__(self, name: str, done: int, total: int) -> None:
        super().__init__()
        self.name = name
        self.done = done
        self.total = total


class StoreChanged(Message):
    """Someone else changed the store: the tabs should read it again."""


class FirstRead(Message):
    """The first tab's first read, done by ecomtui.prefetch's child while the app started."""

    def __init__(self, result) -> None:
        super().__init__()
        self.result = result


class DatabaseOpened(Message):
    def __init__(self, database) -> None:
        super().__init__()
        self.database = database


class DatabaseFailed(Message):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


_STOP = object()


class DbBridge:
    """Owns the open database and runs jobs against it in one thread."""

    def __init__(self, app, location: DbLocation, warm_modules: tuple[str, ...] = (), prefetched=None):
        # warm_modules: imported when the thread is first idle once set (the app sets them when every tab is in)
        self.app = app
        self.location = location
        self.warm_modules = warm_modules
        self.prefetched = prefetched  # an ecomtui.prefetch.Prefetch: the first tab's read, done beside start-up
        self._shown = threading.Event()  # the first data is on screen (first_data_shown)
        self.database = None
        self._queue: queue.Queue = queue.Queue()
        self._opened = threading.Event()
        self.writes_submitted = 0  # write jobs queued so far: a read queued before the count moved may miss one

    def start(self) -> None:
        """Open the database in the thread (posting DatabaseOpened / DatabaseFailed to the app), then serve."""
        self.app.run_worker(self._serve, thread=True, name="database", group="database", exit_on_error=False)

    def submit(
        self,
        job: Job,
        *,
        requester: MessagePump | None = None,  # who gets the result; the app if not given
        write: bool = False,  # True: the job runs inside one write transaction
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue ``job(connection)``; ``on_done(result)`` / ``on_error(exc)`` run on the UI thread."""
        if write:
            self.writes_submitted += 1
        self._queue.put(_Request(job, write, requester or self.app, on_done, on_error))

    def run_long(
        self,
        job: LongJob,
        *,
        name: str,
        requester: MessagePump | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> threading.Thread:
        """Run ``job(database, progress)`` in its own thread; progress arrives as JobProgress messages."""
        request = _Request(lambda _: None, True, requester or self.app, on_done, on_error)

        def progress(done: int, total: int = 0) -> None:
            request.requester.post_message(JobProgress(name, done, total))

        def run() -> None:
            self._opened.wait()
            if self.database is None:
                return  # the database could not be opened: that was already shown
            try:
                result = job(self.database, progress)
            except Exception as exc:
                request.requester.post_message(JobDone(request, error=exc))
            else:
                request.requester.post_message(JobDone(request, result))

        thread = threading.Thread(target=run, name=f"ecomtui-{name}", daemon=True)
        thread.start()
        return thread

    def deliver(self, message: JobDone) -> None:
        """On the UI thread: run the job's callback (sync or async); any failure becomes the error dialog."""
        request = message.request
        try:
            if message.error is not None:
                outcome = (request.on_error or self.app.show_error)(message.error)
            elif request.on_done is not None:
                outcome = request.on_done(message.result)
            else:
                outcome = None
        except Exception as exc:  # a broken callback must not stop anything else
            self.app.show_error(exc)
            return
        if inspect.isawaitable(outcome):

            async def finish() -> None:
                try:
                    await outcome
                except Exception as exc:
                    self.app.show_error(exc)

            self.app.call_next(finish)

    def first_data_shown(self) -> None:
        """The app's first data is on screen: the thread may open the store now if it waited."""
        self._shown.set()

    def stop(self) -> None:
        if self.prefetched is not None:  # never started: no one will take it
            self.prefetched.close()
        self._queue.put(_STOP)

    # ---- the database thread ------------------------------------------------------------

    def _serve(self) -> None:
        if self.prefetched is not None:  # ready by now, usually: the child ran beside the first frame
            early, self.prefetched = self.prefetched.take(), None
            if early is not None:
                self.app.post_message(FirstRead(early))
                # Loading SQLAlchemy now would take the interpreter lock from the UI thread
                # while it draws that data (its many short waits each lose ~5 ms to this
                # thread): wait until the data is on screen.
                self._shown.wait(timeout=FIRST_READ_SHOW_SECONDS)
        try:
            from ecomtui.db.engine import open_database

            self.database = open_database(location=self.location)
        except Exception as exc:  # shown as a dialog, never a crash
            self._opened.set()
            self.app.post_message(DatabaseFailed(exc))
            return
        self._opened.set()
        self._seen = self._change_mark()
        self.app.post_message(DatabaseOpened(self.database))
        warmed = False
        checked = time.monotonic()
        while True:
            try:
                request = self._queue.get(timeout=CHANGE_POLL_SECONDS if warmed else IDLE_WARM_SECONDS)
            except queue.Empty:
                request = None
                if not warmed and self.warm_modules:  # set once the app has every tab
                    self._warm()
                    warmed = True
            if request is _STOP:
                break
            if request is not None:
                self._run(request)
            if time.monotonic() - checked >= CHANGE_POLL_SECONDS or request is None:
                checked = time.monotonic()
                self._check_changes()
        self.database.dispose()

    def check_now(self) -> None:
        """Look for others' changes before the next poll (the refresh key)."""
        self.submit(lambda conn: self._check_changes(force=True))

    def _change_mark(self):
        """Something that moves when another connection commits; None if this database offers nothing."""
        try:
            if self.location.path is not None:
                raw = self.database.engine.raw_connection()  # the thread's own pooled connection
                try:
                    return raw.cursor().execute("PRAGMA data_version").fetchone()[0]
                finally:
                    raw.close()
            with self.database.engine.connect() as conn:
                return conn.exec_driver_sql("SELECT last_value FROM ecomtui_changes").scalar()
        except Exception:
            return None

    def _check_changes(self, force: bool = False) -> None:
        mark = self._change_mark()
        if force or (mark is not None and mark != self._seen):
            self._seen = mark
            self.app.post_message(StoreChanged())

    def _warm(self) -> None:
        """Idle after start-up: load the tabs' write paths now, not on the first edit."""
        for module in self.warm_modules:
            try:
                importlib.import_module(module)
            except Exception:
                pass  # the job that needs it will report the failure

    def _run(self, request: _Request) -> None:
        try:
            context = self.database.transaction() if request.write else self.database.connect()
            with context as conn:
                result = request.job(conn)
        except Exception as exc:
            request.requester.post_message(JobDone(request, error=exc))
        else:
            request.requester.post_message(JobDone(request, result))
