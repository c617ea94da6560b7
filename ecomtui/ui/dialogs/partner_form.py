"""The new / edit partner dialog: its fields and its contact people in one form.

Typed values are checked by ``services.partner_roster``; a bad value is
explained in the dialog, which keeps what was typed. The contacts are rows of
name, role, e-mail and phone: the partner's contacts plus an empty row for a
new one; a row whose name is cleared is removed on save. The dialog saves
through the ``save`` function it is given and closes only once the save has
landed; a save based on a stale copy shows both versions (ConflictDialog).
Stored text written by another tool is shown with its control characters made
visible, so saving keeps the visible stand-ins (``␛``), never the controls.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from ecomtui.services.money import amount_text
from ecomtui.services.partner_roster import (
    ContactInput,
    Partner,
    PartnerInput,
    build_contact_input,
    build_partner_input,
)
from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict
from ecomtui.text import visible
from ecomtui.ui.dialogs.form_support import show_form_error
from ecomtui.ui.widgets.key_footer import KeyFooter
from ecomtui.vocabulary import PARTNER_KINDS

CONTACT_FIELDS = ("name", "role", "email", "phone")


def partner_fields(p: Partner) -> dict[str, str]:
    """A partner's fields as the conflict view shows them."""
    return {
        "Name": p.name,
        "Kind": p.kind,
        "Services": ", ".join(p.services) or "—",
        "Website": p.website or "—",
        "Retainer": amount_text(p.retainer_minor) if p.retainer_minor is not None else "—",
        "Contract": f"{p.contract_start or '…'} → {p.contract_end or '…'}",
        "Notice": f"{p.notice_days} days" if p.notice_days is not None else "—",
        "Rating": str(p.rating) if p.rating else "—",
        "Archived": "yes" if p.archived else "no",
        "Contacts": "; ".join(c.describe() for c in p.contacts) or "—",
        "Notes": p.notes or "—",
    }


# save(form, data, version the form was based on): submits the write; answers with form.saved / form.save_failed
SavePartner = Callable[["PartnerForm", PartnerInput, "int | None"], None]


class PartnerForm(ModalScreen[Partner | None]):
    """Dismisses with the saved :class:`Partner`; None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, *, save: SavePartner, partner: Partner | None = None, kind: str = "agency") -> None:
        super().__init__(classes="dialog-screen")
        self.save = save
        self.saving = False
        self.partner = partner
        self.kind = partner.kind if partner else kind
        self.contact_rows = len(partner.contacts) + 1 if partner else 2

    def compose(self) -> ComposeResult:
        p = self.partner
        with Vertical(classes="dialog partner-form"):
            yield Static(Text("Edit partner" if p else "New partner"), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            with Grid(classes="form-grid partner-grid"):
                yield Label("Name")
                yield Input(visible(p.name) if p else "", id="name", compact=True, select_on_focus=False)
                yield Label("Kind")
                yield Select(
                    [(k, k) for k in PARTNER_KINDS],
                    value=self.kind if self.kind in PARTNER_KINDS else "agency",
                    allow_blank=False,
                    id="kind",
                    compact=True,
                )
                yield Label("Services")
                yield Input(
                    visible(", ".join(p.services)) if p else "", id="services", compact=True, placeholder="SEO, PPC"
                )
                yield Label("Website")
                yield Input(visible(p.website) if p else "", id="website", compact=True, placeholder="https://…")
                yield Label("Retainer")
                yield Input(
                    amount_text(p.retainer_minor) if p and p.retainer_minor is not None else "",
                    id="retainer",
                    compact=True,
                    placeholder="a month, e.g. 2500",
                )
                yield Label("Starts")
                yield Input(
                    p.contract_start.isoformat() if p and p.contract_start else "",
                    id="contract_start",
                    compact=True,
                    placeholder="YYYY-MM-DD",
                )
                yield Label("Ends")
                yield Input(
                    p.contract_end.isoformat() if p and p.contract_end else "",
                    id="contract_end",
                    compact=True,
                    placeholder="YYYY-MM-DD",
                )
                yield Label("Notice")
                yield Input(
                    str(p.notice_days) if p and p.notice_days is not None else "",
                    id="notice",
                    compact=True,
                    placeholder="days",
                )
                yield Label("Rating")
                yield Select(
                    [(f"{n} {'★' * n}", str(n)) for n in range(1, 6)],
                    value=str(p.rating) if p and p.rating else Select.NULL,
                    prompt="(none)",
                    id="rating",
                    compact=True,
                )
                yield Label("Archived")
                yield Checkbox("no new tasks", p.archived if p else False, id="archived", compact=True)
                yield Label("Notes")
                yield TextArea(visible(p.notes, multiline=True) if p else "", id="notes", compact=True, soft_wrap=True)
            yield Static(Text("Contacts: name, role, e-mail, phone (clear a name to remove)"), classes="form-section")
            with Grid(classes="contact-grid"):
                contacts = list(p.contacts) if p else []
                for row in range(self.contact_rows):
                    person = contacts[row] if row < len(contacts) else None
                    for name in CONTACT_FIELDS:
                        value = visible(getattr(person, name)) if person else ""
                        yield Input(value, id=f"contact-{row}-{name}", compact=True, placeholder=name)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _contacts(self) -> tuple[ContactInput, ...]:
        stored = list(self.partner.contacts) if self.partner else []
        contacts = []
        for row in range(self.contact_rows):
            values = {name: self._text(f"contact-{row}-{name}") for name in CONTACT_FIELDS}
            if not any(v.strip() for v in values.values()) or (not values["name"].strip() and row < len(stored)):
                continue  # an empty row, or a stored contact whose name was cleared: removed
            try:
                contacts.append(
                    build_contact_input(
                        values["name"],
                        values["role"],
                        values["email"],
                        values["phone"],
                        id=stored[row].id if row < len(stored) else None,
                    )
                )
            except InvalidInput as exc:
                column = {"contact": "name"}.get(exc.field or "", exc.field)
                raise InvalidInput(f"contact {row + 1}: {exc.message}", f"contact-{row}-{column}") from None
        return tuple(contacts)

    def read_input(self) -> PartnerInput:
        rating = self.query_one("#rating", Select).value
        return build_partner_input(
            name=self._text("name"),
            kind=str(self.query_one("#kind", Select).value),
            services=self._text("services"),
            website=self._text("website"),
            retainer=self._text("retainer"),
            contract_start=self._text("contract_start"),
            contract_end=self._text("contract_end"),
            notice=self._text("notice"),
            rating=None if rating is Select.NULL else str(rating),
            notes=self.query_one("#notes", TextArea).text,
            archived=self.query_one("#archived", Checkbox).value,
            contacts=self._contacts(),
        )

    def action_save(self) -> None:
        if self.app.screen is not self or self.saving:
            return
        try:
            data = self.read_input()
        except InvalidInput as exc:
            show_form_error(self, exc)
            return
        self.saving = True
        self.save(self, data, self.partner.version if self.partner else None)

    def saved(self, partner: Partner) -> None:
        self.saving = False
        self.dismiss(partner)

    def save_failed(self, exc: Exception) -> None:
        self.saving = False
        if isinstance(exc, Conflict) and isinstance(exc.current, Partner):
            self._show_conflict(exc.current)
        elif isinstance(exc, InvalidInput):
            show_form_error(self, exc)
        else:
            show_form_error(self, InvalidInput(f"Not saved: {self.app.explain(exc)}"))

    def _typed_fields(self) -> dict[str, str]:
        """What the form holds now, in the conflict view's terms (as typed when it does not validate)."""
        try:
            data = self.read_input()
        except InvalidInput:
            return {"Name": self._text("name").strip()}
        typed = Partner(
            id=0,
            name=data.name,
            kind=data.kind,
            services=data.services,
            website=data.website,
            retainer_minor=data.retainer_minor,
            contract_start=data.contract_start,
            contract_end=data.contract_end,
            notice_days=data.notice_days,
            rating=data.rating,
            notes=data.notes,
            archived=data.archived,
        )
        fields = partner_fields(typed)
        fields["Contacts"] = (
            "; ".join(" · ".join(x for x in (c.name, c.role, c.email, c.phone) if x) for c in data.contacts) or "—"
        )
        return fields

    def _show_conflict(self, theirs: Partner) -> None:
        from ecomtui.ui.dialogs.conflict import ConflictDialog

        base = partner_fields(self.partner) if self.partner else {}
        now = partner_fields(theirs)
        yours = self._typed_fields()
        rows = [(f, now[f], yours.get(f, "")) for f in now if now[f] != base.get(f)]

        def chosen(choice: str | None) -> None:
            if choice == "reload":
                self.partner = theirs
                self.notify("Showing the partner as saved elsewhere; your changes were dropped", timeout=4)
                self.dismiss(theirs)
            elif choice == "keep":
                self.partner = theirs  # based on theirs now: saving overwrites it knowingly
                self.action_save()

        self.app.push_screen(ConflictDialog(f"“{theirs.name}”", rows), chosen)

    def action_cancel(self) -> None:
        if self.app.screen is self:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
