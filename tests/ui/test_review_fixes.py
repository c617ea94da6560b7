"""Regressions found by driving the app as a user would: toasts, focus, fast keys, double enter."""

from __future__ import annotations

from support import column_text, screen_text, seed_tasks, stored_tasks, wait_loaded, wait_stored, wait_until
from textual.widgets import Input

from ecomtui.app import EcomApp
from ecomtui.ui.dialogs.task_form import TaskForm


async def test_saving_shows_a_toast_with_the_title_as_typed(tmp_path):
    path = tmp_path / "toast.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:  # run_test hides toasts by default
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "Fix [bold]checkout[/] 🎉"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Added “Fix [bold]checkout[/] 🎉”" in screen_text(app), "toast")
    assert [c.title for c in stored_tasks(path)] == ["Fix [bold]checkout[/] 🎉"]


async def test_loading_never_takes_focus_from_the_filter(tmp_path):
    path = seed_tasks(tmp_path / "f.db", [{"title": "Brief SEO agency", "status": "backlog"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        board = app.tab("tasks")
        board.loaded = False  # as if the first load were still on its way
        await pilot.press("slash", "s", "e")
        board.load()
        await wait_until(pilot, lambda: board.loaded, "reload")
        await pilot.press("o")
        assert app.focused is app.screen.query_one("#filter", Input)
        assert board.filter.text == "seo"
        assert not isinstance(app.screen, TaskForm)


async def test_fast_repeated_moves_move_one_card_several_columns(tmp_path):
    path = seed_tasks(
        tmp_path / "m.db",
        [{"title": f"Card {i}", "status": "backlog", "due": f"2026-12-0{i}"} for i in range(1, 5)],
    )
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        app.tab("tasks").focus_column(app.tab("tasks").column("backlog"))
        await pilot.press("shift+right", "shift+right", "shift+right")
        cards = await wait_stored(pilot, path, lambda cards: any(c.status == "review" for c in cards))
    assert sorted((c.title, c.status) for c in cards) == [
        ("Card 1", "review"),
        ("Card 2", "backlog"),
        ("Card 3", "backlog"),
        ("Card 4", "backlog"),
    ]


async def test_enter_pressed_twice_saves_once_and_does_not_crash(tmp_path):
    path = tmp_path / "twice.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "Only once"
        await pilot.press("enter", "enter")
        await wait_until(pilot, lambda: "Only once" in column_text(app, "todo"), "card")
        await pilot.pause(0.2)
    assert [c.title for c in stored_tasks(path)] == ["Only once"]


async def test_editing_does_not_select_the_title_so_typing_appends(tmp_path):
    path = seed_tasks(tmp_path / "e.db", [{"title": "Keep me", "status": "todo"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("x")
        assert app.screen.query_one("#title", Input).value in ("Keep mex", "xKeep me")


async def test_the_error_shows_even_in_a_short_terminal(tmp_path):
    app = EcomApp(db=str(tmp_path / "short.db"))
    async with app.run_test(size=(60, 14)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "x"
        app.screen.query_one("#due", Input).value = "2026-99-99"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a valid date" in screen_text(app)


async def test_no_color_marks_overdue_with_more_than_colour(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    path = seed_tasks(tmp_path / "nc.db", [{"title": "Late one", "status": "todo", "due": "2026-11-01"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        assert app.no_color and app.has_class("-no-color")
        column = app.tab("tasks").column("todo")
        assert column.get_component_rich_style("card--overdue").reverse
        assert "late" in column_text(app, "todo")


async def test_a_burst_typed_right_after_slash_lands_in_the_filter(tmp_path):
    from textual import events

    path = seed_tasks(
        tmp_path / "burst.db", [{"title": "SEO audit", "status": "todo"}, {"title": "Mail", "status": "todo"}]
    )
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        for key, char in (("slash", "/"), ("s", "s"), ("e", "e"), ("o", "o")):
            app.post_message(events.Key(key, char))  # queued at once, as a fast typist's keys are
        await wait_until(pilot, lambda: app.tab("tasks").filter.text == "seo", "filter text")
        assert [c.title for c in app.tab("tasks").column("todo").cards] == ["SEO audit"]


async def test_editing_a_task_of_an_archived_owner_shows_that_owner(tmp_path):
    from textual.widgets import Select

    from ecomtui.db.engine import open_database
    from ecomtui.db.models import Partner

    path = tmp_path / "arch.db"
    database = open_database(str(path))
    with database.write() as session:
        session.add(Partner(name="Old Agency", kind="agency"))
    database.dispose()
    seed_tasks(path, [{"title": "Legacy task", "status": "todo", "owner": "Old Agency"}])
    database = open_database(str(path))
    with database.write() as session:  # the agency is archived after the task was given to it
        from sqlmodel import select

        for partner in session.exec(select(Partner)).all():
            partner.archived = True
    database.dispose()
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TaskForm)
        owner = app.screen.query_one("#owner", Select)
        assert owner.value == app.tab("tasks").cards[0].owner_id
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, TaskForm), "saved")
    assert [(c.title, c.owner) for c in stored_tasks(path)] == [("Legacy task", "Old Agency")]


async def test_a_new_task_on_a_filtered_board_takes_the_filter_s_channel_and_sprint(tmp_path):
    from textual.widgets import Select

    path = seed_tasks(
        tmp_path / "pre.db", [{"title": "Existing", "status": "todo", "channel": "SEO", "sprint": "2026-12"}]
    )
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        app.tab("tasks").set_filter(channel="SEO", sprint="2026-12")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#sprint", Input).value == "2026-12"
        assert form.query_one("#channel", Select).value == app.tab("tasks").cards[0].channel_id


async def test_left_and_right_keep_the_selection_at_the_same_height(tmp_path):
    rows = [{"title": f"B{i}", "status": "backlog", "due": f"2026-12-{i + 1:02d}"} for i in range(20)]
    rows += [{"title": f"T{i}", "status": "todo", "due": f"2026-12-{i + 1:02d}"} for i in range(20)]
    path = seed_tasks(tmp_path / "nav.db", rows)
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        board = app.tab("tasks")
        board.focus_column(board.column("todo"))
        await pilot.press(*["down"] * 12)
        await pilot.pause()
        before = board.selected_card().title
        await pilot.press("left", "right")
        await pilot.pause()
        assert board.selected_card().title == before
