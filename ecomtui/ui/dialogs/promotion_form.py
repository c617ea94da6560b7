"""The new / edit promotion dialog.

Typed values are checked by ``services.promotion_data.build_promotion_input``;
a bad value is explained inside the dialog, which keeps what was typed. While
the dates, channels, code or status change, the dialog names the promotions
this one would conflict with: a warning, never a refusal. Editing shows the
tasks linked to the promotion. The dialog saves through the ``save`` function
it is given and closes once the save landed; a save based on a stale copy
shows both versions (ConflictDialog), as the task dialog does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from ecomtui import clock
from ecomtui.services.promotion_conflicts import conflicts_of, describe_clash
from ecomtui.services.promotion_data import (
    Promotion,
    PromotionInput,
    amount_input_text,
    build_promotion_input,
    discount_input_text,
)
from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict
from ecomtui.text import visible
from ecomtui.ui.dialogs.form import FormDialog
from ecomtui.ui.widgets.key_footer import KeyFooter
from ecomtui.vocabulary import PROMOTION_KIND_LABELS, PROMOTION_STATUS_LABELS

# save(form, data, version the form was based on): submits the write; answers with form.saved / form.save_failed
SavePromotion = Callable[["PromotionForm", PromotionInput, "int | None"], None]


def _fields(p: Promotion, currency: str) -> dict[str, str]:
    """A promotion's fields as the conflict view shows them."""
    return {
        "Name": p.name,
        "Kind": PROMOTION_KIND_LABELS.get(p.kind, p.kind),
        "Status": PROMOTION_STATUS_LABELS.get(p.status, p.status),
        "Start": p.start.isoformat(),
        "End": p.end.isoformat(),
        "Channels": ", ".join(p.channels) or "—",
        "Code": p.code or "—",
        "Discount": p.discount_text(currency) or "—",
        "Budget": amount_input_text(p.budget_minor) or "—",
        "Target": amount_input_text(p.revenue_target_minor) or "—",
        "Owner": p.owner or "—",
        "Notes": p.notes or "—",
    }


class PromotionForm(FormDialog):
    """Dismisses with the saved :class:`Promotion`; None when cancelled."""

    def __init__(
        self,
        *,
        channels: list[tuple[int, str]],
        owners: list[tuple[int, str]],
        others: Sequence[Promotion],
        currency: str,
        save: SavePromotion,
        promotion: Promotion | None = None,
        name: str = "",
        start: date | None = None,
        end: date | None = None,
        channel_ids: tuple[int, ...] = (),
        title: str | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.channels = channels
        self.owners = owners
        self.others = others
        self.currency = currency
        self.save = save
        self.saving = False
        self.promotion = promotion
        self.title_text = title or ("Edit promotion" if promotion else "New promotion")
        first = start or clock.today()
        self.initial = promotion or Promotion(id=0, name=name, start=first, end=end or first, channel_ids=channel_ids)

    def compose(self) -> ComposeResult:
        p = self.initial
        owner_options = [(Text(name), pid) for pid, name in self.owners]
        if p.owner_id is not None and all(pid != p.owner_id for pid, _ in self.owners):
            owner_options.append((Text(f"{p.owner or p.owner_id} (archived)"), p.owner_id))
        with Vertical(classes="dialog promotion-form"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            with Grid(classes="promo-grid"):
                yield Label("Name")
                yield Input(p.name, id="name", compact=True, placeholder="what the promotion is", select_on_focus=False)
                yield Label("Kind")
                yield Select(
                    [(label, key) for key, label in PROMOTION_KIND_LABELS.items()],
                    value=p.kind if p.kind in PROMOTION_KIND_LABELS else "sale",
                    allow_blank=False,
                    id="kind",
                    compact=True,
                )
                yield Label("Status")
                yield Select(
                    [(label, key) for key, label in PROMOTION_STATUS_LABELS.items()],
                    value=p.status if p.status in PROMOTION_STATUS_LABELS else "planned",
                    allow_blank=False,
                    id="status",
                    compact=True,
                )
                yield Label("Start")
                yield Input(p.start.isoformat(), id="start", compact=True, placeholder="YYYY-MM-DD")
                yield Label("End")
                yield Input(p.end.isoformat(), id="end", compact=True, placeholder="YYYY-MM-DD (included)")
                yield Label("Code")
                yield Input(p.code, id="code", compact=True, placeholder="SAVE20")
                yield Label("Discount")
                yield Input(
                    discount_input_text(p.discount_pct, p.discount_minor, self.currency),
                    id="discount",
                    compact=True,
                    placeholder=f"15% or 10 {self.currency}",
                )
                yield Label("Budget")
                yield Input(amount_input_text(p.budget_minor), id="budget", compact=True, placeholder=self.currency)
                yield Label("Target")
                yield Input(
                    amount_input_text(p.revenue_target_minor),
                    id="revenue_target",
                    compact=True,
                    placeholder=f"revenue, {self.currency}",
                )
                yield Label("Owner")
                yield Select(owner_options, value=p.owner_id or Select.NULL, prompt="(none)", id="owner", compact=True)
                yield Label("Channels")
                yield SelectionList(
                    *[(Content(name), cid, cid in p.channel_ids) for cid, name in self.channels],
                    id="channels",
                    compact=True,
                )
                yield Label("")
                yield Static("", id="channel-summary", markup=False)
                yield Label("Notes")
                yield TextArea(p.notes, id="notes", compact=True, soft_wrap=True)
            yield Static("", id="conflicts", markup=False)
            yield Static(Text(self._tasks_line(None)), id="tasks", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self._show_conflicts()
        self._show_channels()

    def _show_channels(self) -> None:
        selected = set(self.query_one("#channels", SelectionList).selected)
        names = [name for cid, name in self.channels if cid in selected]
        summary = ("On: " + ", ".join(names)) if names else "No channel yet"
        self.query_one("#channel-summary", Static).update(
            Text(f"{summary} · space ticks", no_wrap=True, overflow="ellipsis")
        )

    # ---- linked tasks ---------------------------------------------------------------

    def _tasks_line(self, tasks) -> str:
        if self.promotion is None:
            return "Tasks: link tasks to this promotion once it is saved"
        if tasks is None:
            return f"Tasks: {self.promotion.task_count} linked" if self.promotion.task_count else "Tasks: none linked"
        if not tasks:
            return "Tasks: none linked"
        from ecomtui.vocabulary import TASK_STATUS_LABELS

        listed = "; ".join(f"{visible(t.title)} ({TASK_STATUS_LABELS.get(t.status, t.status)})" for t in tasks[:4])
        more = f"; and {len(tasks) - 4} more" if len(tasks) > 4 else ""
        return f"Tasks: {listed}{more}"

    def show_tasks(self, tasks) -> None:
        """The tasks linked to the promotion, read after the dialog opened."""
        self.query_one("#tasks", Static).update(Text(self._tasks_line(tasks)))

    # ---- live conflicts -------------------------------------------------------------

    def _candidate(self) -> Promotion | None:
        """What is typed, as far as conflicts go (None while the dates cannot be read)."""
        try:
            first = date.fromisoformat(self.query_one("#start", Input).value.strip())
            last = date.fromisoformat(self.query_one("#end", Input).value.strip())
        except ValueError:
            return None
        status = self.query_one("#status", Select).value
        return replace(
            self.initial,
            id=self.promotion.id if self.promotion else 0,
            start=first,
            end=max(first, last),
            channel_ids=tuple(self.query_one("#channels", SelectionList).selected),
            code=self.query_one("#code", Input).value,
            status=str(status),
        )

    def _show_conflicts(self) -> None:
        widget = self.query_one("#conflicts", Static)
        candidate = self._candidate()
        clashes = conflicts_of(candidate, self.others) if candidate else []
        if not clashes:
            widget.update("")
            widget.remove_class("-visible")
            return
        names = {p.id: visible(p.name) for p in self.others}
        channel_names = dict(self.channels)
        listed = ", ".join(describe_clash(c, names, channel_names) for c in clashes)
        widget.update(Text(f"! Conflicts with {listed} (saving is allowed)"))
        widget.add_class("-visible")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("start", "end", "code"):
            self._show_conflicts()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "status":
            self._show_conflicts()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._show_conflicts()
        self._show_channels()

    # ---- saving -----------------------------------------------------------------------

    def _value(self, select_id: str) -> int | None:
        value = self.query_one(select_id, Select).value
        return None if value is Select.NULL else value  # type: ignore[return-value]

    def action_save(self) -> None:
        if self.app.screen is not self:
            return
        try:
            data = build_promotion_input(
                name=self.query_one("#name", Input).value,
                start=self.query_one("#start", Input).value,
                end=self.query_one("#end", Input).value,
                kind=str(self.query_one("#kind", Select).value),
                status=str(self.query_one("#status", Select).value),
                channel_ids=tuple(self.query_one("#channels", SelectionList).selected),
                code=self.query_one("#code", Input).value,
                discount=self.query_one("#discount", Input).value,
                budget=self.query_one("#budget", Input).value,
                revenue_target=self.query_one("#revenue_target", Input).value,
                owner_id=self._value("#owner"),
                notes=self.query_one("#notes", TextArea).text,
            )
        except InvalidInput as exc:
            self._show_error(exc)
            return
        if not self.saving:
            self.saving = True
            self.save(self, data, self.promotion.version if self.promotion else None)

    def saved(self, promotion: Promotion) -> None:
        self.saving = False
        self.dismiss(promotion)

    def save_failed(self, exc: Exception) -> None:
        self.saving = False
        if isinstance(exc, Conflict) and isinstance(exc.current, Promotion):
            self._show_conflict(exc.current)
        elif isinstance(exc, InvalidInput):
            self._show_error(exc)
        else:
            self._show_error(InvalidInput(f"Not saved: {self.app.explain(exc)}"))

    def _show_conflict(self, theirs: Promotion) -> None:
        from ecomtui.ui.dialogs.conflict import ConflictDialog

        base = _fields(self.promotion, self.currency) if self.promotion else {}
        now = _fields(theirs, self.currency)
        yours = self._typed_fields()
        rows = [(field, now[field], yours[field]) for field in now if now[field] != base.get(field)]

        def chosen(choice: str | None) -> None:
            if choice == "reload":
                self._fill(theirs)
                self.promotion = self.initial = theirs
                self.notify("Showing the promotion as saved elsewhere; your changes were dropped", timeout=4)
            elif choice == "keep":
                self.promotion = theirs  # based on theirs now: saving overwrites it knowingly
                self.action_save()

        self.app.push_screen(ConflictDialog(f"“{visible(theirs.name)}”", rows), chosen)

    def _fill(self, p: Promotion) -> None:
        """Put a stored promotion's values into the fields."""
        values = {
            "#name": p.name,
            "#start": p.start.isoformat(),
            "#end": p.end.isoformat(),
            "#code": p.code,
            "#discount": discount_input_text(p.discount_pct, p.discount_minor, self.currency),
            "#budget": amount_input_text(p.budget_minor),
            "#revenue_target": amount_input_text(p.revenue_target_minor),
        }
        for field_id, value in values.items():
            self.query_one(field_id, Input).value = value
        self.query_one("#kind", Select).value = p.kind
        self.query_one("#status", Select).value = p.status
        try:
            self.query_one("#owner", Select).value = p.owner_id if p.owner_id is not None else Select.NULL
        except Exception:  # an owner this dialog does not offer (archived meanwhile)
            self.query_one("#owner", Select).value = Select.NULL
        channels = self.query_one("#channels", SelectionList)
        channels.deselect_all()
        for channel_id in p.channel_ids:
            try:
                channels.select(channel_id)
            except Exception:  # a channel added meanwhile: not offered here
                pass
        self.query_one("#notes", TextArea).text = p.notes

    def _typed_fields(self) -> dict[str, str]:
        def value(field_id: str) -> str:
            return self.query_one(field_id, Input).value.strip() or "—"

        selected = set(self.query_one("#channels", SelectionList).selected)
        owner = self._value("#owner")
        return {
            "Name": value("#name"),
            "Kind": PROMOTION_KIND_LABELS.get(str(self.query_one("#kind", Select).value), ""),
            "Status": PROMOTION_STATUS_LABELS.get(str(self.query_one("#status", Select).value), ""),
            "Start": value("#start"),
            "End": value("#end"),
            "Channels": ", ".join(name for cid, name in self.channels if cid in selected) or "—",
            "Code": value("#code"),
            "Discount": value("#discount"),
            "Budget": value("#budget"),
            "Target": value("#revenue_target"),
            "Owner": next((name for pid, name in self.owners if pid == owner), "—"),
            "Notes": self.query_one("#notes", TextArea).text.strip() or "—",
        }
