"""The weekly review and the Dashboard, driven from the keyboard as a manager would."""

from __future__ import annotations

from support import screen_text, wait_text, wait_until
from textual.widgets import OptionList, TextArea

from ecomtui.app import EcomApp
from ecomtui.db.engine import open_database
from ecomtui.services import review, tasks
from ecomtui.ui.dialogs.confirm import ConfirmDialog
from ecomtui.ui.dialogs.pick import PickDialog
from ecomtui.ui.review import ReviewScreen

SIZE = (80, 24)


def seed(path):
    """Tasks around the frozen date (Monday 2026-11-23): last week is 2026-W47."""
    database = open_database(str(path))
    with database.transaction() as conn:
        for title, status, due in (
            ("Send Black Friday teaser", "todo", "2026-11-18"),  # slipped and overdue
            ("Brief PPC agency", "doing", "2026-11-25"),  # due this week
            ("Plan January sale", "todo", "2026-12-01"),  # due next week
        ):
            tasks.create_task(conn, tasks.parse_task_input(conn, title=title, status=status, due=due))
    database.dispose()
    return path


async def _open(pilot):
    await wait_until(pilot, lambda: all(t.loaded for t in pilot.app.tabs.values()), "tabs loaded")


async def test_the_app_opens_on_the_dashboard_and_enter_opens_the_task(tmp_path):
    app = EcomApp(db=str(seed(tmp_path / "d.db")))
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        assert app.current_tab is app.tabs["dashboard"]
        await wait_text(pilot, "Send Black Friday teaser")
        assert "Overdue (1)" in screen_text(app) and "Due this week (1)" in screen_text(app)
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter")  # the first row: the overdue task
        await wait_until(pilot, lambda: app.current_tab is app.tabs["tasks"], "the board")
        assert app.tabs["tasks"].selected_card().title == "Send Black Friday teaser"


async def test_a_whole_review_from_the_keyboard_is_saved_and_reopens_with_its_figures(tmp_path):
    path = seed(tmp_path / "r.db")
    app = EcomApp(db=str(path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open(pilot)
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.loaded, "the review")
        await wait_text(pilot, "Weekly review 2026-W47")
        tasks_step = [s.key for s in app.screen.sections].index("tasks")
        for _ in range(tasks_step):
            await pilot.press("enter")
        await wait_text(pilot, "Send Black Friday teaser")  # slipped
        for _ in range(tasks_step):
            await pilot.press("left")
        for _ in app.screen.sections:
            await pilot.press("enter")
        assert isinstance(app.focused, TextArea) and app.focused.id == "review-notes"
        await pilot.press(*"Feed fixed")
        await pilot.press("tab", "tab")
        await pilot.press(*"Plan February launch")
        await pilot.press("ctrl+t")  # the priority becomes a task
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen.saved is not None, "saved")
        await wait_text(pilot, "· saved")

    database = open_database(str(path))
    with database.connect() as conn:
        saved = review.load_saved(conn, "2026-W47")
        titles = [c.title for c in tasks.list_tasks(conn)]
    assert saved.notes == "Feed fixed" and saved.priorities == "Plan February launch"
    assert "Plan February launch" in titles
    # later, a task of that week is finished: the saved review keeps what it showed
    with database.transaction() as conn:
        teaser = next(c for c in tasks.list_tasks(conn) if c.title == "Send Black Friday teaser")
        tasks.move_task(conn, teaser.id, "done")
    database.dispose()

    app = EcomApp(db=str(path))
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.loaded, "the review")
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PickDialog), "the saved reviews")
        await wait_text(pilot, "2026-W47")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, ReviewScreen) and app.screen.read_only and app.screen.loaded,
            "reopened",
        )
        await wait_text(pilot, "read-only")
        for _ in range([s.key for s in app.screen.sections].index("tasks")):
            await pilot.press("right")
        await wait_text(pilot, "Send Black Friday teaser")  # still slipped, as it was then


async def test_leaving_with_unsaved_notes_asks_first(tmp_path):
    app = EcomApp(db=str(seed(tmp_path / "l.db")))
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.loaded, "the review")
        for _ in app.screen.sections:
            await pilot.press("enter")
        await pilot.press(*"unsaved thought", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked")
        await pilot.press("escape")  # no: stay
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one("#review-notes", TextArea).text == "unsaved thought"
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: not isinstance(app.screen, (ReviewScreen, ConfirmDialog)), "left")
