"""The Tasks tab: a five-column kanban board over the whole task list.

All cards are kept in memory in board order; filtering and moving are pure
functions over that list (``services.task_board``), so keys never wait on the
database. Changes are written through the app's database bridge. On a narrow
terminal the selected column widens (``board_layout``); the line under the
board shows the selected card in full; ``u`` undoes (``board_undo``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import partial

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.css.scalar import Scalar
from textual.geometry import Size
from textual.widgets import Input, Static

from ecomtui import clock
from ecomtui.services.channel_colours import ChannelInfo
from ecomtui.services.task_board import (
    BoardFilter,
    TaskCard,
    TaskInput,
    clip,
    default_sprint,
    group_by_status,
    matches,
    neighbour_status,
    place_card,
    plural,
    remove_card,
    with_status,
)
from ecomtui.text import visible
from ecomtui.ui.board_layout import WIDE, column_widths
from ecomtui.ui.board_undo import BoardUndo
from ecomtui.ui.channel_style import channel_styles
from ecomtui.ui.tab import Command, EcomTab
from ecomtui.ui.textual_patches import FilterInput
from ecomtui.ui.widgets.card_column import CARD_HEIGHT, LEGEND, CardColumn
from ecomtui.ui.widgets.card_detail import CardDetail
from ecomtui.vocabulary import TASK_STATUS_LABELS, TASK_STATUSES

WELCOME = (
    "No tasks yet.\n\n"
    "Press  n  to add your first task,\n"
    "or quit and run  ecomtui demo  to explore a sample store.\n\n"
    "?  lists every key · ctrl+p opens the command palette"
)


def _job_load_board(today: date):
    def job(conn):
        from ecomtui.services import lookups, task_queries

        return task_queries.load_board(conn, today), lookups.channel_rows(conn), lookups.owner_names(conn)

    return job


MOVE_GROUP = Binding.Group("Move", compact=True)


class TaskBoard(BoardUndo, EcomTab):
    """Kanban board of tasks: Backlog, To do, In progress, Review, Done."""

    TAB_KEY = "2"
    TAB_ID = "tasks"
    TAB_LABEL = "Tasks"
    READY_MARKER = "on the board"
    ITEM_GONE = "That task is not on the board (done more than 30 days ago, or deleted)"
    WARM_MODULES = ("ecomtui.services.tasks", "ecomtui.services.validation")
    HELP_WIDGETS = (CardColumn,)
    HELP_NOTES = (
        ("/", "filter by title, notes, owner, channel; enter keeps it, escape clears"),
        ("ctrl+p", "also: filter by channel, owner or sprint; add, rename, colour, reorder or retire channels"),
        ("", ""),
        ("Marks on the board", ""),  # a sub-heading: the legend
        *LEGEND,
        ("◂ Backlog 30", f"below {WIDE} columns: the columns beside the view, with their counts"),
    )

    BINDINGS = [
        Binding("n", "new_task", "New", tooltip="new task (in the selected column)", id="tasks.new"),
        Binding("e,enter", "edit_task", "Edit", tooltip="edit the selected task", id="tasks.edit"),
        Binding("d", "delete_task", "Delete", tooltip="delete the selected task (asks first)", id="tasks.delete"),
        Binding(
            "shift+left",
            "move_card(-1)",
            "Move left",
            key_display="⇧←",
            group=MOVE_GROUP,
            tooltip="move the card to the previous column",
            id="tasks.move_left",
        ),
        Binding(
            "shift+right",
            "move_card(1)",
            "Move right",
            key_display="⇧→",
            group=MOVE_GROUP,
            tooltip="move the card to the next column",
            id="tasks.move_right",
        ),
        Binding("u", "undo", "Undo", tooltip="undo the last delete or move (this session)", id="tasks.undo"),
        Binding("escape", "clear_filter", "Clear", tooltip="clear the filter", id="tasks.clear_filter"),
        Binding("left,h", "focus_column(-1)", "Column left", show=False, tooltip="previous column"),
        Binding("right,l", "focus_column(1)", "Column right", show=False, tooltip="next column"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[TaskCard] = []
        self.filter = BoardFilter()
        self.channels: list[tuple[int, str]] = []  # offered for new tasks (not retired)
        self.channel_rows: list[ChannelInfo] = []  # every channel, retired ones too
        self.owners: list[tuple[int, str]] = []
        self.today = clock.today()
        self.selected_status = "todo"  # the column last focused: the one widened on a narrow terminal
        self._status_line: Text | None = None
        self._hidden_line: Text | None = None
        self._changes = 0  # bumped on every change of the cards (not of the filter)
        self._overdue: tuple[object, int] = (None, 0)
        self._counts: dict[str, int] = dict.fromkeys(TASK_STATUSES, 0)
        self._widths: list[int | None] = []
        self._sized: Size | None = None  # the size the last Resize laid the board out for
        self._titles: dict[str, tuple[str, str]] = {}  # each column's border title: label, count
        self._styles: dict = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="board-head"):
            yield Static("Loading tasks…", id="board-status", markup=False)
            yield Static("", id="board-hidden", markup=False)
        with Horizontal(id="columns"):
            for status in TASK_STATUSES:
                column = CardColumn(status, id=f"cards-{status}")
                column.border_title = Content(TASK_STATUS_LABELS[status])
                column.on_selection = self._selection_moved
                yield column
        yield CardDetail(id="card-detail")
        yield Static(WELCOME, id="welcome", markup=False)

    def filter_input(self) -> Input | None:
        """The filter field, once mounted (on first use: painting the board does not need it)."""
        try:
            return self.query_one("#filter", Input)
        except NoMatches:
            return None

    # ---- loading ------------------------------------------------------------------

    def load(self) -> None:
        """(Re)load every card from the database; the app hears DataShown once they are shown."""
        self.today = clock.today()
        changes = self._changes

        def loaded(result) -> None:
            if changes != self._changes:
                # a move or edit of ours happened since this read started: its copy is
                # older than the screen, so read again (queued after our writes)
                self.load()
                return
            self._loaded(result)
            self.call_after_refresh(self.data_shown)

        self.app.bridge.submit(_job_load_board(self.today), requester=self, on_done=loaded)

    def _loaded(self, result) -> None:
        cards, channel_rows, owners = result
        first_load = not self.loaded
        if first_load:
            self.call_after_refresh(self._premount_filter)
        keep = self.selected_card()
        self.cards = cards
        self.channel_rows = channel_rows
        self.channels = [(c.id, c.name) for c in channel_rows if not c.retired]
        self.owners = owners
        self._styles = channel_styles(channel_rows, self.app.no_color)
        for column in self.columns():
            column.set_channel_styles(self._styles)
        self.loaded = True
        self.refresh_board(keep_id=keep.id if keep else None)
        focused = self.screen.focused
        typing = isinstance(focused, Input)  # never take focus from the filter or a dialog field
        # a hidden board (another tab is shown) never takes the focus
        if self.pending_select is not None and self.display:
            self.select_item(self.pending_select)
        elif self.display and not typing and (first_load or not isinstance(focused, CardColumn)):
            self.focus_first_column()

    # ---- helpers ----------------------------------------------------------------------

    def on_mount(self) -> None:
        # looked up once: refresh_board and the keys use them on every keystroke
        self._columns = {s: self.query_one(f"#cards-{s}", CardColumn) for s in TASK_STATUSES}
        self._status = self.query_one("#board-status", Static)
        self._hidden = self.query_one("#board-hidden", Static)
        self._detail = self.query_one("#card-detail", CardDetail)

    def columns(self) -> list[CardColumn]:
        return list(self._columns.values())

    def column(self, status: str) -> CardColumn:
        return self._columns[status]

    def current_column(self) -> CardColumn | None:
        focused = self.screen.focused
        if isinstance(focused, CardColumn):
            return focused
        return None

    def selected_card(self) -> TaskCard | None:
        column = self.current_column()
        return column.selected if column else None

    def focus_column(self, column: CardColumn) -> None:
        """Focus now, not on the next idle: the very next key must act on this column."""
        self._select_column(column)
        self.screen.set_focus(column)

    def on_descendant_focus(self, _event) -> None:
        # focus moved by tab or a click: follow it (the event may be stale after a burst of
        # keys, so ask what has the focus now)
        focused = self.screen.focused
        if isinstance(focused, CardColumn):
            self._select_column(focused)

    def _select_column(self, column: CardColumn) -> None:
        """``column`` is the one the user works in: widen it on a narrow terminal, describe its card."""
        if column.status != self.selected_status:
            self.selected_status = column.status
            self._arrange()
        self._show_detail()

    def _selection_moved(self, column: CardColumn) -> None:
        if column.status == self.selected_status:
            self._show_detail()

    def _show_detail(self) -> None:
        card = self.column(self.selected_status).selected if self.loaded else None
        self._detail.show(card, self.today, self._styles)

    def _arrange(self) -> None:
        """Show and size the columns for the width (see ``board_layout``); the hidden ones are named above."""
        width = self.size.width or (self._sized.width if self._sized else 0)  # 0 hidden, e.g. after a pre-draw
        if not width:
            return
        widths = column_widths(width, TASK_STATUSES.index(self.selected_status), len(TASK_STATUSES))
        if widths != self._widths:
            self._widths = widths
            for column, share in zip(self.columns(), widths):
                # Only what changes: Textual repaints a column on every set, even to the same value.
                if column.display != (share is not None):
                    column.display = share is not None
                width = Scalar.from_number(share) if share else None  # None: the stylesheet's equal share
                if column.styles.inline.width != width:
                    column.styles.width = width
        self._update_hidden()

    def focus_first_column(self) -> None:
        for column in self.columns():
            if column.cards:
                self.focus_column(column)
                return
        self.focus_column(self.column("todo"))

    def sprints(self) -> list[str]:
        return sorted({c.sprint for c in self.cards if c.sprint}, reverse=True)

    def refresh_board(self, keep_id: int | None = None) -> None:
        """Redraw every column from the cards and the filter."""
        grouped = group_by_status(self.cards, self.filter)
        total = len(self.cards)
        shown = sum(len(v) for v in grouped.values())
        for status in TASK_STATUSES:
            column = self.column(status)
            empty_text = "no match" if self.filter.active else "—"
            if column.empty_text != empty_text:
                column.empty_text = empty_text
                column.refresh()
            column.set_cards(grouped[status], self.today, keep_id=keep_id)
            self._counts[status] = len(grouped[status])
            self._title_column(column)
        self._update_status(shown, total)
        self._update_hidden()
        self._show_detail()
        empty = total == 0
        self.set_class(empty, "-empty")
        self.refresh_bindings()  # edit/delete/move apply only while a card is selected

    def _title_column(self, column: CardColumn) -> None:
        """Label and count on the top border, always both: a label too long for the column is cut."""
        label = TASK_STATUS_LABELS[column.status]
        number = f"{self._counts[column.status]:,}"
        width = column.given_width
        room = width - 6 - len(number)  # corners, rules and spaces around the title
        if width and len(label) > room:
            label = label[: max(room - 1, 1)] + "…"
        # each assignment repaints the whole column: only when it changed (compared as
        # text: two equal Content objects do not compare equal)
        if self._titles.get(column.status) != (label, number):
            self._titles[column.status] = (label, number)
            column.border_title = Content.assemble((label, "bold"), " ", (number, "dim"))

    def on_resize(self, event: events.Resize) -> None:
        if event.size == self._sized:  # shown again at the size it had: laid out already
            return
        self._sized = event.size
        self._arrange()
        if self.loaded:
            self.call_after_refresh(self._retitle)

    def _retitle(self) -> None:
        for column in self.columns():
            self._title_column(column)

    def _place(self, card: TaskCard) -> None:
        place_card(self.cards, card)
        self._changes += 1

    def _remove(self, task_id: int) -> None:
        remove_card(self.cards, task_id)
        self._changes += 1

    def _overdue_count(self) -> int:
        """Overdue cards on the board, counted again only when the cards changed."""
        key = (id(self.cards), len(self.cards), self._changes, self.today)
        if self._overdue[0] != key:
            self._overdue = (key, sum(1 for c in self.cards if c.is_overdue(self.today)))
        return self._overdue[1]

    def _update_status(self, shown: int, total: int) -> None:
        status = self._status
        overdue = self._overdue_count()
        line = Text()
        if self.filter.active:
            line.append("Filter ", "bold")
            line.append(visible(self.filter.describe()))
            line.append(f" · {shown:,} of {plural(total, 'task')} · esc clears")
        else:
            line.append(f"{plural(total, 'task')} on the board")
            if overdue:
                line.append(" · ")
                line.append(f"{overdue:,} overdue", "bold reverse" if self.app.no_color else "bold red")
        if line != self._status_line:
            self._status_line = line
            status.update(line, layout=False)

    def _update_hidden(self) -> None:
        """Name the columns that do not fit, with their counts: ``◂ Backlog 30   Done 30 ▸``."""
        widths = self._widths or [0] * len(TASK_STATUSES)
        selected = TASK_STATUSES.index(self.selected_status)
        sides: list[list[str]] = [[], []]
        for index, (status, share) in enumerate(zip(TASK_STATUSES, widths)):
            if share is None:
                sides[index > selected].append(f"{TASK_STATUS_LABELS[status]} {self._counts[status]:,}")
        left, right = (" · ".join(side) for side in sides)
        line = Text("   ".join(part for part in (left and f"◂ {left}", right and f"{right} ▸") if part))
        if line != self._hidden_line:
            self._hidden_line = line
            self._hidden.update(line)

    # ---- the app's hooks ------------------------------------------------------------

    def activated(self) -> None:
        self.focus_first_column()

    def on_card_column_resized(self, event: CardColumn.Resized) -> None:
        event.stop()
        if self.loaded:
            self._title_column(event.column)

    def can_filter(self) -> bool:
        return self.display  # before the first data too: keys typed early land in the filter

    def start_filter(self) -> None:
        self.start_filter_now()

    def database_failed(self) -> None:
        self._status.update(Text("The database could not be opened."))

    def commands(self) -> Iterator[Command]:
        from ecomtui.ui.channel_commands import channel_commands

        yield ("New task", self.action_new_task, "Add a task to the board (n)")
        if self.selected_card() is not None:
            yield ("Edit selected task", self.action_edit_task, "Open the selected task (e, enter)")
            yield ("Delete selected task", self.action_delete_task, "Delete the selected task, after asking (d)")
            yield ("Move selected task right", partial(self.action_move_card, 1), "To the next column (shift+→)")
            yield ("Move selected task left", partial(self.action_move_card, -1), "To the previous column (shift+←)")
        if self.can_undo():
            yield ("Undo the last delete or move", self.action_undo, "Bring the card back as it was (u)")
        yield ("Filter tasks by text", self.action_start_filter, "Filter title, notes, owner, channel (/)")
        if self.filter.active:
            yield ("Clear task filters", self.action_clear_filter, "Show every task again (escape)")
        for info in self.channel_rows:
            yield (
                f"Filter tasks by channel: {info.name}",
                partial(self.set_filter, channel=info.name),
                "Only tasks of this channel" + (" (retired)" if info.retired else ""),
            )
        for _, name in self.owners:
            yield (f"Filter tasks by owner: {name}", partial(self.set_filter, owner=name), "Only tasks of this owner")
        for sprint in self.sprints():
            yield (
                f"Filter tasks by sprint: {sprint}",
                partial(self.set_filter, sprint=sprint),
                "Only tasks of this sprint",
            )
        yield from channel_commands(self, self.channel_rows)

    # ---- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            field = self.filter_input()
            return self.filter.active or bool(field and field.display)
        if action in ("edit_task", "delete_task", "move_card"):
            return self.selected_card() is not None
        if action == "undo":
            # always listed (dim until there is something to undo): lighting a key costs nothing,
            # adding one rebuilds the footer
            return True if self.can_undo() else None
        if action in ("new_task",):
            return self.loaded
        return True

    def action_focus_column(self, step: int) -> None:
        columns = self.columns()
        current = self.current_column()
        index = columns.index(current) if current in columns else 0
        target = columns[max(0, min(len(columns) - 1, index + step))]
        if current is not None and target.cards and current.cards:
            # keep roughly the same height on screen
            row = current.cursor - int(current.scroll_offset.y) // CARD_HEIGHT
            target.cursor = min(len(target.cards) - 1, int(target.scroll_offset.y) // CARD_HEIGHT + max(row, 0))
            target.refresh()
        self.focus_column(target)

    def _premount_filter(self) -> None:
        """After the first data frame: ready before the user's first "/", so keys typed
        right after it land in the field."""
        if self.filter_input() is None:
            self.mount(self._new_filter_input(), before=0)

    def _new_filter_input(self) -> Input:
        field = FilterInput(
            placeholder="Filter: title, notes, owner, channel — enter keeps it, esc clears",
            id="filter",
            compact=True,
        )
        field.display = False
        return field

    def start_filter_now(self) -> None:
        """Show and focus the filter at once when it is mounted (the usual case)."""
        field = self.filter_input()
        if field is None:
            self.run_worker(self.action_start_filter(), exclusive=True, group="filter")
        else:
            self._show_filter(field)

    async def action_start_filter(self) -> None:
        field = self.filter_input()
        if field is None:  # only if "/" comes before the first data: mounted after it otherwise
            field = self._new_filter_input()
            await self.mount(field, before=0)
        self._show_filter(field)

    def _show_filter(self, field: Input) -> None:
        field.display = True
        self.screen.set_focus(field)
        self.refresh_bindings()

    def action_clear_filter(self) -> None:
        field = self.filter_input()
        had_focus = bool(field and field.has_focus)
        keep = self.selected_card()
        self._reset_filter()
        self.refresh_board(keep_id=keep.id if keep else None)
        if had_focus or self.current_column() is None:
            self._focus_card(keep)
        self.refresh_bindings()

    def _reset_filter(self) -> None:
        """No filter: empty and hide the field (the caller redraws the board)."""
        field = self.filter_input()
        if field is not None:
            field.value = ""
            field.display = False
        self.filter = BoardFilter()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter = BoardFilter(event.value, self.filter.channel, self.filter.owner, self.filter.sprint)
        self.refresh_board()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.input.display = False
        self.focus_first_column()

    def set_filter(self, *, channel: str | None = None, owner: str | None = None, sprint: str | None = None) -> None:
        """Narrow the board to one channel, owner or sprint (from the command palette)."""
        flt = self.filter
        self.filter = BoardFilter(
            flt.text,
            channel if channel is not None else flt.channel,
            owner if owner is not None else flt.owner,
            sprint if sprint is not None else flt.sprint,
        )
        self.refresh_board()
        self.focus_first_column()

    def action_new_task(self) -> None:
        from ecomtui.services.validation import match_name
        from ecomtui.ui.dialogs.task_form import TaskForm

        column = self.current_column()
        status = column.status if column else "todo"
        flt = self.filter  # a filtered board pre-fills what it is filtered by
        self.app.push_screen(
            TaskForm(
                channels=self.channels,
                owners=self.owners,
                status=status,
                sprint=flt.sprint or default_sprint(self.today),
                channel_id=match_name(self.channels, flt.channel),
                owner_id=match_name(self.owners, flt.owner),
                save=self._save_new,
                channel_styles=self._styles,
            ),
            self._saved_new,
        )

    def _save_new(self, form, data: TaskInput, _version: int | None) -> None:
        def job(conn):
            from ecomtui.services import tasks

            return tasks.create_task(conn, data)

        self.app.bridge.submit(job, requester=form, write=True, on_done=form.saved, on_error=form.save_failed)

    def _saved_new(self, card: TaskCard | None) -> None:
        if card is None:
            return
        self._place(card)
        if self.filter.active and not matches(card, self.filter):
            self.notify("Filter cleared to show the new task", timeout=3)
            self._reset_filter()
        self.refresh_board()
        self._focus_card(card)
        self.notify(f"Added “{clip(visible(card.title))}”", timeout=3, markup=False)

    def action_edit_task(self) -> None:
        from ecomtui.ui.dialogs.task_form import TaskForm

        card = self.selected_card()
        if card is None:
            return
        self.app.push_screen(
            TaskForm(
                channels=self.channels, owners=self.owners, card=card, save=self._save_edit, channel_styles=self._styles
            ),
            self._saved_edit,
        )

    def _save_edit(self, form, data: TaskInput, version: int | None) -> None:
        task_id = form.card.id

        def job(conn):
            from ecomtui.services import tasks

            return tasks.update_task(conn, task_id, data, expected_version=version)

        self.app.bridge.submit(job, requester=form, write=True, on_done=form.saved, on_error=form.save_failed)

    def _saved_edit(self, card: TaskCard | None) -> None:
        if card is None:
            return
        self._place(card)
        self.refresh_board(keep_id=card.id)
        self._focus_card(card)
        self.notify(f"Saved “{clip(visible(card.title))}”", timeout=3, markup=False)

    def action_delete_task(self) -> None:
        from ecomtui.ui.dialogs.confirm import ConfirmDialog

        card = self.selected_card()
        if card is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self._remove(card.id)
            self.refresh_board()

            def job(conn):
                from ecomtui.services import tasks

                return tasks.delete_task(conn, card.id, expected_version=card.version)

            self.app.bridge.submit(
                job, requester=self, write=True, on_done=self.remember_delete, on_error=self._write_failed
            )
            self.notify(f"Deleted “{clip(visible(card.title))}” · u brings it back", timeout=3, markup=False)

        title = Text("Delete task?")
        body = Text.assemble(
            "“", clip(visible(card.title), 200), "” will be deleted (u undoes it while ecomtui is open)."
        )
        self.app.push_screen(ConfirmDialog(title, body, confirm_label="Delete"), confirmed)

    def action_move_card(self, step: int) -> None:
        card = self.selected_card()
        if card is None:
            return
        target = neighbour_status(card.status, step)
        if target is None:
            self.app.bell()
            return
        self.remember_move(card)
        # the write below, queued after any earlier one of this card, will give it the next version
        moved = replace(with_status(card, target, clock.now()), version=card.version + 1)
        self._place(moved)
        self.refresh_board(keep_id=card.id)
        self._focus_card(moved)

        def job(conn):
            from ecomtui.services import tasks

            tasks.move_task(conn, card.id, target, expected_version=card.version)

        self.app.bridge.submit(job, requester=self, write=True, on_error=self._write_failed)

    def _write_failed(self, exc: Exception) -> None:
        from ecomtui.services.versioning import Conflict

        if isinstance(exc, Conflict):
            title = exc.current.title if isinstance(exc.current, TaskCard) else "The task"
            self.notify(
                f"“{title}” was changed elsewhere, so your change was not saved: the board now shows its latest version",
                title="Changed elsewhere",
                severity="warning",
                timeout=8,
                markup=False,
            )
        else:
            self.app.show_error(exc)
        self.load()

    def find_item(self, item_id: int) -> TaskCard | None:
        return next((c for c in self.cards if c.id == item_id), None)

    def show_item(self, card: TaskCard) -> None:
        """Select the card and focus its column (a filter that hides it is cleared)."""
        if self.filter.active and not matches(card, self.filter):
            self._reset_filter()
            self.refresh_board(keep_id=card.id)
        self._focus_card(card)

    def _focus_card(self, card: TaskCard | None) -> None:
        if card is None:
            self.focus_first_column()
            return
        column = self.column(card.status)
        column.select(card.id)
        self.focus_column(column)
