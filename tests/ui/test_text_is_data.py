"""Text written into the store by other tools never acts on the terminal: it is shown made visible."""

from __future__ import annotations

import sqlite3

from support import screen_text, seed_tasks, stored_tasks, wait_loaded, wait_until
from textual import events
from textual.widgets import Static, TextArea

from ecomtui.app import EcomApp
from ecomtui.ui.dialogs.task_form import TaskForm

OSC_TITLE = "\x1b]0;PWNED\x07"  # sets the terminal's window title
LEAVE_ALT_SCREEN = "\x1b[?1049l"


def store_with_hostile_text(path):
    """A task whose title, notes and channel another tool filled with terminal escapes."""
    seed_tasks(path, [{"title": "placeholder", "status": "todo"}])
    con = sqlite3.connect(path)
    channel_id = con.execute("INSERT INTO channel (name, position) VALUES ('Ads\x1b[2J', 99) RETURNING id").fetchone()[
        0
    ]
    con.execute(
        "UPDATE task SET title = ?, notes = ?, channel_id = ?",
        (f"Promo {LEAVE_ALT_SCREEN}banner", OSC_TITLE, channel_id),
    )
    con.commit()
    con.close()
    return path


def assert_nothing_raw(text: str) -> None:
    for raw in ("\x1b", "\x07", "PWNED\x07"):
        assert raw not in text


async def test_a_task_opened_with_escapes_in_its_note_shows_them_and_sends_none(tmp_path):
    path = store_with_hostile_text(tmp_path / "hostile.db")
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        board = screen_text(app)
        assert "Promo ␛[?1049lbanner" in board
        assert "Ads␛[2J" in board
        assert_nothing_raw(board)

        app.tab("tasks").column("todo").focus()
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "task dialog")
        await pilot.pause()
        dialog = screen_text(app)
        assert "␛]0;PWNED␇" in dialog
        assert "Promo ␛[?1049lbanner" in dialog
        assert_nothing_raw(dialog)
        assert_nothing_raw(app.export_screenshot())

        # saved as shown: the stand-ins, never the control characters
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Saved “Promo ␛[?1049lbanner”" in screen_text(app), "toast")
        assert_nothing_raw(screen_text(app))
    [card] = stored_tasks(path)
    assert (card.title, card.notes) == ("Promo ␛[?1049lbanner", "␛]0;PWNED␇")


async def test_palette_entries_with_escapes_in_a_name_show_them_made_visible(tmp_path):
    path = store_with_hostile_text(tmp_path / "hostile.db")
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        for key in "ads":
            await pilot.press(key)
        await wait_until(pilot, lambda: "Filter tasks by channel: Ads␛[2J" in screen_text(app), "palette entry")
        assert_nothing_raw(screen_text(app))


async def test_a_paste_holding_a_control_character_is_refused_naming_the_field(tmp_path):
    path = tmp_path / "pasted.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "task dialog")
        notes = app.screen.query_one("#notes", TextArea)
        notes.focus()
        await pilot.pause()
        app.post_message(events.Paste(f"see {OSC_TITLE}"))
        await wait_until(pilot, lambda: "nothing was pasted" in screen_text(app), "refusal")
        assert notes.text == ""
        [refusal] = [n.message for n in app._notifications if n.title == "Not pasted"]
        assert refusal == (
            "notes contains a control character (ESC); only text, tabs and line breaks are allowed; nothing was pasted"
        )
        assert_nothing_raw(screen_text(app))
        app.post_message(events.Paste("plain words\n\tand a tab"))
        await wait_until(pilot, lambda: notes.text == "plain words\n\tand a tab", "plain paste")


async def test_a_control_character_in_notes_is_refused_at_save_and_the_dialog_stays(tmp_path):
    path = tmp_path / "typed.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "task dialog")
        for key in "Launch":
            await pilot.press(key)
        app.screen.query_one("#notes", TextArea).text = f"see {OSC_TITLE}"  # however it got there
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TaskForm), "the dialog stays open with what was typed"
        error = app.screen.query_one("#notes-error", Static).render()
        assert str(error) == "notes contains a control character (ESC); only text, tabs and line breaks are allowed"
        assert app.focused is app.screen.query_one("#notes", TextArea)
    assert stored_tasks(path) == []


def test_a_real_terminal_receives_no_escape_from_stored_text(tmp_path):
    """The app in a pseudo-terminal: the bytes it writes hold the stand-ins, never the escapes."""
    import os
    import pty
    import select
    import signal
    import sys
    import time

    path = store_with_hostile_text(tmp_path / "hostile.db")
    pid, fd = pty.fork()
    if pid == 0:  # the child: ecomtui on a 120x40 terminal
        os.environ.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
        os.execv(sys.executable, [sys.executable, "-m", "ecomtui", "--db", str(path)])
    written = bytearray()

    def read_until(wanted: str) -> None:
        deadline = time.monotonic() + 120  # only stops a hung run
        while wanted.encode() not in written:
            assert time.monotonic() < deadline, f"never shown: {wanted}"
            if select.select([fd], [], [], 0.1)[0]:
                written.extend(os.read(fd, 65536))

    try:
        read_until("This week")  # the Dashboard has its data
        os.write(fd, b"2")
        read_until("Promo ␛[?1049lbanner")  # the board, with the card selected
        os.write(fd, b"e")
        read_until("␛]0;PWNED␇")  # the task dialog, notes shown
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    assert b"\x1b]0;PWNED" not in written
    assert b"Promo \x1b[?1049l" not in written
    assert b"Ads\x1b[2J" not in written
