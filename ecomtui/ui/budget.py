"""The Budget tab (key 5): planned vs actual spend per channel for a month, pacing and forecast.

This module is imported when the app starts, so it holds only the tab's
declarations. Its content, :class:`ecomtui.ui.budget_panel.BudgetPanel` (tables,
charts, dialogs and their keys), is imported and mounted on the first load,
after the first tab's data is on screen: the start-up path pays for none of it.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.widgets import Static

from ecomtui.ui.tab import Command, EcomTab, help_entries

ALERT = "▲"  # as in widgets.budget_tables (not imported: that module is not on the start-up path)


class BudgetTab(EcomTab):
    """Planned vs actual spend per channel for one month, pacing and forecast."""

    TAB_KEY = "5"
    TAB_ID = "budget"
    TAB_LABEL = "Budget"
    READY_MARKER = "as of"
    WARM_MODULES = ("ecomtui.services.budget", "ecomtui.ui.dialogs.expense_form", "ecomtui.ui.widgets.budget_charts")
    HELP_NOTES = (
        ("/", "filter the month's expenses by note, channel, partner, promotion or source; escape clears"),
        ("tab", "move between the budget table and the expense list"),
        (
            ALERT,
            "marks a figure that needs attention: over budget, over pace (10% faster than even; "
            "retainers, booked whole on the 1st, left out), unplanned",
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.panel = None

    @classmethod
    def help_section(cls) -> tuple[str, list[tuple[str, str]]]:
        from ecomtui.ui.budget_panel import BudgetPanel

        return cls.TAB_LABEL, help_entries(BudgetPanel) + list(cls.HELP_NOTES)

    def compose(self) -> ComposeResult:
        yield Static("Loading the budget…", id="budget-loading", markup=False)

    def load(self) -> None:
        if self.panel is None:
            from ecomtui.ui.budget_panel import BudgetPanel

            self.panel = BudgetPanel(self)
            self.query_one("#budget-loading").remove()
            self.mount(self.panel)  # it reads its month once mounted
        elif self.panel.is_mounted:
            self.panel.load()

    def activated(self) -> None:
        if self.panel is not None and self.panel.is_mounted:
            self.panel.activated()

    def before_predraw(self) -> None:
        if self.panel is not None and self.panel.is_mounted:
            self.panel.mount_charts()

    def select_item(self, item_id: int) -> None:
        """Show a channel (from the Dashboard): this month, its row selected.

        Before the panel is mounted the channel waits in ``pending_select``; the
        panel takes it when it mounts.
        """
        if self.panel is not None and self.panel.is_mounted:
            self.pending_select = None
            self.panel.select_channel(item_id)
        else:
            self.pending_select = item_id

    def can_filter(self) -> bool:
        return self.panel is not None and self.panel.is_mounted and self.panel.can_filter()

    def start_filter(self) -> None:
        if self.can_filter():
            self.panel.start_filter()

    def commands(self) -> Iterable[Command]:
        return self.panel.commands() if self.panel is not None and self.panel.is_mounted else ()

    def database_failed(self) -> None:
        self.query_one(Static).update("The database could not be opened.")
