"""The database bridge never dies: a failing job or callback is a dialog, and later writes still land."""

from __future__ import annotations

import threading

from support import screen_text, seed_tasks, stored_tasks, wait_until
from textual.widget import Widget

from ecomtui.app import EcomApp
from ecomtui.services import tasks
from ecomtui.ui.db_bridge import JobProgress
from ecomtui.ui.dialogs.error import ErrorDialog


def _add(title: str):
    def job(conn):
        return tasks.create_task(conn, tasks.parse_task_input(conn, title=title))

    return job


async def _ready(pilot):
    await wait_until(pilot, lambda: pilot.app.tab("tasks") is not None and pilot.app.tab("tasks").loaded, "board")


async def test_a_failing_callback_shows_a_dialog_and_the_next_save_still_lands(tmp_path, fake_home):
    path = seed_tasks(tmp_path / "cb.db", [])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(pilot)
        app.bridge.submit(_add("First"), write=True, on_done=lambda card: 1 / 0)
        await wait_until(pilot, lambda: "division by zero" in screen_text(app), "error dialog")
        assert isinstance(app.screen, ErrorDialog)
        assert app.screen.message == (
            f"something went wrong with {path} (division by zero); if it happens again, please report it"
        )
        await pilot.press("escape")
        saved = []
        app.bridge.submit(_add("Second"), write=True, on_done=saved.append)
        await wait_until(pilot, lambda: bool(saved), "the next save")
    assert sorted(card.title for card in stored_tasks(path)) == ["First", "Second"]


async def test_a_failing_job_shows_a_dialog_and_the_next_save_still_lands(tmp_path):
    path = seed_tasks(tmp_path / "job.db", [])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(pilot)

        def broken(conn):
            raise RuntimeError("the disk said no")

        app.bridge.submit(broken, write=True)
        await wait_until(pilot, lambda: "the disk said no" in screen_text(app), "error dialog")
        assert isinstance(app.screen, ErrorDialog)
        await pilot.press("escape")
        saved = []
        app.bridge.submit(_add("After the failure"), write=True, on_done=saved.append)
        await wait_until(pilot, lambda: bool(saved), "the next save")
    assert [card.title for card in stored_tasks(path)] == ["After the failure"]


async def test_a_result_for_a_widget_that_is_gone_is_dropped(tmp_path):
    path = seed_tasks(tmp_path / "gone.db", [{"title": "Kept"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(pilot)
        widget = Widget()
        await app.screen.mount(widget)
        await widget.remove()
        heard = []
        app.bridge.submit(lambda conn: "result", requester=widget, on_done=heard.append)
        later = []
        app.bridge.submit(lambda conn: "later", on_done=later.append)
        await wait_until(pilot, lambda: bool(later), "a later job")
        assert heard == [] and not isinstance(app.screen, ErrorDialog)


class ProgressListener(Widget):
    """Listens for progress as a tab showing a progress bar would."""

    def __init__(self, heard: list) -> None:
        super().__init__()
        self.heard = heard

    def on_job_progress(self, message: JobProgress) -> None:
        self.heard.append((message.done, message.total))


async def test_long_work_reports_progress_and_does_not_hold_up_reads(tmp_path):
    path = seed_tasks(tmp_path / "long.db", [{"title": "Readable"}])
    app = EcomApp(db=str(path))
    release = threading.Event()
    progress: list[tuple[int, int]] = []
    done = []

    def long_job(database, report):
        report(1, 3)
        release.wait(10)  # holds on until the read below has been served
        report(3, 3)
        return "imported"

    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(pilot)
        listener = ProgressListener(progress)
        await app.screen.mount(listener)
        app.bridge.run_long(long_job, name="import", requester=listener, on_done=done.append)
        read = []
        app.bridge.submit(lambda conn: tasks.list_tasks(conn), on_done=read.append)
        await wait_until(pilot, lambda: bool(read), "a read while long work runs")
        assert [c.title for c in read[0]] == ["Readable"] and not done
        release.set()
        await wait_until(pilot, lambda: bool(done), "the long work")
    assert done == ["imported"]
    assert progress == [(1, 3), (3, 3)]
