"""The ecomtui App: tab bar, global keys, command palette, help and the database status line.

Start-up paints this shell first; the database layer is imported and opened
in a thread worker afterwards (see ``ui.db_bridge``), and each tab fills in
when its data arrives.
"""

from __future__ import annotations

import gc
import time

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static
from ecomtui.ui.widgets.key_footer import KeyFooter

from ecomtui import clock
from ecomtui.db.location import DbLocation, resolve
from ecomtui.ui.db_bridge import DbBridge
from ecomtui.ui.tasks import TaskBoard
from ecomtui.ui.widgets.tab_bar import TabBar, TabSpec

STARTED = time.perf_counter()

# Tabs that exist today, in PRODUCT.md order, with their number keys.
TABS = {"2": ("tasks", "Tasks")}


def _commands_provider():
    """The palette's provider, imported when the palette first opens."""
    from ecomtui.ui.commands import EcomCommands

    return EcomCommands


class MainScreen(Screen):
    """The app's screen. A focus change repaints only the widgets whose focus styles change.

    Textual's Screen repaints the whole terminal on every focus change; on the
    board, moving between columns (or moving a card) would pay that each time.
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class EcomApp(App):
    """Run an online store's week: the tabs of PRODUCT.md, keyboard first."""

    TITLE = "ecomtui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_commands_provider}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        # priority: handled before the key goes to a widget, so the field has focus
        # before the next key arrives (fast typists type "/seo" as one burst)
        Binding("slash", "filter", "Filter", priority=True, id="app.filter"),
        *[Binding(key, f"switch_tab('{tab}')", label, show=False, id=f"app.tab.{tab}") for key, (tab, label) in TABS.items()],
    ]

    def __init__(self, location: DbLocation | None = None, db: str | None = None) -> None:
        super().__init__()
        self.location = location or resolve(db)
        self.bridge = DbBridge(self, self.location)
        self.database = None
        self.startup_seconds: float | None = None  # module import to first data on screen
        self._board = TaskBoard(id="tasks")

    def on_load(self) -> None:
        if self.no_color:
            self.add_class("-no-color")

    def get_default_screen(self) -> Screen:
        return MainScreen(id="_default")

    def compose(self) -> ComposeResult:
        yield TabBar([TabSpec(tab, key, label) for key, (tab, label) in TABS.items()], id="tab-bar")
        with ContentSwitcher(id="tabs", initial="tasks"):
            yield self._board
        yield Static(self._status_text(), id="status-line")
        yield KeyFooter()

    def _status_text(self) -> Text:
        today = clock.today()
        line = Text()
        line.append(" ecomtui ", "bold")
        line.append(f"{today.isoformat()} · {clock.iso_week(today)}")
        line.append(" · db ")
        line.append(self.location.describe())
        return line

    @property
    def task_board(self) -> TaskBoard | None:
        """The board once it is mounted (None before, e.g. for a palette opened very early)."""
        return self._board if self._board.is_mounted else None

    def on_ready(self) -> None:
        # The first frame is on screen: now load the database layer, off the UI thread.
        self.bridge.start(self._database_open, self._database_failed)

    def _database_open(self, database) -> None:
        self.database = database
        if database.backup_path is not None:
            self.notify(
                f"The database was upgraded to this version; the old file was copied to {database.backup_path}",
                title="Database upgraded",
                timeout=10,
                markup=False,
            )
        board = self.task_board
        if board is not None:
            board.load(on_loaded=self.start_up_done)

    def start_up_done(self) -> None:
        """The first data is on screen: let the garbage collector work again.

        ``cli`` turns it off for start-up (its full passes over the freshly
        imported modules cost ~150 ms); freezing what start-up created keeps
        later passes short.
        """
        self.startup_seconds = time.perf_counter() - STARTED
        gc.freeze()
        gc.enable()

    def _database_failed(self, exc: Exception) -> None:
        from ecomtui.ui.dialogs.error import ErrorDialog

        self.start_up_done()
        self.query_one("#board-status", Static).update(Text("The database could not be opened."))
        message = f"{self.location.describe()}\n\n{exc}\n\nClosing this leaves ecomtui; nothing was changed."
        # Nothing works without the database: closing the explanation ends the app
        # with the reason on the terminal and a non-zero exit code.
        self.push_screen(
            ErrorDialog("Cannot open the database", message),
            lambda _: self.exit(return_code=1, message=Text(f"ecomtui: error: {exc}")),
        )

    def show_error(self, exc: Exception) -> None:
        """Any failure of a database job: a dialog, never a traceback."""
        from ecomtui.ui.dialogs.error import ErrorDialog

        from ecomtui.services.validation import InvalidInput

        message = exc.message if isinstance(exc, InvalidInput) else f"{type(exc).__name__}: {exc}"
        self.push_screen(ErrorDialog("That did not work", message))

    def on_unmount(self) -> None:
        self.bridge.stop()

    # ---- actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.screen, ModalScreen) and action in ("switch_tab", "help", "quit", "filter"):
            return False
        if action == "filter":
            board = self.task_board
            # text areas live only in dialogs (ruled out above); Input is already loaded
            typing = isinstance(self.focused, Input)
            return board is not None and board.display and not typing
        return True

    def action_filter(self) -> None:
        board = self.task_board
        if board is not None:
            board.start_filter_now()

    def action_switch_tab(self, tab: str) -> None:
        self.query_one("#tabs", ContentSwitcher).current = tab
        self.query_one("#tab-bar", TabBar).active = tab
        if tab == "tasks" and self.task_board is not None:
            self.task_board.focus_first_column()

    def on_tab_bar_activated(self, event: TabBar.Activated) -> None:
        self.action_switch_tab(event.tab_id)

    def action_help(self) -> None:
        from ecomtui.ui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen())


def run_app(db: str | None = None) -> int:
    """Run the app on the database chosen by ``--db`` / ``ECOMTUI_DB`` / the user data dir."""
    app = EcomApp(db=db)
    app.run()
    return app.return_code or 0
