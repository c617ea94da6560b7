"""What a tab is: one widget class that tells the app everything the app needs to know.

A tab declares its number key, id and label, the text on screen once its data
shows (benchmarks and screenshots wait for it), the modules its database jobs
will need (imported while the app is idle), its help entries and its palette
commands. The app composes tabs from the list in :mod:`ecomtui.ui.tabs`, binds
their keys, fills the palette from the current tab and generates the help
screen from the bindings; it never reaches into a tab's widgets.

The life of a tab: the app calls :meth:`EcomTab.load` once the database is
open (the first tab first, the others after its data shows, and again after
changes made elsewhere: at once when visible, when next shown otherwise; it
must keep the selection, the filter and any open dialog); the tab reads through ``self.app.bridge`` and calls
:meth:`EcomTab.data_shown` when its data is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

# A palette command: (name shown, what it does, one line of help).
Command = tuple[str, Callable[[], object], str]

KEY_SYMBOLS = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "question_mark": "?",
    "slash": "/",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def key_text(keys: str) -> str:
    """``"shift+left,h"`` as ``"shift+← / h"``: how help writes a binding's keys."""
    shown = []
    for key in keys.split(","):
        *mods, last = key.strip().split("+")
        shown.append("+".join([*mods, KEY_SYMBOLS.get(last, last)]))
    return " / ".join(shown)


def binding_help(binding: Binding) -> tuple[str, str]:
    """One help line for a binding: its keys and what it does (the tooltip if it has one)."""
    return key_text(binding.key), binding.tooltip or binding.description


def help_entries(*sources: type) -> list[tuple[str, str]]:
    """Help lines for every described binding of the given classes, in declaration order."""
    entries = []
    for source in sources:
        for binding in source.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                entries.append(binding_help(binding))
    return entries


class EcomTab(Widget):
    """Base of every tab. Subclasses set the class variables and override the hooks they use."""

    TAB_KEY: ClassVar[str] = ""  # the number key, as in PRODUCT.md
    TAB_ID: ClassVar[str] = ""
    TAB_LABEL: ClassVar[str] = ""
    READY_MARKER: ClassVar[str] = ""  # text on screen once the tab shows its data
    WARM_MODULES: ClassVar[tuple[str, ...]] = ()  # imported by the database thread when idle
    HELP_WIDGETS: ClassVar[tuple[type[Widget], ...]] = ()  # inner widgets whose keys help lists too
    HELP_NOTES: ClassVar[tuple[tuple[str, str], ...]] = ()  # help lines that are not bindings
    ITEM_GONE: ClassVar[str] = "That item is no longer there"  # select_item found nothing in read data

    class DataShown(Message):
        """The tab's data is on screen (after each load)."""

        def __init__(self, tab: EcomTab) -> None:
            super().__init__()
            self.tab = tab

    def __init__(self) -> None:
        super().__init__(id=self.TAB_ID)
        self.loaded = False
        self.stale = False  # changed elsewhere while hidden: read again when shown
        self.pending_select: int | None = None  # asked to select before its data was read

    @classmethod
    def help_section(cls) -> tuple[str, list[tuple[str, str]]]:
        """The tab's part of the help screen: its keys and notes."""
        return cls.TAB_LABEL, help_entries(cls, *cls.HELP_WIDGETS) + list(cls.HELP_NOTES)

    # ---- hooks ----------------------------------------------------------------------

    def load(self) -> None:
        """(Re)read the tab's data through ``self.app.bridge``; call :meth:`data_shown` once shown."""

    def data_shown(self) -> None:
        self.loaded = True
        self.stale = False
        self.post_message(self.DataShown(self))

    def commands(self) -> Iterable[Command]:
        """Palette commands that fit the tab's current state (asked each time the palette searches)."""
        return ()

    def activated(self) -> None:
        """The tab was switched to: put the focus where the user expects it."""

    def show_first_read(self, result: object) -> bool:
        """Show the result of ``TabEntry.first_read`` (read beside start-up) as the first data; False: not taken."""
        return False

    def before_predraw(self) -> None:
        """The app is about to lay this hidden tab out and draw it while idle: mount what showing it would."""

    def can_filter(self) -> bool:
        """Whether ``/`` applies now."""
        return False

    def start_filter(self) -> None:
        """``/``: show and focus the tab's filter."""

    def select_item(self, item_id: int) -> None:
        """Show and select one item (a task, a partner...) of this tab: ``app.jump_to`` from other tabs.

        Uses :meth:`find_item` and :meth:`show_item`. Before the tab's data is
        read (or while it is stale), the id waits in ``pending_select``: the tab's
        load calls ``select_item(self.pending_select)`` once its data is in.
        """
        item = self.find_item(item_id)
        waiting = item is None and (not self.loaded or self.stale)
        self.pending_select = item_id if waiting else None
        if item is not None:
            self.show_item(item)
        elif not waiting:
            self.notify(self.ITEM_GONE, timeout=4)

    def find_item(self, item_id: int) -> object | None:
        """The item with this id in the data the tab has read, or None."""
        return None

    def show_item(self, item: object) -> None:
        """Select ``item`` (found by :meth:`find_item`), clearing a filter that hides it."""

    def database_failed(self) -> None:
        """The database could not be opened: say so instead of "Loading…"."""
