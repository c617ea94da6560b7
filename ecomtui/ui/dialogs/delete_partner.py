"""Deleting a partner: confirm, and when tasks or expenses depend on it, say so and offer to archive.

Deleting a partner removes its contacts and interaction log, leaves its tasks
without an owner and its expenses without a partner. Archiving keeps all of
it and only takes the partner off the owner lists, which is what a manager
replacing an agency usually wants.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecomtui.services.partner_roster import Partner
from ecomtui.text import visible
from ecomtui.ui.widgets.key_footer import KeyFooter
from ecomtui.vocabulary import counted


def dependents_text(partner: Partner) -> Text:
    """What deleting ``partner`` would touch, in words."""
    text = Text.assemble("“", visible(partner.name), "”")
    depends = []
    if partner.task_count:
        open_tasks = len(partner.tasks)
        depends.append(f"owns {counted(partner.task_count, 'task')} ({open_tasks} open)")
    if partner.expense_count:
        depends.append(f"has {counted(partner.expense_count, 'expense')}")
    if depends:
        text.append(" " + " and ".join(depends) + ". ")
        text.append("Deleting it leaves those without an owner or partner. ")
    else:
        text.append(" owns no tasks and has no expenses. ")
    lost = []
    if partner.contacts:
        lost.append(counted(len(partner.contacts), "contact"))
    if partner.interactions:
        lost.append(counted(len(partner.interactions), "logged interaction"))
    if lost:
        text.append(f"Its {' and '.join(lost)} will be deleted with it. ")
    if depends:
        text.append("\n\nArchive instead", "bold")
        text.append(" keeps everything and takes it off the owner lists.")
    else:
        text.append("This cannot be undone.")
    return text


class DeletePartnerDialog(ModalScreen[str | None]):
    """Dismisses with "delete", "archive" (offered when something depends on the partner) or None."""

    BINDINGS = [
        Binding("escape,n", "choose(None)", "Cancel"),
        Binding("y", "choose('delete')", "Delete"),
        Binding("a", "choose('archive')", "Archive"),
    ]

    def __init__(self, partner: Partner) -> None:
        super().__init__(classes="dialog-screen")
        self.partner = partner
        self.offer_archive = bool(partner.task_count or partner.expense_count) and not partner.archived

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Static(Text("Delete partner?"), classes="dialog-title")
            yield Static(dependents_text(self.partner), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                if self.offer_archive:
                    yield Button("Archive instead (a)", variant="primary", id="archive", compact=True)
                yield Button(
                    "Delete anyway (y)" if self.offer_archive else "Delete (y)",
                    variant="error",
                    id="delete",
                    compact=True,
                )
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#archive" if self.offer_archive else "#cancel", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("archive",):
            return self.offer_archive
        return True

    def action_choose(self, choice: str | None) -> None:
        if self.app.screen is self:
            self.dismiss(choice)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose({"delete": "delete", "archive": "archive"}.get(event.button.id or ""))
