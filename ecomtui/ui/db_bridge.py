"""The UI's only way to the database: one thread worker serving a queue of jobs.

The database layer (SQLAlchemy, SQLModel, Alembic when an upgrade is due) is
imported inside that thread after the first paint, so the shell is on screen
before any of it loads. Jobs run strictly in the order they were submitted,
each in its own session (one unit of work), and their results come back to the
UI thread through ``call_from_thread``; a job never touches a widget.
"""

from __future__ import annotations

import importlib
import queue
from dataclasses import dataclass
from typing import Any, Callable

from textual.app import App

from ecomtui.db.location import DbLocation

Job = Callable[[Any], Any]  # receives a Core connection: read-only, or inside a write transaction


@dataclass
class _Request:
    job: Job
    write: bool
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None


_STOP = object()


class DbBridge:
    """Owns the open database and runs jobs against it in a thread worker."""

    def __init__(self, app: App, location: DbLocation):
        self.app = app
        self.location = location
        self.database = None
        self._queue: queue.Queue = queue.Queue()

    def start(self, on_open: Callable[[Any], None], on_fail: Callable[[Exception], None]) -> None:
        """Open the database in the worker, then serve jobs until :meth:`stop`."""
        self.app.run_worker(
            lambda: self._serve(on_open, on_fail), thread=True, name="database", group="database", exit_on_error=False
        )

    def submit(
        self,
        job: Job,
        *,
        write: bool = False,  # True: the job runs inside one write transaction
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue ``job(session)``; ``on_done(result)`` / ``on_error(exc)`` run on the UI thread."""
        self._queue.put(_Request(job, write, on_done, on_error))

    def stop(self) -> None:
        self._queue.put(_STOP)

    def _serve(self, on_open, on_fail) -> None:
        try:
            from ecomtui.db.engine import open_database

            self.database = open_database(location=self.location)
        except Exception as exc:  # shown as a dialog, never a crash
            self.app.call_from_thread(on_fail, exc)
            return
        self.app.call_from_thread(on_open, self.database)
        warmed = False
        while True:
            try:
                request = self._queue.get(timeout=None if warmed else 0.3)
            except queue.Empty:
                # idle after start-up: load the write path now, not on the first edit
                for module in ("ecomtui.services.tasks", "ecomtui.services.validation"):
                    importlib.import_module(module)

                warmed = True
                continue
            if request is _STOP:
                break
            try:
                context = self.database.transaction() if request.write else self.database.connect()
                with context as session:
                    result = request.job(session)
            except Exception as exc:
                handler = request.on_error or self.app.show_error  # type: ignore[attr-defined]
                self._deliver(handler, exc)
            else:
                if request.on_done is not None:
                    self._deliver(request.on_done, result)
        self.database.dispose()

    def _deliver(self, callback, value) -> None:
        try:
            self.app.call_from_thread(callback, value)
        except RuntimeError:
            pass  # the app is shutting down
