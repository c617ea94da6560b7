"""The app's tabs, in PRODUCT.md order. Adding a tab is one line here (see the README).

Each line is a :class:`TabEntry`: the number key, id and label the tab bar
and the keys need from the first frame, and where the tab's
:class:`ecomtui.ui.tab.EcomTab` subclass lives. A tab's module is imported
only when the tab is first needed (the first tab for the first frame, the
others once its data shows), so start-up does not pay for tabs nobody sees
yet. The app, the help screen, the command palette, the benchmarks and the
screenshot script all read this list; ``TABS`` (every tab's class, importing
them all) is there for those that need the classes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecomtui.ui.tab import EcomTab


@dataclass(frozen=True)
class TabEntry:
    """One tab: what shows before its module loads, and where its class is ("module:Class")."""

    key: str
    id: str
    label: str
    path: str
    # a services function (conn, today) -> what the tab's first load reads; when the tab opens
    # first, ecomtui.prefetch runs it in a second process during start-up
    first_read: str | None = None

    def load(self) -> type[EcomTab]:
        """The tab's class (importing its module); it must declare the entry's key, id and label."""
        module, _, name = self.path.partition(":")
        tab = getattr(import_module(module), name)
        declared = (tab.TAB_KEY, tab.TAB_ID, tab.TAB_LABEL)
        if declared != (self.key, self.id, self.label):
            raise TypeError(f"{self.path} declares {declared}, its line in ecomtui/ui/tabs.py says {self}")
        return tab


TAB_LIST: tuple[TabEntry, ...] = (
    TabEntry("1", "dashboard", "Dashboard", "ecomtui.ui.dashboard:DashboardTab", "ecomtui.services.dashboard:screen"),
    TabEntry("2", "tasks", "Tasks", "ecomtui.ui.tasks:TaskBoard"),
    TabEntry("3", "calendar", "Calendar", "ecomtui.ui.calendar:CalendarTab"),
    TabEntry("4", "agencies", "Agencies", "ecomtui.ui.agencies:AgenciesTab"),
    TabEntry("5", "budget", "Budget", "ecomtui.ui.budget:BudgetTab"),
    TabEntry("6", "kpis", "KPIs", "ecomtui.ui.kpis:KpisTab"),
)


class TabSet(Mapping[str, "EcomTab"]):
    """The app's tab widgets by id, in key order; each is made (its module imported) when first asked for."""

    def __init__(self, entries: tuple[TabEntry, ...] = TAB_LIST) -> None:
        self.entries = {entry.id: entry for entry in sorted(entries, key=lambda e: e.key)}
        self._made: dict[str, EcomTab] = {}

    def __getitem__(self, tab_id: str) -> EcomTab:
        tab = self._made.get(tab_id)
        if tab is None:
            tab = self._made[tab_id] = self.entries[tab_id].load()()
        return tab

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def made(self) -> list[EcomTab]:
        """The tabs made so far (without importing any other)."""
        return [self._made[tab_id] for tab_id in self.entries if tab_id in self._made]

    def made_one(self, tab_id: str) -> EcomTab | None:
        return self._made.get(tab_id)


def __getattr__(name: str):
    if name == "TABS":  # every tab's class: imports every tab module
        return tuple(entry.load() for entry in TAB_LIST)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
