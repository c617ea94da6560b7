"""The new / edit task dialog.

Typed values are checked by ``services.task_board.check_task_input`` (the
command line's checks, with the same messages). Every bad value is explained
at once, under its own field, and the dialog stays open with what was typed;
an explanation goes away as soon as its field holds a valid value. Nothing is
saved until every field is valid.

The dialog saves through the ``save`` function it is given and closes only
once the save has landed: a failed save (the database refused, or the task
was changed elsewhere meanwhile) keeps it open with what was typed. Stored
text written by another tool is shown with its control characters made
visible, so saving keeps the visible stand-ins (``␛``), never the control
characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ecomtui.services.task_board import TASK_FIELDS, TaskCard, TaskInput, check_task_input, parse_task_field
from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict
from ecomtui.text import visible
from ecomtui.ui.channel_style import channel_text
from ecomtui.ui.widgets.key_footer import KeyFooter
from ecomtui.vocabulary import PRIORITIES, TASK_STATUS_LABELS, TASK_STATUSES


def _options(
    rows: list[tuple[int, str]],
    current: int | None,
    current_name: str | None,
    gone: str,
    styles: dict[int, Style] | None = None,
) -> list:
    """Select options from (id, name) rows, keeping the task's own value even if it is
    no longer offered (an archived owner, a retired channel): the dialog must show what is stored."""
    styles = styles or {}
    options = [(channel_text(visible(name), row_id, styles, swatch=True), row_id) for row_id, name in rows]
    if current is not None and all(row_id != current for row_id, _ in rows):
        label = visible(f"{current_name or current} ({gone})")
        options.append((channel_text(label, current, styles, swatch=True), current))
    return options


def _name(rows: list[tuple[int, str]], row_id: int | None, fallback: str | None = None) -> str:
    if row_id is None:
        return "—"
    return next((name for rid, name in rows if rid == row_id), fallback or str(row_id))


def _card_fields(card: TaskCard) -> dict[str, str]:
    """A task's fields as the conflict view shows them."""
    return {
        "Title": card.title,
        "Status": TASK_STATUS_LABELS.get(card.status, card.status),
        "Priority": card.priority,
        "Channel": card.channel or "—",
        "Owner": card.owner or "—",
        "Due": card.due.isoformat() if card.due else "—",
        "Sprint": card.sprint or "—",
        "Notes": card.notes or "—",
    }


# save(form, data, version the form was based on): submits the write; answers with form.saved / form.save_failed
SaveTask = Callable[["TaskForm", TaskInput, "int | None"], None]


class TaskForm(ModalScreen[TaskCard | TaskInput | None]):
    """Dismisses with a validated :class:`TaskInput`, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        *,
        channels: list[tuple[int, str]],
        owners: list[tuple[int, str]],
        card: TaskCard | None = None,
        status: str = "todo",
        sprint: str | None = None,
        channel_id: int | None = None,
        owner_id: int | None = None,
        channel_styles: dict[int, Style] | None = None,
        save: SaveTask | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.save = save
        self.saving = False
        self.channel_styles = channel_styles or {}
        self.channels = channels
        self.owners = owners
        self.card = card
        self.default_status = card.status if card else status
        self.default_sprint = card.sprint if card else sprint
        self.default_channel = card.channel_id if card else channel_id
        self.default_owner = card.owner_id if card else owner_id

    def compose(self) -> ComposeResult:
        card = self.card
        with Vertical(classes="dialog task-form"):
            yield Static(Text("Edit task" if card else "New task"), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            # no select-all on focus: the first key typed must not wipe the title
            yield from self._row(
                "Title",
                Input(
                    visible(card.title) if card else "",
                    id="title",
                    compact=True,
                    placeholder="what needs doing",
                    select_on_focus=False,
                ),
            )
            yield from self._row(
                "Status",
                Select(
                    [(TASK_STATUS_LABELS[s], s) for s in TASK_STATUSES],
                    value=self.default_status if self.default_status in TASK_STATUSES else "todo",
                    allow_blank=False,
                    id="status",
                    compact=True,
                ),
            )
            yield from self._row(
                "Priority",
                Select(
                    [(p.capitalize(), p) for p in PRIORITIES],
                    value=card.priority if card and card.priority in PRIORITIES else "normal",
                    allow_blank=False,
                    id="priority",
                    compact=True,
                ),
            )
            yield from self._row(
                "Channel",
                Select(
                    _options(
                        self.channels,
                        self.default_channel,
                        card.channel if card else None,
                        "retired",
                        self.channel_styles,
                    ),
                    value=self.default_channel or Select.NULL,
                    prompt="(none)",
                    id="channel",
                    compact=True,
                ),
            )
            yield from self._row(
                "Owner",
                Select(
                    _options(self.owners, self.default_owner, card.owner if card else None, "archived"),
                    value=self.default_owner or Select.NULL,
                    prompt="(none)",
                    id="owner",
                    compact=True,
                ),
            )
            due = card.due.isoformat() if card and card.due else ""
            yield from self._row("Due", Input(due, id="due", compact=True, placeholder="YYYY-MM-DD"))
            yield from self._row(
                "Sprint", Input(visible(self.default_sprint or ""), id="sprint", compact=True, placeholder="YYYY-MM")
            )
            yield from self._row(
                "Notes",
                TextArea(visible(card.notes, multiline=True) if card else "", id="notes", compact=True, soft_wrap=True),
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def _row(self, label: str, field: Widget) -> Iterator[Widget]:
        """A label, its field, and the field's error line under it (shown only when it has one)."""
        with Horizontal(classes="form-row"):
            yield Label(label)
            with Vertical(classes="form-field"):
                yield field
                yield Static("", id=f"{field.id}-error", classes="field-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _value(self, select_id: str) -> int | None:
        value = self.query_one(select_id, Select).value
        return None if value is Select.NULL else value  # type: ignore[return-value]

    def _typed(self) -> dict:
        return {
            "title": self.query_one("#title", Input).value,
            "status": self.query_one("#status", Select).value,
            "priority": self.query_one("#priority", Select).value,
            "due": self.query_one("#due", Input).value,
            "sprint": self.query_one("#sprint", Input).value,
            "notes": self.query_one("#notes", TextArea).text,
        }

    def action_save(self) -> None:
        if self.app.screen is not self:  # a second enter or click while closing
            return
        data, errors = check_task_input(
            **self._typed(), channel_id=self._value("#channel"), owner_id=self._value("#owner")
        )
        if errors:
            self._show_errors(errors)
            return
        if self.save is None:
            self.dismiss(data)
        elif not self.saving:
            self.saving = True
            self._show_form_error(None)
            self.save(self, data, self.card.version if self.card else None)

    def saved(self, card: TaskCard) -> None:
        """The save landed: close with the task as stored."""
        self.saving = False
        self.dismiss(card)

    def save_failed(self, exc: Exception) -> None:
        """The save did not land: keep what was typed, and say why (or show the conflict)."""
        self.saving = False
        if isinstance(exc, Conflict) and isinstance(exc.current, TaskCard):
            self._show_conflict(exc.current)
        elif isinstance(exc, InvalidInput) and exc.field in TASK_FIELDS:
            self._show_errors([exc])
        else:
            self._show_form_error(f"Not saved: {self.app.explain(exc)}")

    def _show_form_error(self, message: str | None) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Text(visible(message or "")))
        error.set_class(message is not None, "-visible")

    def _show_conflict(self, theirs: TaskCard) -> None:
        from ecomtui.ui.dialogs.conflict import ConflictDialog

        base = _card_fields(self.card) if self.card else {}
        now = _card_fields(theirs)
        yours = self._typed_fields()
        rows = [(field, visible(now[field]), visible(yours[field])) for field in now if now[field] != base.get(field)]

        def chosen(choice: str | None) -> None:
            if choice == "reload":
                self._fill(theirs)
                self.card = theirs
                self.notify("Showing the task as saved elsewhere; your changes were dropped", timeout=4)
            elif choice == "keep":
                self.card = theirs  # based on theirs now: saving overwrites it knowingly
                self.action_save()

        self.app.push_screen(ConflictDialog(f"“{visible(theirs.title)}”", rows), chosen)

    def _typed_fields(self) -> dict[str, str]:
        status = self.query_one("#status", Select).value
        return {
            "Title": self.query_one("#title", Input).value.strip(),
            "Status": TASK_STATUS_LABELS.get(str(status), str(status)),
            "Priority": str(self.query_one("#priority", Select).value),
            "Channel": _name(self.channels, self._value("#channel"), self.card.channel if self.card else None),
            "Owner": _name(self.owners, self._value("#owner"), self.card.owner if self.card else None),
            "Due": self.query_one("#due", Input).value.strip() or "—",
            "Sprint": self.query_one("#sprint", Input).value.strip() or "—",
            "Notes": self.query_one("#notes", TextArea).text.strip() or "—",
        }

    def _fill(self, card: TaskCard) -> None:
        """Put a stored task's values into the fields."""
        self.query_one("#title", Input).value = visible(card.title)
        self.query_one("#status", Select).value = card.status
        self.query_one("#priority", Select).value = card.priority
        for select_id, row_id in (("#channel", card.channel_id), ("#owner", card.owner_id)):
            select = self.query_one(select_id, Select)
            try:
                select.value = row_id if row_id is not None else Select.NULL
            except Exception:  # a channel or owner this dialog does not offer (retired meanwhile)
                select.value = Select.NULL
        self.query_one("#due", Input).value = card.due.isoformat() if card.due else ""
        self.query_one("#sprint", Input).value = visible(card.sprint or "")
        self.query_one("#notes", TextArea).text = visible(card.notes, multiline=True)

    def _show_errors(self, errors: list[InvalidInput]) -> None:
        """Every refusal under its field; the first bad field takes the focus."""
        by_field = {exc.field: exc.message for exc in errors}
        for field in TASK_FIELDS:
            self._set_error(field, by_field.get(field))
        first = next((exc.field for exc in errors if exc.field in TASK_FIELDS), None)
        if first:
            self.query_one(f"#{first}").focus()

    def _set_error(self, field: str, message: str | None) -> None:
        error = self.query_one(f"#{field}-error", Static)
        error.update(Text(message or ""))
        error.set_class(message is not None, "-visible")
        self.query_one(f"#{field}").set_class(message is not None, "-has-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        """An explanation goes as soon as its field is valid (a new one waits for the next save)."""
        field = event.input.id
        if field in TASK_FIELDS and event.input.has_class("-has-error"):
            try:
                parse_task_field(field, event.value)
            except InvalidInput:
                return
            self._set_error(field, None)

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
