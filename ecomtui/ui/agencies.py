"""The Agencies tab: the team of specialists, in-house and outside, and how they are managed.

A list of partners (agencies, freelancers, in-house) beside a detail pane with
their flags, contract, contacts, interaction log and the tasks they own. All
partners are read at once (``services.partner_queries.load_roster``), so
moving through the list and filtering never wait on the database. Below 100
columns the list and the detail take turns: ``enter`` opens a partner,
``escape`` goes back.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ecomtui import clock
from ecomtui.services.partner_roster import (
    Partner,
    RosterFilter,
    all_services,
    matches,
    partner_flags,
)
from ecomtui.text import visible
from ecomtui.ui.tab import Command, EcomTab
from ecomtui.ui.textual_patches import FilterInput, SteadyOptionList
from ecomtui.ui.widgets.partner_detail import PartnerDetail, flag_style
from ecomtui.vocabulary import PARTNER_KINDS

NARROW_BELOW = 100  # columns: below this the list and the detail take turns

WELCOME = (
    "No partners yet.\n\n"
    "Press  n  to add an agency, a freelancer or an in-house specialist:\n"
    "they can then own tasks on the board.\n\n"
    "Or import your contacts:  ecomtui import vcf contacts.vcf"
)


def _job_load(today: date):
    def job(conn):
        from ecomtui.services.money import store_currency
        from ecomtui.services.partner_queries import load_roster

        return load_roster(conn, today), store_currency(conn)

    return job


def _next_choice(current: str | None, choices: list[str]) -> str | None:
    """The next of ``choices`` after ``current``, then None (all), then the first again."""
    if not choices:
        return None
    if current is None:
        return choices[0]
    index = choices.index(current) if current in choices else -1
    return choices[index + 1] if index + 1 < len(choices) else None


class AgenciesTab(EcomTab):
    """Partners: who does what, under which contract, and what needs the manager's attention."""

    TAB_KEY = "4"
    TAB_ID = "agencies"
    TAB_LABEL = "Agencies"
    READY_MARKER = "partners"
    ITEM_GONE = "That partner is no longer in the list (deleted)"
    WARM_MODULES = ("ecomtui.services.partners", "ecomtui.services.partner_queries")
    HELP_NOTES = (
        ("/", "filter by name, service, contact or notes; enter keeps it, escape clears"),
        ("tab", "between the partner list and the tasks they own"),
        (
            "⚑",
            "needs attention: contract ending within 60 days or inside its notice period, "
            "follow-up date passed, no interaction in 30 days (agencies, freelancers), owns overdue tasks",
        ),
    )

    BINDINGS = [
        Binding("n", "new_partner", "New", tooltip="new partner", id="agencies.new"),
        Binding("e", "edit_partner", "Edit", tooltip="edit the selected partner and its contacts", id="agencies.edit"),
        Binding(
            "d",
            "delete_partner",
            "Delete",
            tooltip="delete the selected partner (asks first; offers to archive one with tasks or expenses)",
            id="agencies.delete",
        ),
        Binding("l", "log_interaction", "Log", tooltip="log a call, meeting, e-mail or review", id="agencies.log"),
        Binding("k", "cycle_kind", "Kind", show=False, tooltip="filter by kind: agency, freelancer, in-house, all"),
        Binding("s", "cycle_service", "Service", show=False, tooltip="filter by service, one after another, then all"),
        Binding(
            "enter",
            "open",
            "Open",
            show=False,
            tooltip="on a partner: its details (narrow screens) or the tasks it owns; on a task: show it on the board",
        ),
        Binding("escape", "back", "Back", tooltip="back to the list; clear the filter", id="agencies.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.roster: list[Partner] = []
        self.shown: list[Partner] = []
        self.filter = RosterFilter()
        self.currency = "EUR"
        self.today = clock.today()
        self._writes = 0  # bumped on every save of ours: a read older than it is read again
        self._read_after = -1  # the bridge's write count when the shown data was asked for

    def compose(self) -> ComposeResult:
        filter_field = FilterInput(
            placeholder="Filter: name, service, contact, notes — enter keeps it, esc clears",
            id="partner-filter",
            compact=True,
        )
        filter_field.display = False
        yield filter_field
        yield Static("Loading partners…", id="agencies-status", markup=False)
        with Horizontal(id="agencies-body"):
            yield SteadyOptionList(id="partner-list", compact=True)
            yield PartnerDetail(id="partner-detail")
        yield Static(WELCOME, id="agencies-welcome", markup=False)

    def on_mount(self) -> None:
        self._list = self.query_one("#partner-list", OptionList)
        self._detail = self.query_one("#partner-detail", PartnerDetail)
        self._status = self.query_one("#agencies-status", Static)

    # ---- loading ------------------------------------------------------------------

    def load(self) -> None:
        self.today = clock.today()
        writes = self._writes
        self._read_after = self.app.bridge.writes_submitted  # every save queued so far lands before this read

        def loaded(result) -> None:
            if writes != self._writes:
                self.load()  # a save of ours landed after this read began: read again
                return
            self.roster, self.currency = result
            first = not self.loaded
            self.loaded = True
            self.refresh_list(keep_id=self.selected_id())
            if self.pending_select is not None:
                self.select_item(self.pending_select)
            elif first and self.display and not isinstance(self.screen.focused, Input):
                self._list.focus()
            self.call_after_refresh(self.data_shown)

        self.app.bridge.submit(_job_load(self.today), requester=self, on_done=loaded)

    # ---- the list -------------------------------------------------------------------

    def selected(self) -> Partner | None:
        index = self._list.highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    def selected_id(self) -> int | None:
        partner = self.selected()
        return partner.id if partner else None

    def _prompt(self, partner: Partner) -> Text:
        flags = partner_flags(partner, self.today)
        line = Text(no_wrap=True, overflow="ellipsis")
        if flags:
            line.append(f"⚑{len(flags)} ", flag_style(self.app.no_color))
        else:
            line.append("   ")
        line.append(visible(partner.name), "dim" if partner.archived else "bold")
        line.append("\n   ")
        detail = partner.kind + (" · archived" if partner.archived else "")
        if partner.services:
            detail += " · " + ", ".join(partner.services)
        line.append(visible(detail), "dim")
        return line

    def refresh_list(self, keep_id: int | None = None) -> None:
        """Redraw the list from the roster and the filter, keeping the selection when it is still shown."""
        self.shown = [p for p in self.roster if matches(p, self.filter)]
        options = [Option(self._prompt(p), id=str(p.id)) for p in self.shown]
        self._list.set_options(options)
        if self.shown:
            ids = [p.id for p in self.shown]
            self._list.highlighted = ids.index(keep_id) if keep_id in ids else 0
        self._update_status()
        self.set_class(not self.roster, "-empty")
        self._show_detail()
        self.refresh_bindings()

    def _update_status(self) -> None:
        line = Text()
        active = [p for p in self.roster if not p.archived]
        attention = sum(1 for p in active if partner_flags(p, self.today))
        if self.filter.active:
            line.append("Filter ", "bold")
            line.append(visible(self.filter.describe()))
            line.append(f" · {len(self.shown)} of {len(self.roster)} partners · esc clears")
        else:
            line.append(f"{len(active)} partners")
            archived = len(self.roster) - len(active)
            if archived:
                line.append(f" (+{archived} archived)")
            if attention:
                line.append(" · ")
                line.append(f"⚑ {attention} need attention", flag_style(self.app.no_color))
            line.append(" · k kind · s service", "dim")
        self._status.update(line)

    def _show_detail(self) -> None:
        self._detail.show(self.selected(), self.today, self.currency)

    @on(OptionList.OptionHighlighted, "#partner-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#partner-list")
    def _partner_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    @on(OptionList.OptionSelected, "#owned-tasks")
    def _task_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.open_task(int(event.option.id))

    def open_task(self, task_id: int) -> None:
        """Show the task on the board, selected."""
        self.app.jump_to("tasks", task_id)

    # ---- narrow screens: list and detail take turns -----------------------------------

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")

    def _narrow(self) -> bool:
        return self.has_class("-narrow")

    def _show_list(self) -> None:
        self.remove_class("-detail")
        self._list.focus()

    # ---- the app's hooks ------------------------------------------------------------

    def activated(self) -> None:
        if self.loaded and not self.stale and self.app.bridge.writes_submitted != self._read_after:
            self.load()  # tasks and expenses saved on other tabs since this read: they do not tell this one
        if self._narrow() and self.has_class("-detail"):
            return
        self._list.focus()

    def _others_stale(self) -> None:
        """Partners are owners elsewhere (the board's owner list): other tabs read again when shown."""
        for tab in self.app.tabs.made():
            if tab is not self and tab.loaded:
                tab.stale = True

    def can_filter(self) -> bool:
        return self.display and self.loaded

    def start_filter(self) -> None:
        self.remove_class("-detail")
        field = self._filter_input()
        field.display = True
        self.screen.set_focus(field)
        self.refresh_bindings()

    def find_item(self, item_id: int) -> Partner | None:
        return next((p for p in self.roster if p.id == item_id), None)

    def show_item(self, partner: Partner) -> None:
        """Select the partner in the list (a filter that hides it is cleared)."""
        if self.filter.active and not matches(partner, self.filter):
            self.clear_filter()
        self.refresh_list(keep_id=partner.id)
        self._show_list()

    def database_failed(self) -> None:
        self._status.update(Text("The database could not be opened."))

    def commands(self) -> Iterator[Command]:
        yield ("New partner", self.action_new_partner, "Add an agency, freelancer or in-house specialist (n)")
        if self.selected() is not None:
            name = self.selected().name
            yield (f"Edit partner: {name}", self.action_edit_partner, "Its fields and contacts (e)")
            yield (
                f"Log an interaction with {name}",
                self.action_log_interaction,
                "A call, meeting, e-mail or review (l)",
            )
            yield (f"Delete partner: {name}", self.action_delete_partner, "After asking; archiving is offered (d)")
        yield ("Filter partners by text", partial(self.app.action_filter), "Name, service, contact, notes (/)")
        if self.filter.active:
            yield ("Clear partner filters", self.clear_filter, "Show every partner again (escape)")
        for kind in PARTNER_KINDS:
            yield (f"Filter partners by kind: {kind}", partial(self.set_filter, kind=kind), "Only this kind")
        for service in all_services(self.roster):
            yield (
                f"Filter partners by service: {service}",
                partial(self.set_filter, service=service),
                "Only partners offering this service",
            )

    # ---- filter -----------------------------------------------------------------------

    def _filter_input(self) -> Input:
        return self.query_one("#partner-filter", Input)

    def set_filter(self, *, kind: str | None = None, service: str | None = None) -> None:
        flt = self.filter
        self.filter = RosterFilter(
            flt.text, kind if kind is not None else flt.kind, service if service is not None else flt.service
        )
        self.refresh_list(keep_id=self.selected_id())

    def clear_filter(self) -> None:
        field = self._filter_input()
        field.value = ""
        field.display = False
        self.filter = RosterFilter()
        self.refresh_list(keep_id=self.selected_id())
        self._show_list()

    @on(Input.Changed, "#partner-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter = RosterFilter(event.value, self.filter.kind, self.filter.service)
        self.refresh_list(keep_id=self.selected_id())

    @on(Input.Submitted, "#partner-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            event.input.display = False
        self._list.focus()

    # ---- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_partner", "delete_partner", "log_interaction"):
            return self.selected() is not None
        if action == "new_partner":
            return self.loaded
        if action == "back":
            field = self._filter_input() if self.is_mounted else None
            return (
                self.filter.active
                or bool(field and field.display)
                or self.has_class("-detail")
                or (self.screen.focused is not None and self.screen.focused.id == "owned-tasks")
            )
        return True

    def action_cycle_kind(self) -> None:
        kind = _next_choice(self.filter.kind, list(PARTNER_KINDS))
        self.filter = RosterFilter(self.filter.text, kind, self.filter.service)
        self.refresh_list(keep_id=self.selected_id())

    def action_cycle_service(self) -> None:
        service = _next_choice(self.filter.service, all_services(self.roster))
        self.filter = RosterFilter(self.filter.text, self.filter.kind, service)
        self.refresh_list(keep_id=self.selected_id())

    def action_open(self) -> None:
        focused = self.screen.focused
        if focused is not None and focused.id == "owned-tasks":
            task_id = self._detail.selected_task_id()
            if task_id is not None:
                self.open_task(task_id)
            return
        if self.selected() is None:
            return
        if self._narrow():
            self.add_class("-detail")
        tasks = self.query_one("#owned-tasks", OptionList)
        if tasks.display and tasks.option_count:
            if tasks.highlighted is None:
                tasks.highlighted = 0
            tasks.focus()
        elif self._narrow():
            self.query_one("#detail-info").focus()
        self.refresh_bindings()

    def action_back(self) -> None:
        field = self._filter_input()
        if self.has_class("-detail") or (
            self.screen.focused is not None
            and self.screen.focused is not self._list
            and self.screen.focused is not field
        ):
            self._show_list()
        elif self.filter.active or field.display:
            self.clear_filter()
        self.refresh_bindings()

    def action_new_partner(self) -> None:
        from ecomtui.ui.dialogs.partner_form import PartnerForm

        kind = self.filter.kind or "agency"
        self.app.push_screen(PartnerForm(kind=kind, save=self._save_new), self._saved)

    def _submit_write(self, job, form) -> None:
        self._writes += 1
        self._others_stale()
        self.app.bridge.submit(job, requester=form, write=True, on_done=form.saved, on_error=form.save_failed)

    def _save_new(self, form, data, _version: int | None) -> None:
        today = self.today

        def job(conn):
            from ecomtui.services import partners

            return partners.create_partner(conn, data, today)

        self._submit_write(job, form)

    def action_edit_partner(self) -> None:
        from ecomtui.ui.dialogs.partner_form import PartnerForm

        partner = self.selected()
        if partner is None:
            return
        self.app.push_screen(PartnerForm(partner=partner, save=self._save_edit), self._saved)

    def _save_edit(self, form, data, version: int | None) -> None:
        partner_id = form.partner.id
        today = self.today

        def job(conn):
            from ecomtui.services import partners

            return partners.update_partner(conn, partner_id, data, today, expected_version=version)

        self._submit_write(job, form)

    def _saved(self, partner: Partner | None) -> None:
        if partner is None:
            return
        self._replace(partner)
        if self.filter.active and not matches(partner, self.filter):
            self.notify("Filter cleared to show the partner", timeout=3)
            self.clear_filter()
        self.refresh_list(keep_id=partner.id)
        self._show_list()
        self.notify(f"Saved “{visible(partner.name)}”", timeout=3, markup=False)

    def _replace(self, partner: Partner) -> None:
        from ecomtui.services.partner_roster import roster_order

        self.roster = roster_order([p for p in self.roster if p.id != partner.id] + [partner])

    def _remove(self, partner_id: int) -> None:
        self.roster = [p for p in self.roster if p.id != partner_id]

    def action_log_interaction(self) -> None:
        from ecomtui.ui.dialogs.interaction_form import InteractionForm

        partner = self.selected()
        if partner is None:
            return
        self.app.push_screen(
            InteractionForm(partner_name=partner.name, today=self.today, save=partial(self._save_log, partner.id)),
            self._logged,
        )

    def _save_log(self, partner_id: int, form, data) -> None:
        def job(conn):
            from ecomtui.services import partners
            from ecomtui.services.partner_queries import get_partner

            partners.log_interaction(conn, partner_id, data)
            return get_partner(conn, partner_id, self.today)

        self._submit_write(job, form)

    def _logged(self, partner: Partner | None) -> None:
        if partner is None:
            return
        self._replace(partner)
        self.refresh_list(keep_id=partner.id)
        self.notify(f"Logged with “{visible(partner.name)}”", timeout=3, markup=False)

    def action_delete_partner(self) -> None:
        from ecomtui.ui.dialogs.delete_partner import DeletePartnerDialog

        partner = self.selected()
        if partner is None:
            return

        def chosen(choice: str | None) -> None:
            if choice == "delete":
                self._delete(partner)
            elif choice == "archive":
                self._archive(partner)

        self.app.push_screen(DeletePartnerDialog(partner), chosen)

    def _delete(self, partner: Partner) -> None:
        today = self.today

        def job(conn):
            from ecomtui.services import partners

            partners.delete_partner(conn, partner.id, today, expected_version=partner.version)

        self._writes += 1
        self._others_stale()
        self._remove(partner.id)
        self.refresh_list()
        self.app.bridge.submit(job, requester=self, write=True, on_error=self._write_failed)
        self.notify(f"Deleted “{visible(partner.name)}”", timeout=3, markup=False)

    def _archive(self, partner: Partner) -> None:
        today = self.today

        def job(conn):
            from ecomtui.services import partners

            return partners.set_archived(conn, partner.id, True, today, expected_version=partner.version)

        def done(saved: Partner) -> None:
            self._replace(saved)
            self.refresh_list(keep_id=saved.id)
            self.notify(
                f"Archived “{visible(saved.name)}”: it keeps its history and owns no new tasks", timeout=4, markup=False
            )

        self._writes += 1
        self._others_stale()
        self.app.bridge.submit(job, requester=self, write=True, on_done=done, on_error=self._write_failed)

    def _write_failed(self, exc: Exception) -> None:
        from ecomtui.services.versioning import Conflict

        if isinstance(exc, Conflict):
            self.notify(
                "The partner was changed elsewhere, so that was not done: the list now shows its latest version",
                title="Changed elsewhere",
                severity="warning",
                timeout=8,
                markup=False,
            )
        else:
            self.app.show_error(exc)
        self.load()
