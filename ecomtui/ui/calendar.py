"""The Calendar tab: a month grid of promotions, retail events and holidays, with an agenda below.

Every promotion is kept in memory (a store has hundreds, not millions), so
moving through days and months and filtering never wait on the database;
conflicts are found once per change by a sort-and-sweep over all of them
(``services.promotion_conflicts``). Retail events and public holidays are
computed per year in the database thread (``holidays`` is imported there,
never on the start-up path) and cached.
"""

from __future__ import annotations

import calendar as month_names
from collections.abc import Iterator
from datetime import date
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import Input, Static

from ecomtui import clock
from ecomtui.services.promotion_conflicts import Clash, describe_clash, find_conflicts
from ecomtui.services.promotion_data import Promotion, PromotionFilter, PromotionInput, promotion_matcher
from ecomtui.services.retail_calendar import RetailEvent
from ecomtui.text import visible
from ecomtui.ui.channel_style import channel_colours
from ecomtui.ui.tab import Command, EcomTab
from ecomtui.ui.textual_patches import FilterInput
from ecomtui.ui.widgets.agenda import Agenda, dates_text
from ecomtui.ui.widgets.month_grid import MonthGrid
from ecomtui.vocabulary import PROMOTION_STATUS_LABELS


def _job_load(years: tuple[int, ...]):
    def job(conn):
        from ecomtui.services import lookups, promotion_queries
        from ecomtui.services.retail_calendar import parse_cutoff, retail_events

        settings = promotion_queries.calendar_settings(conn)
        try:
            cutoff = parse_cutoff(settings.cutoff)
        except ValueError:  # a cut-off another tool stored badly: none rather than no calendar
            cutoff = None
        events = {year: retail_events(year, settings.country, cutoff) for year in years}
        return (
            promotion_queries.load_promotions(conn),
            lookups.channel_rows(conn),
            lookups.owner_names(conn),
            settings,
            events,
        )

    return job


def _job_events(year: int, country: str, cutoff_text: str):
    def job(_conn):
        from ecomtui.services.retail_calendar import parse_cutoff, retail_events

        try:
            cutoff = parse_cutoff(cutoff_text)
        except ValueError:
            cutoff = None
        return year, retail_events(year, country, cutoff)

    return job


class CalendarTab(EcomTab):
    """Promotions over a month, with the retail calendar; the agenda lists the selected days."""

    TAB_KEY = "3"
    TAB_ID = "calendar"
    TAB_LABEL = "Calendar"
    READY_MARKER = "in the month"
    ITEM_GONE = "That promotion is no longer in the calendar (deleted)"
    WARM_MODULES = ("ecomtui.services.promotions",)
    HELP_WIDGETS = (MonthGrid, Agenda)
    HELP_NOTES = (
        ("/", "filter by name, code, notes, channel, status or owner; channel:ppc and status:live pick exactly"),
        ("tab", "between the month and the agenda (e and d act on the agenda's highlighted promotion)"),
        ("!", "the promotion conflicts with another: same channel or same code at the same time (a warning)"),
        ("◆ ★", "in the agenda: a public holiday and a retail event (italic in the month)"),
        ("ctrl+p", "Calendar settings: the country for public holidays (DE, or a region: DE-SN) and the cut-off"),
    )

    BINDINGS = [
        Binding(
            "n", "new_promotion", "New", tooltip="new promotion on the selected days (around a retail event on it)"
        ),
        Binding("e,enter", "edit_promotion", "Edit", tooltip="edit the promotion highlighted in the agenda"),
        Binding("d", "delete_promotion", "Delete", tooltip="delete the highlighted promotion (asks first)"),
        Binding("t", "today", "Today", tooltip="go to today"),
        Binding("escape", "clear_filter", "Clear", tooltip="clear the filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.today = clock.today()
        self.promotions: list[Promotion] = []
        self.conflicts: dict[int, list[Clash]] = {}
        self.channels: list[tuple[int, str]] = []
        self.channel_names: dict[int, str] = {}  # retired channels too
        self.owners: list[tuple[int, str]] = []
        self.country = ""
        self.country_source = "settings"
        self.cutoff = ""
        self.currency = "EUR"
        self.filter = PromotionFilter()
        self.years: dict[int, list[RetailEvent]] = {}
        self._by_day: dict[date, list[RetailEvent]] = {}
        self._asked: set[int] = set()  # years whose events are being computed
        self._changes = 0

    def compose(self) -> ComposeResult:
        yield Static("Loading the calendar…", id="cal-status", markup=False)
        yield MonthGrid(id="grid")
        yield Static("", id="agenda-title", markup=False)
        yield Agenda(id="agenda")

    def on_mount(self) -> None:
        self.grid = self.query_one(MonthGrid)
        self.agenda = self.query_one(Agenda)
        self.grid.cursor = self.today
        self.grid.today = self.today
        self.grid.no_color = self.agenda.no_color = self.app.no_color

    def filter_input(self) -> Input | None:
        try:
            return self.query_one("#cal-filter", Input)
        except NoMatches:
            return None

    # ---- loading ----------------------------------------------------------------------

    def load(self) -> None:
        self.today = clock.today()
        year = self.grid.cursor.year
        changes = self._changes

        def loaded(result) -> None:
            if changes != self._changes:  # an edit of ours landed meanwhile: read again after it
                self.load()
                return
            self._loaded(result)
            self.call_after_refresh(self.data_shown)

        self.app.bridge.submit(_job_load((year - 1, year, year + 1)), requester=self, on_done=loaded)

    def _loaded(self, result) -> None:
        promotions, channels, owners, settings, events = result
        first_load = not self.loaded
        self.promotions = promotions
        self.channels = [(c.id, c.name) for c in channels if not c.retired]  # offered for new ones
        self.channel_names = {c.id: c.name for c in channels}
        self.grid.colours = self.agenda.colours = channel_colours(channels)
        self.owners = owners
        self.country, self.cutoff, self.currency = settings.country, settings.cutoff, settings.currency
        self.country_source = settings.country_source
        self.years = dict(events)
        self._asked.clear()
        self._index_events()
        self.conflicts = find_conflicts(promotions)
        self.loaded = True
        self.refresh_view()
        if self.pending_select is not None:  # asked for by the Dashboard before the data was in
            self.select_item(self.pending_select)
        if first_load:
            self.call_after_refresh(self._premount_filter)
            # loaded while hidden (after the first tab's data): never take the focus from the visible tab
            if self.app.current_tab is self and not isinstance(self.screen.focused, (Input, Agenda)):
                self.screen.set_focus(self.grid)

    def _index_events(self) -> None:
        self._by_day = {}
        for events in self.years.values():
            for event in events:
                self._by_day.setdefault(event.day, []).append(event)

    def events_on(self, day: date) -> list[RetailEvent]:
        """The retail events of ``day``; asks for its year's events when they are not there yet."""
        if day.year not in self.years and self.loaded and day.year not in self._asked:
            self._asked.add(day.year)

            def done(result) -> None:
                year, events = result
                self.years[year] = events
                self._index_events()
                self.refresh_view()

            self.app.bridge.submit(_job_events(day.year, self.country, self.cutoff), requester=self, on_done=done)
        return self._by_day.get(day, [])

    # ---- showing ----------------------------------------------------------------------

    def shown_promotions(self) -> list[Promotion]:
        if not self.filter.active:
            return self.promotions
        test = promotion_matcher(self.filter)
        return [p for p in self.promotions if test(p)]

    def refresh_view(self, keep: str | None = None) -> None:
        """Redraw the grid, the status line and the agenda from the promotions and the filter."""
        showing = self.shown_promotions()
        conflicted = frozenset(self.conflicts)
        self.grid.set_data(showing, conflicted, self.events_on, self.today)
        self._update_status(showing)
        self._update_agenda(showing, keep)
        self.refresh_bindings()

    def _update_status(self, showing: list[Promotion]) -> None:
        year, month = self.grid.month
        first = date(year, month, 1)
        last = date(year, month, month_names.monthrange(year, month)[1])
        in_month = [p for p in showing if p.overlaps(first, last)]
        clashing = sum(1 for p in in_month if p.id in self.conflicts)
        line = Text()
        line.append(f"{month_names.month_name[month]} {year}", "bold")
        count = len(in_month)
        line.append(f" · {count} promotion{'s' if count != 1 else ''} in the month")
        if clashing:
            line.append(" · ")
            line.append(f"{clashing} in conflict", "bold reverse" if self.app.no_color else "bold red")
        line.append(f" · holidays: {self.country}")
        if self.country_source != "settings":  # not chosen yet: say how
            line.append(f" (from your {'locale' if self.country_source == 'locale' else 'default'}; ctrl+p: settings)")
        if self.filter.active:
            line.append(" · filter ", "bold")
            line.append(self.filter.describe())
            line.append(" (esc clears)")
        self.query_one("#cal-status", Static).update(line)

    def _clash_texts(self) -> dict[int, list[str]]:
        names = {p.id: visible(p.name) for p in self.promotions}
        return {
            pid: [describe_clash(c, names, self.channel_names) for c in clashes]
            for pid, clashes in self.conflicts.items()
        }

    def _update_agenda(self, showing: list[Promotion], keep: str | None = None) -> None:
        first, last = self.grid.selection
        events = []
        day = first
        while day <= last:
            events.extend(self.events_on(day))
            day = date.fromordinal(day.toordinal() + 1)
        running = [p for p in showing if p.overlaps(first, last)]
        running.sort(key=lambda p: (p.start, p.end, p.id))
        title = Text()
        if first == last:
            title.append(f"{first:%A} {first.isoformat()}", "bold")
        else:
            title.append(dates_text(first, last), "bold")
            title.append(f" · {(last - first).days + 1} days")
        title.append(f" · {clock.iso_week(first)}")
        title.append(f" · {len(running)} promotion{'s' if len(running) != 1 else ''}")
        self.query_one("#agenda-title", Static).update(title)
        self.agenda.show(events, running, self._clash_texts(), self.currency, self.country, keep=keep)

    def on_month_grid_moved(self, message: MonthGrid.Moved) -> None:
        showing = self.shown_promotions()
        self._update_status(showing)
        self._update_agenda(showing)
        self.refresh_bindings()

    def on_option_list_option_highlighted(self, message) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self, message) -> None:
        if self.agenda.selected_promotion is not None:
            self.action_edit_promotion()
        elif self.agenda.selected_event is not None:
            self.action_new_promotion()

    # ---- the app's hooks ----------------------------------------------------------------

    def activated(self) -> None:
        self.screen.set_focus(self.grid)

    def find_item(self, item_id: int) -> Promotion | None:
        return next((p for p in self.promotions if p.id == item_id), None)

    def show_item(self, promotion: Promotion) -> None:
        """Show the promotion's day (today while it runs), highlighted in the agenda (a hiding filter is cleared)."""
        if self.filter.active and not promotion_matcher(self.filter)(promotion):
            self.action_clear_filter()
        running = promotion.start <= self.today <= promotion.end
        self.grid.select(self.today if running else promotion.start)
        self.refresh_view(keep=f"p{promotion.id}")
        self.screen.set_focus(self.agenda)

    def can_filter(self) -> bool:
        return self.display

    def start_filter(self) -> None:
        field = self.filter_input()
        if field is None:
            self.run_worker(self._mount_and_show_filter(), exclusive=True, group="filter")
        else:
            self._show_filter(field)

    def database_failed(self) -> None:
        self.query_one("#cal-status", Static).update(Text("The database could not be opened."))

    def commands(self) -> Iterator[Command]:
        yield ("New promotion", self.action_new_promotion, "A promotion on the selected days (n)")
        if self.agenda.selected_promotion is not None:
            yield ("Edit highlighted promotion", self.action_edit_promotion, "Open it (e, enter)")
            yield ("Delete highlighted promotion", self.action_delete_promotion, "After asking (d)")
        yield ("Calendar: today", self.action_today, "Show today (t)")
        yield ("Calendar: next month", partial(self.grid.action_month, 1), "(] or pgdn)")
        yield ("Calendar: previous month", partial(self.grid.action_month, -1), "([ or pgup)")
        yield ("Filter promotions by text", self.start_filter, "Name, code, notes, channel, status (/)")
        yield (
            "Calendar settings: country and shipping cut-off",
            self.open_settings,
            f"Public holidays of {self.country}; Christmas cut-off {self.cutoff or 'none'}",
        )
        if self.filter.active:
            yield ("Clear promotion filters", self.action_clear_filter, "Show every promotion (escape)")
        for _, name in self.channels:
            yield (
                f"Filter promotions by channel: {name}",
                partial(self.set_filter, channel=name),
                "Only promotions on this channel",
            )
        for status, label in PROMOTION_STATUS_LABELS.items():
            yield (f"Filter promotions by status: {label}", partial(self.set_filter, status=status), "Only these")

    # ---- filter --------------------------------------------------------------------------

    def _premount_filter(self) -> None:
        if self.filter_input() is None:
            self.mount(self._new_filter_input(), before=0)

    def _new_filter_input(self) -> Input:
        field = FilterInput(
            placeholder="Filter: words, channel:ppc, status:live — enter keeps it, esc clears",
            id="cal-filter",
            compact=True,
        )
        field.display = False
        return field

    async def _mount_and_show_filter(self) -> None:
        field = self.filter_input()
        if field is None:
            field = self._new_filter_input()
            await self.mount(field, before=0)
        self._show_filter(field)

    def _show_filter(self, field: Input) -> None:
        field.display = True
        self.screen.set_focus(field)
        self.refresh_bindings()

    @on(Input.Changed, "#cal-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter = PromotionFilter(event.value, self.filter.channel, self.filter.status)
        self.refresh_view()

    @on(Input.Submitted, "#cal-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.input.display = False
        self.screen.set_focus(self.grid)

    def set_filter(self, *, channel: str | None = None, status: str | None = None) -> None:
        flt = self.filter
        self.filter = PromotionFilter(
            flt.text, channel if channel is not None else flt.channel, status if status is not None else flt.status
        )
        self.refresh_view()
        self.screen.set_focus(self.grid)

    def action_clear_filter(self) -> None:
        field = self.filter_input()
        self.filter = PromotionFilter()
        if field is not None:
            with field.prevent(Input.Changed):
                field.value = ""
            field.display = False
        self.refresh_view()
        self.screen.set_focus(self.grid)

    # ---- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            field = self.filter_input()
            return self.filter.active or bool(field and field.display)
        if action in ("edit_promotion", "delete_promotion"):
            return self.loaded and self.agenda.selected_promotion is not None
        if action == "new_promotion":
            return self.loaded
        return True

    def action_today(self) -> None:
        self.grid.select(self.today)
        self.screen.set_focus(self.grid)

    def _form(self, **kwargs):
        from ecomtui.ui.dialogs.promotion_form import PromotionForm

        return PromotionForm(
            channels=self.channels,
            owners=self.owners,
            others=self.promotions,
            currency=self.currency,
            save=self._save,
            **kwargs,
        )

    def action_new_promotion(self) -> None:
        from ecomtui.services.retail_calendar import promotion_around
        from ecomtui.services.validation import match_name

        first, last = self.grid.selection
        channel_id = match_name(self.channels, self.filter.channel)
        channel_ids = (channel_id,) if channel_id else ()
        event = self.agenda.selected_event
        if event is None and first == last:
            on_day = self.events_on(first)
            event = on_day[0] if on_day else None
        if event is not None:
            name, start, end = promotion_around(event)
            form = self._form(
                name=name,
                start=start,
                end=end,
                channel_ids=channel_ids,
                title=f"New promotion around {visible(event.name)} ({event.day.isoformat()})",
            )
        else:
            form = self._form(start=first, end=last, channel_ids=channel_ids)
        self.app.push_screen(form, self._saved)

    def action_edit_promotion(self) -> None:
        promotion = self.agenda.selected_promotion
        if promotion is None:
            return
        form = self._form(promotion=promotion)
        self.app.push_screen(form, self._saved)

        def job(conn):
            from ecomtui.services.promotion_queries import linked_tasks

            return linked_tasks(conn, promotion.id)

        self.app.bridge.submit(job, requester=form, on_done=form.show_tasks)

    def _save(self, form, data: PromotionInput, version: int | None) -> None:
        promotion_id = form.promotion.id if form.promotion else None

        def job(conn):
            from ecomtui.services import promotions

            if promotion_id is None:
                return promotions.create_promotion(conn, data)
            return promotions.update_promotion(conn, promotion_id, data, expected_version=version)

        self._changes += 1
        self.app.bridge.submit(job, requester=form, write=True, on_done=form.saved, on_error=form.save_failed)

    def _saved(self, promotion: Promotion | None) -> None:
        if promotion is None:
            return
        self._place(promotion)
        if self.filter.active and not promotion_matcher(self.filter)(promotion):
            self.notify("Filter cleared to show the promotion", timeout=3)
            self.action_clear_filter()
        if not promotion.overlaps(*self.grid.selection):
            self.grid.select(promotion.start)
        self.refresh_view(keep=f"p{promotion.id}")
        clashes = self._clash_texts().get(promotion.id)
        message = f"Saved “{visible(promotion.name)}”"
        if clashes:
            self.notify(
                f"{message}; it conflicts with {', '.join(clashes)}",
                title="Conflict",
                severity="warning",
                timeout=6,
                markup=False,
            )
        else:
            self.notify(message, timeout=3, markup=False)
        self.screen.set_focus(self.grid)

    def _place(self, promotion: Promotion) -> None:
        self.promotions = [p for p in self.promotions if p.id != promotion.id] + [promotion]
        self.promotions.sort(key=lambda p: (p.start, p.end, p.id))
        self.conflicts = find_conflicts(self.promotions)
        self._changes += 1

    def action_delete_promotion(self) -> None:
        from ecomtui.ui.dialogs.confirm import ConfirmDialog

        promotion = self.agenda.selected_promotion
        if promotion is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self.promotions = [p for p in self.promotions if p.id != promotion.id]
            self.conflicts = find_conflicts(self.promotions)
            self._changes += 1
            self.refresh_view()

            def job(conn):
                from ecomtui.services import promotions

                promotions.delete_promotion(conn, promotion.id, expected_version=promotion.version)

            self.app.bridge.submit(job, requester=self, write=True, on_error=self._write_failed)
            self.notify(f"Deleted “{visible(promotion.name)}”", timeout=3, markup=False)

        title = Text("Delete promotion?")
        tasks = f" Its {promotion.task_count} linked tasks stay, unlinked." if promotion.task_count else ""
        body = Text.assemble(
            "“",
            visible(promotion.name),
            f"” ({dates_text(promotion.start, promotion.end)}) will be deleted for good.{tasks}",
        )
        self.app.push_screen(ConfirmDialog(title, body, confirm_label="Delete"), confirmed)

    def open_settings(self) -> None:
        """The country for public holidays and the Christmas shipping cut-off (from the command palette)."""
        from ecomtui.ui.dialogs.calendar_settings import CalendarSettingsForm

        def save(form, country: str, cutoff: str) -> None:
            def job(conn):
                from ecomtui.services.promotions import set_calendar_settings

                set_calendar_settings(conn, country=country, cutoff=cutoff)

            self.app.bridge.submit(job, requester=form, write=True, on_done=form.saved, on_error=form.save_failed)

        def closed(saved: bool | None) -> None:
            if saved:
                self.notify("Calendar settings saved", timeout=3)
                self.load()

        current = self.country if self.country_source == "settings" else ""
        self.app.push_screen(CalendarSettingsForm(country=current, cutoff=self.cutoff, save=save), closed)

    def _write_failed(self, exc: Exception) -> None:
        from ecomtui.services.versioning import Conflict, Gone

        if isinstance(exc, Conflict | Gone):
            self.notify(
                f"{self.app.explain(exc)}: the calendar now shows the latest version",
                title="Changed elsewhere",
                severity="warning",
                timeout=8,
                markup=False,
            )
        else:
            self.app.show_error(exc)
        self.load()
