"""The Agencies tab's detail pane: one partner's flags, contract, contacts, log and owned tasks.

Everything a partner's record holds, as plain rich Text (names, notes and
summaries are user text: never markup, control characters made visible). The
owned tasks are an option list of their own, so ``enter`` on one can take the
user to it on the board.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecomtui.services.money import format_money
from ecomtui.services.partner_roster import Partner, notice_deadline, partner_flags
from ecomtui.text import visible
from ecomtui.ui.textual_patches import SteadyOptionList
from ecomtui.vocabulary import TASK_STATUS_LABELS, counted

SHOWN_INTERACTIONS = 6


def stars(rating: int | None) -> str:
    return "★" * rating + "☆" * (5 - rating) if rating else "not rated"


def heading(text: str) -> Text:
    line = Text()
    line.append(text, "bold underline")
    return line


def flag_style(no_color: bool) -> str:
    return "bold reverse" if no_color else "bold red"


def summary_text(partner: Partner, today: date, currency: str, no_color: bool) -> Text:
    """Name, kind, services, rating, flags, contract and money: the top of the pane."""
    text = Text()
    text.append(visible(partner.name), "bold")
    if partner.archived:
        text.append("  (archived)", "dim")
    text.append("\n")
    text.append(visible(partner.kind), "italic")
    if partner.services:
        text.append(" · ")
        text.append(visible(", ".join(partner.services)))
    text.append(" · ")
    text.append(stars(partner.rating))
    if partner.website:
        text.append("\n")
        text.append(visible(partner.website), "dim")
    flags = partner_flags(partner, today)
    for flag in flags:
        text.append("\n")
        text.append("⚑ " + flag.text, flag_style(no_color))
    text.append("\n\n")
    text.append_text(heading("Contract"))
    text.append("\n")
    start = partner.contract_start.isoformat() if partner.contract_start else "…"
    end = partner.contract_end.isoformat() if partner.contract_end else "open-ended"
    text.append(f"{start} → {end}" if partner.contract_start or partner.contract_end else "no contract dates")
    if partner.notice_days is not None:
        text.append(f" · notice {counted(partner.notice_days, 'day')}")
        deadline = notice_deadline(partner)
        if deadline is not None:
            text.append(f" (give notice by {deadline.isoformat()})")
    text.append("\nRetainer ")
    text.append(format_money(partner.retainer_minor, currency) + (" a month" if partner.retainer_minor else ""))
    text.append("\nSpend ")
    if partner.expense_count:
        text.append(f"this month {format_money(partner.spend_month_minor, currency)}")
        text.append(f" · this year {format_money(partner.spend_year_minor, currency)}")
    else:
        text.append("no expenses recorded with them", "dim")
    return text


def contacts_text(partner: Partner) -> Text:
    text = heading(f"Contacts ({len(partner.contacts)})")
    if not partner.contacts:
        text.append("\n")
        text.append("none yet: e edits the partner", "dim")
    for person in partner.contacts:
        text.append("\n")
        text.append(visible(person.name), "bold")
        if person.role:
            text.append(f", {visible(person.role)}")
        details = "  ".join(visible(x) for x in (person.email, person.phone) if x)
        if details:
            text.append("\n  ")
            text.append(details)
    return text


def log_text(partner: Partner, today: date, no_color: bool) -> Text:
    shown = partner.interactions[:SHOWN_INTERACTIONS]
    total = len(partner.interactions)
    title = f"Interactions ({total})" if total <= SHOWN_INTERACTIONS else f"Interactions (last {len(shown)} of {total})"
    text = heading(title)
    if not shown:
        text.append("\n")
        text.append("none logged yet: l logs a call, meeting, e-mail or review", "dim")
    for item in shown:
        text.append("\n")
        text.append(f"{item.day.isoformat()} {visible(item.kind):<7} ", "bold")
        text.append(visible(item.summary))
        if item.next_step or item.follow_up:
            text.append("\n  → ")
            if item.next_step:
                text.append(visible(item.next_step))
            if item.follow_up:
                late = item.follow_up_open() and item.follow_up < today
                state = " (done)" if item.follow_up_done else (" (passed)" if late else "")
                text.append(
                    f"{' · ' if item.next_step else ''}follow up {item.follow_up.isoformat()}{state}",
                    flag_style(no_color) if late else "",
                )
    return text


def notes_text(partner: Partner) -> Text:
    text = heading("Notes")
    text.append("\n")
    text.append(visible(partner.notes, multiline=True) or "—")
    return text


def task_prompt(task, today: date, no_color: bool) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    due = task.due.isoformat() if task.due else "no due date"
    line.append(f"{due:<11} ", flag_style(no_color) if task.is_overdue(today) else "dim")
    line.append(f"{visible(TASK_STATUS_LABELS.get(task.status, task.status)):<11} ", "italic")
    line.append(visible(task.title))
    return line


class PartnerDetail(Vertical):
    """Shows one partner; ``show(None)`` shows a hint instead."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-info"):
            yield Static("", id="detail-summary")
            yield Static("", id="detail-contacts")
            yield Static("", id="detail-log")
            yield Static("", id="detail-notes")
        yield Static("", id="detail-tasks-title")
        yield SteadyOptionList(id="owned-tasks", compact=True)

    def show(self, partner: Partner | None, today: date, currency: str) -> None:
        no_color = self.app.no_color
        info = self.query_one("#detail-info", VerticalScroll)
        tasks = self.query_one("#owned-tasks", OptionList)
        title = self.query_one("#detail-tasks-title", Static)
        if partner is None:
            self.query_one("#detail-summary", Static).update(Text("No partner selected.", "dim"))
            for widget_id in ("#detail-contacts", "#detail-log", "#detail-notes"):
                self.query_one(widget_id, Static).update("")
            title.update("")
            tasks.clear_options()
            tasks.display = False
            return
        same = getattr(self, "shown_id", None) == partner.id
        self.shown_id = partner.id
        self.query_one("#detail-summary", Static).update(summary_text(partner, today, currency, no_color))
        self.query_one("#detail-contacts", Static).update(contacts_text(partner))
        self.query_one("#detail-log", Static).update(log_text(partner, today, no_color))
        self.query_one("#detail-notes", Static).update(notes_text(partner))
        overdue = partner.overdue_tasks(today)
        line = heading(f"Tasks they own ({len(partner.tasks)} open")
        if overdue:
            line.append(", ")
            line.append(f"{overdue} overdue", flag_style(no_color))
        line.append(")")
        if partner.tasks:
            line.append("  enter opens one on the board", "dim")
        title.update(line)
        keep = tasks.highlighted_option.id if same and tasks.highlighted_option is not None else None
        tasks.set_options([Option(task_prompt(t, today, no_color), id=str(t.id)) for t in partner.tasks])
        tasks.display = bool(partner.tasks)
        if keep is not None:
            try:
                tasks.highlighted = tasks.get_option_index(keep)
            except Exception:
                pass
        if not same:
            info.scroll_home(animate=False)

    def selected_task_id(self) -> int | None:
        tasks = self.query_one("#owned-tasks", OptionList)
        option = tasks.highlighted_option
        return int(option.id) if option is not None and option.id else None
