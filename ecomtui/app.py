"""The ecomtui App: tab bar, global keys, command palette, help and the database status line.

The tabs come from one list (:mod:`ecomtui.ui.tabs`); the app composes them,
binds their number keys and asks the current one for its palette commands,
and never reaches into a tab's widgets. Start-up paints this shell first; the
database layer is imported and opened in the bridge's thread afterwards
(:mod:`ecomtui.ui.db_bridge`), the first tab loads as soon as it is open (or
shows the read :mod:`ecomtui.prefetch` did beside start-up) and the others
once the first tab's data shows.
"""

from __future__ import annotations

import gc
import time
from functools import partial

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import ContentSwitcher, Input, Static

from ecomtui import clock
from ecomtui.db.location import DbLocation, resolve
from ecomtui.prefetch import Prefetch
from ecomtui.text import visible
from ecomtui.ui.db_bridge import DatabaseFailed, DatabaseOpened, DbBridge, FirstRead, JobDone, StoreChanged
from ecomtui.ui.tab import EcomTab
from ecomtui.ui.tabs import TAB_LIST, TabEntry, TabSet
from ecomtui.ui.textual_patches import FocusRepaintScreen, predraw
from ecomtui.ui.widgets.key_footer import KeyFooter
from ecomtui.ui.widgets.tab_bar import TabBar, TabSpec

STARTED = time.perf_counter()

GLOBAL_HELP_NOTES = (
    ("ctrl+p", "command palette: every action of the current tab, filters, go to a tab"),
    ("escape", "close a dialog, clear a filter"),
)


def _commands_provider():
    """The palette's provider, imported when the palette first opens."""
    from ecomtui.ui.commands import EcomCommands

    return EcomCommands


def _tab_binding(tab: TabEntry) -> Binding:
    return Binding(
        tab.key,
        f"switch_tab('{tab.id}')",
        tab.label,
        show=False,
        tooltip=f"{tab.label} tab",
        id=f"app.tab.{tab.id}",
    )


class MainScreen(FocusRepaintScreen):
    """The app's screen (see FocusRepaintScreen: focus changes repaint only what changes)."""

    def on_screen_resume(self) -> None:
        self.app.predraw_waiting()  # a dialog closed: pre-draw what arrived under it


class EcomApp(App):
    """Run an online store's week: the tabs of PRODUCT.md, keyboard first."""

    TITLE = "ecomtui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_commands_provider}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("question_mark", "help", "Help", tooltip="this help", id="app.help"),
        Binding("q", "quit", "Quit", tooltip="quit", id="app.quit"),
        # priority: handled before the key goes to a widget, so the field has focus
        # before the next key arrives (fast typists type "/seo" as one burst)
        Binding("slash", "filter", "Filter", priority=True, tooltip="filter the current view", id="app.filter"),
        Binding("w", "review", "Review", tooltip="the weekly review of last week", id="app.review"),
        Binding(
            "ctrl+r",
            "refresh",
            "Refresh",
            show=False,
            tooltip="read the store again now (changes made elsewhere also show within seconds)",
            id="app.refresh",
        ),
        *[_tab_binding(tab) for tab in TAB_LIST],
    ]

    def __init__(
        self, location: DbLocation | None = None, db: str | None = None, prefetched: Prefetch | None = None
    ) -> None:
        super().__init__()
        self.location = location or resolve(db)
        self.bridge = DbBridge(self, self.location, prefetched=prefetched)
        self._first_read_shown = False  # the first tab showed the prefetched read: no second one
        self.database = None
        self.startup_seconds: float | None = None  # module import to first data on screen
        self.tabs = TabSet(TAB_LIST)  # each tab's module loads when the tab is first needed
        self.first_tab = next(iter(self.tabs))
        self._predraw_later: list[EcomTab] = []  # hidden tabs whose data came while a dialog was open

    def on_load(self) -> None:
        if self.no_color:
            self.add_class("-no-color")

    def get_default_screen(self) -> Screen:
        return MainScreen(id="_default")

    def compose(self) -> ComposeResult:
        specs = [TabSpec(tab.id, tab.key, tab.label) for tab in self.tabs.entries.values()]
        yield TabBar(specs, active=self.first_tab, id="tab-bar")
        with ContentSwitcher(id="tabs", initial=self.first_tab):
            yield self.tabs[self.first_tab]  # the others are mounted once its data shows
        yield Static(self._status_text(), id="status-line")
        yield KeyFooter()

    def _status_text(self, read_only: bool = False) -> Text:
        today = clock.today()
        line = Text()
        line.append(" ecomtui ", "bold")
        line.append(f"{today.isoformat()} · {clock.iso_week(today)}")
        line.append(" · db ")
        line.append(self.location.describe())
        if read_only:  # the banner: every change will be refused
            line.append(" · ")
            line.append(" READ-ONLY ", "bold reverse")
        return line

    # ---- tabs -----------------------------------------------------------------------

    async def mount_tabs(self, *wanted: EcomTab) -> None:
        """Mount tabs (hidden) that are not mounted yet: ``wanted``, else all of them.

        Only the first tab is composed with the app, so the first frame and the
        first data do not wait for widgets nobody sees yet.
        """
        missing = [tab for tab in (wanted or self.tabs.values()) if not tab.is_mounted and tab.parent is None]
        if not wanted:  # every tab is loaded now: their database modules, for the bridge to warm when idle
            self.bridge.warm_modules = tuple(module for tab in self.tabs.values() for module in tab.WARM_MODULES)
        if missing:
            for tab in missing:
                tab.display = False
            await self.query_one("#tabs", ContentSwitcher).mount_all(missing)

    def tab(self, tab_id: str) -> EcomTab | None:
        """The tab with this id once it is mounted (None before, e.g. for a palette opened very early)."""
        tab = self.tabs.made_one(tab_id)
        return tab if tab is not None and tab.is_mounted else None

    @property
    def current_tab(self) -> EcomTab | None:
        return self.tab(self.query_one("#tabs", ContentSwitcher).current or "")

    # ---- database -------------------------------------------------------------------

    def on_ready(self) -> None:
        # The first frame is on screen: now load the database layer, off the UI thread.
        self.bridge.start()

    def on_database_opened(self, message: DatabaseOpened) -> None:
        self.database = message.database
        if self.database.read_only is not None:
            self.query_one("#status-line", Static).update(self._status_text(read_only=True))
            self.notify(self.database.read_only, title="Read-only", severity="warning", timeout=10, markup=False)
        if self.database.created:
            self.notify(
                f"There was no database at {self.location.describe()}: a new, empty store was created there.",
                title="New store",
                timeout=10,
                markup=False,
            )
        if self.database.backup_path is not None:
            self.notify(
                f"The database was upgraded to this version; the old file was copied to {visible(str(self.database.backup_path))}",
                title="Database upgraded",
                timeout=10,
                markup=False,
            )
        if not self._first_read_shown:
            self.tabs[self.first_tab].load()

    def on_first_read(self, message: FirstRead) -> None:
        """The first tab's first read, done beside start-up (ecomtui.prefetch): show it now."""
        if self.database is None and self.tabs[self.first_tab].show_first_read(message.result):
            self._first_read_shown = True

    async def on_ecom_tab_data_shown(self, message: EcomTab.DataShown) -> None:
        if self.startup_seconds is None:
            self.start_up_done()
            await self.mount_tabs()  # the others now, hidden, so switching to them is instant
            for tab in self.tabs.values():
                if tab is not message.tab:
                    tab.load()
        elif not message.tab.display:
            # A hidden tab's new data: lay it out and draw it when idle, so showing it is instant.
            self.call_after_refresh(self._predraw, message.tab, False)
        else:
            self._keep_out_of_gc()

    def _predraw(self, tab: EcomTab, draw: bool) -> None:
        """Pre-draw a hidden tab in two idle steps: its layout (its widgets react to their size), then its lines."""
        if tab.display:
            return  # shown meanwhile: drawn for real
        if self.screen is not tab.screen:  # a dialog is open: after it closes
            if tab not in self._predraw_later:
                self._predraw_later.append(tab)
            return
        if not draw:
            tab.before_predraw()
        predraw(tab, draw)
        if draw:
            self._keep_out_of_gc()
        else:
            self.call_after_refresh(self._predraw, tab, True)

    def predraw_waiting(self) -> None:
        waiting, self._predraw_later = self._predraw_later, []
        for tab in waiting:
            self.call_after_refresh(self._predraw, tab, False)

    def _keep_out_of_gc(self) -> None:
        # What a tab read and drew stays until its next load: out of the collector's way.
        # Without this every full collection walks the large board's cards again
        # (about 50 ms, once every few keys). Replaced data is still freed: by
        # reference counting, as nothing a tab keeps forms cycles of its own.
        gc.freeze()

    def start_up_done(self) -> None:
        """The first data is on screen: let the garbage collector work again.

        ``cli`` turns it off for start-up (its full passes over the freshly
        imported modules cost ~150 ms); freezing what start-up created keeps
        later passes short.
        """
        self.startup_seconds = time.perf_counter() - STARTED
        self.bridge.first_data_shown()
        gc.freeze()
        gc.enable()

    def on_database_failed(self, message: DatabaseFailed) -> None:
        from ecomtui.db.errors import explain
        from ecomtui.ui.dialogs.error import ErrorDialog

        exc = message.error
        self.start_up_done()
        for tab in self.tabs.made():
            if tab.is_mounted:  # the others are never shown: closing the explanation ends the app
                tab.database_failed()
        reason = explain(exc, self.location)
        text = f"{reason}\n\nClosing this leaves ecomtui; nothing was changed."
        # Nothing works without the database: closing the explanation ends the app
        # with the reason on the terminal and a non-zero exit code.
        self.push_screen(
            ErrorDialog("Cannot open the database", text),
            lambda _: self.exit(return_code=1, message=Text(f"ecomtui: error: {reason}")),
        )

    def on_store_changed(self, message: StoreChanged) -> None:
        """Someone else wrote to the store: the visible tab reads again now, the others when shown."""
        current = self.current_tab
        for tab in self.tabs.made():
            if not tab.loaded:
                continue  # its first load is on its way
            if tab is current:
                tab.load()
            else:
                tab.stale = True

    def action_refresh(self) -> None:
        self.bridge.check_now()

    def on_job_done(self, message: JobDone) -> None:
        message.stop()
        self.bridge.deliver(message)

    def explain(self, exc: Exception) -> str:
        """A failure as one plain line for the user: what happened, to which store, what to do."""
        from ecomtui.db.errors import explain

        return explain(exc, self.location)

    def show_error(self, exc: Exception) -> None:
        """Any failure of a database job or its callback: one plain line in a dialog, never a traceback.

        On a read-only store every write is refused this way (the bridge's write
        transaction refuses before it begins), with the reason and what to do.
        """
        from ecomtui.ui.dialogs.error import ErrorDialog

        self.push_screen(ErrorDialog("That did not work", self.explain(exc)))

    def on_unmount(self) -> None:
        self.bridge.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded and self._refuse_paste(event.text):
            return
        await super().on_event(event)

    def _refuse_paste(self, text: str) -> bool:
        """Pasted text with a control character never reaches a field: a field shows it to the terminal.

        Keys typed cannot produce one; a paste can (a terminal escape copied from
        somewhere). Refused with the same words as a save (services.validation).
        """
        from ecomtui.text import first_not_text

        if first_not_text(text, multiline=True) is None:
            return False
        from ecomtui.services.validation import InvalidInput, refuse_control_characters

        field = (self.focused.id if self.focused is not None else None) or "pasted text"
        try:
            refuse_control_characters(text, field, multiline=True)
        except InvalidInput as exc:
            self.notify(f"{exc.message}; nothing was pasted", title="Not pasted", severity="error", markup=False)
        return True

    # ---- actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_main = self.screen is self.screen_stack[0]
        if isinstance(self.screen, ModalScreen) and action == "help":
            return False
        if not on_main and action in ("switch_tab", "quit", "filter", "refresh", "review"):
            return False
        if action == "filter":
            tab = self.current_tab
            # text areas live only in dialogs (ruled out above); Input is already loaded
            typing = isinstance(self.focused, Input)
            return tab is not None and tab.can_filter() and not typing
        return True

    def action_filter(self) -> None:
        tab = self.current_tab
        if tab is not None:
            tab.start_filter()

    def action_switch_tab(self, tab_id: str) -> None:
        wanted = self.tabs.get(tab_id)
        if wanted is not None and not wanted.is_mounted:  # a key pressed before the first data showed
            self.call_later(self._mount_and_switch, wanted)
            return
        self.query_one("#tabs", ContentSwitcher).current = tab_id
        self.query_one("#tab-bar", TabBar).active = tab_id
        tab = self.tab(tab_id)
        if tab is not None:
            if tab.stale:
                tab.load()
            tab.activated()

    async def _mount_and_switch(self, tab: EcomTab) -> None:
        await self.mount_tabs(tab)
        if self.database is not None and tab.is_mounted and not tab.loaded:
            tab.load()
        self.action_switch_tab(tab.TAB_ID)

    def on_tab_bar_activated(self, event: TabBar.Activated) -> None:
        self.action_switch_tab(event.tab_id)

    def action_review(self) -> None:
        from ecomtui.ui.review import ReviewScreen

        self.push_screen(ReviewScreen())

    def jump_to(self, tab_id: str, item_id: int) -> None:
        """Show one item on its tab (from the Dashboard); a tab not read yet selects it once read."""
        if tab_id not in self.tabs:
            return
        self.action_switch_tab(tab_id)
        self.tabs[tab_id].select_item(item_id)

    def action_help(self) -> None:
        from ecomtui.ui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen())

    def switch_commands(self):
        """Palette commands to go to each tab."""
        for tab in self.tabs.entries.values():
            yield (
                f"Go to {tab.label}",
                partial(self.action_switch_tab, tab.id),
                f"Show the {tab.label} tab ({tab.key})",
            )


def run_app(db: str | None = None, prefetched: Prefetch | None = None) -> int:
    """Run the app on the database chosen by ``--db`` / ``ECOMTUI_DB`` / the user data dir."""
    app = EcomApp(db=db, prefetched=prefetched)
    app.run()
    return app.return_code or 0
