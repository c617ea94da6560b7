"""The app's tabs, in PRODUCT.md order. Adding a tab is one line here (see the README).

Each entry names an :class:`ecomtui.ui.tab.EcomTab` subclass; the app, the help
screen, the command palette, the benchmarks and the screenshot script all
read this list.
"""

from __future__ import annotations

from importlib import import_module

_TAB_CLASSES = (
    "ecomtui.ui.dashboard:DashboardTab",
    "ecomtui.ui.tasks:TaskBoard",
    "ecomtui.ui.calendar:CalendarTab",
    "ecomtui.ui.agencies:AgenciesTab",
    "ecomtui.ui.budget:BudgetTab",
    "ecomtui.ui.kpis:KpisTab",
)


def _load(path: str):
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


TABS = tuple(_load(path) for path in _TAB_CLASSES)
