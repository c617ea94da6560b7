"""One kanban column: a virtualised list of task cards drawn with the Line API.

Only the visible lines are rendered, so a column of 20,000 cards costs no more
than a column of ten. Card text is user text: it is drawn as plain ``Text``,
never parsed as markup, with control characters made visible.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ecomtui.services.task_board import TaskCard
from ecomtui.text import visible

CARD_LINES = 4  # two lines of title, channel · owner, due date and priority
CARD_HEIGHT = CARD_LINES + 1  # one blank line between cards
PRIORITY_MARK = {"urgent": "!!", "high": "!", "normal": "", "low": "↓"}
LATE_MARK = "late"  # after the due date of a card past due: colour is not the only sign
# What the marks mean, for the help screen's legend (the tab's HELP_NOTES).
LEGEND = (
    ("!! / ! / ↓", "priority urgent / high / low (normal has no mark)"),
    (LATE_MARK, "past its due date and not done (also in red; the status line counts them)"),
    ("…", "the title goes on: the line under the board shows the selected card in full"),
)


class CardColumn(ScrollView, can_focus=True):
    """A focusable, scrollable column of cards with a cursor."""

    ALLOW_MAXIMIZE = False  # keys must never act on columns the user cannot see

    COMPONENT_CLASSES = {
        "card",
        "card--cursor",
        "card--cursor-blurred",
        "card--title",
        "card--meta",
        "card--due",
        "card--overdue",
        "card--urgent",
        "card--high",
        "card--low",
        "column--empty",
    }

    DEFAULT_CSS = """
    CardColumn {
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    """

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, tooltip="previous card"),
        Binding("down,j", "cursor(1)", "Down", show=False, tooltip="next card"),
        Binding("pageup", "page(-1)", "Page up", show=False, tooltip="a page of cards up"),
        Binding("pagedown", "page(1)", "Page down", show=False, tooltip="a page of cards down"),
        Binding("home", "jump(0)", "First", show=False, tooltip="first card of the column"),
        Binding("end", "jump(-1)", "Last", show=False, tooltip="last card of the column"),
    ]

    def __init__(self, status: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.status = status
        self.cards: list[TaskCard] = []
        self.cursor = 0
        self.today = date.today()
        self.empty_text = ""
        self.channel_styles: dict[int, Style] = {}  # channel id -> its colour (none under NO_COLOR)
        self.on_selection: Callable[[CardColumn], None] | None = None  # told when the selected card changes
        self._lines: dict[tuple, Strip] = {}  # drawn card lines, by (card, row, width, state)
        self._base_style: Style | None = None
        self._styles: dict[str, Style] = {}  # component styles, until the CSS changes
        self._wrapped: dict[tuple[str, int], list[Text]] = {}  # titles wrapped to a width
        self._sized: Size | None = None  # the size the last Resize laid the column out for

    # ---- data -------------------------------------------------------------

    def set_cards(self, cards: list[TaskCard], today: date, keep_id: int | None = None) -> None:
        """Show ``cards``; keep the cursor on ``keep_id`` (or the same index) if possible."""
        current = self.selected
        old_cursor = self.cursor
        unchanged = cards == self.cards and today == self.today
        self.cards = cards
        self.today = today
        wanted = keep_id if keep_id is not None else (current.id if current else None)
        index = self._index_of(wanted)
        self.cursor = index if index is not None else min(self.cursor, max(len(cards) - 1, 0))
        if not unchanged or self.cursor != old_cursor:
            self._set_height(len(cards))
            self._show_cursor()
            self.refresh()
        if self.selected != current:
            self._selection_changed()

    def set_channel_styles(self, styles: dict[int, Style]) -> None:
        """Colour channel names with these styles (by channel id)."""
        if styles != self.channel_styles:
            self.channel_styles = styles
            self._lines.clear()
            self.refresh()

    def _selection_changed(self) -> None:
        if self.on_selection is not None:
            self.on_selection(self)

    def _index_of(self, task_id: int | None) -> int | None:
        if task_id is not None:
            for i, card in enumerate(self.cards):
                if card.id == task_id:
                    return i
        return None

    def select(self, task_id: int) -> None:
        """Put the cursor on the card of ``task_id`` (if it is in this column) and show it."""
        index = self._index_of(task_id)
        if index is not None:
            changed = index != self.cursor
            self.cursor = index
            self._show_cursor()
            self.refresh()
            if changed:
                self._selection_changed()

    def _set_height(self, count: int) -> None:
        """Size the scrollable area for ``count`` cards without a full-screen layout pass."""
        size = Size(self.size.width, count * CARD_HEIGHT)
        if size == self.virtual_size:
            return
        had_scrollbar = self.show_vertical_scrollbar
        self.set_reactive(CardColumn.virtual_size, size)
        self._scroll_update(size)
        if self.show_vertical_scrollbar != had_scrollbar:
            self.refresh(layout=True)  # the scrollbar appears or goes: that needs a layout

    @property
    def selected(self) -> TaskCard | None:
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor]
        return None

    # ---- actions ------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        per_page = max(1, self.scrollable_content_region.height // CARD_HEIGHT)
        self._move_to(self.cursor + step * per_page)

    def action_jump(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self.cards) - 1)

    def _move_to(self, index: int) -> None:
        if not self.cards:
            return
        index = max(0, min(index, len(self.cards) - 1))
        if index != self.cursor:
            self.cursor = index
            self._show_cursor()
            self.refresh()
            self._selection_changed()

    def _show_cursor(self) -> None:
        if self.cards:
            region = Region(0, self.cursor * CARD_HEIGHT, max(self.size.width, 1), CARD_HEIGHT)
            self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // CARD_HEIGHT
        if 0 <= index < len(self.cards):
            self.focus()
            self._move_to(index)

    class Resized(Message):
        """The column's width changed: its border title may need cutting differently (the board titles it)."""

        def __init__(self, column: CardColumn) -> None:
            super().__init__()
            self.column = column

    def on_resize(self, event: events.Resize) -> None:
        # A tab shown again resizes its widgets to the size they had: nothing to do then
        # (drawn lines are cached by width, so they stay valid across real resizes too).
        if event.size == self._sized:
            return
        self._sized = event.size
        self.virtual_size = Size(event.size.width, len(self.cards) * CARD_HEIGHT)
        self._show_cursor()
        self.post_message(self.Resized(self))

    @property
    def given_width(self) -> int:
        """The content width of the last Resize: ``size`` reads 0 when that came after a pre-draw (textual_patches)."""
        return self._sized.width - self.styles.gutter.width if self._sized else 0

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._styles.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ---- drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        line_no = y + int(self.scroll_offset.y)
        index, row = divmod(line_no, CARD_HEIGHT)
        if not self.cards:
            if y == 1 and self.empty_text:
                text = Text(" " + self.empty_text, style=self._style("column--empty"))
                return self._text_strip(text, width, base)
            return Strip.blank(width, base)
        if index >= len(self.cards) or row == CARD_LINES:
            return Strip.blank(width, base)
        card = self.cards[index]
        if index == self.cursor:
            name = "card--cursor" if self.has_focus else "card--cursor-blurred"
        else:
            name = "card"
        key = (card, row, width, name, self.today, self.app.theme)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > 4000:
                self._lines.clear()
            card_style = base + self._style(name)
            strip = self._lines[key] = self._text_strip(self._card_line(card, row, width), width, card_style)
        return strip

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def _card_line(self, card: TaskCard, row: int, width: int) -> Text:
        if row in (0, 1):
            return self._title_line(card, row, width)
        if row == 2:
            return self._meta_line(card, width)
        return self._due_line(card, width)

    def _meta_line(self, card: TaskCard, width: int) -> Text:
        """Channel (in its colour) · owner."""
        text = Text(" ")
        meta = self._style("card--meta")
        if card.channel:
            text.append(visible(card.channel), meta + self.channel_styles.get(card.channel_id, Style()))
        if card.channel and card.owner:
            text.append(" · ", meta)
        if card.owner:
            text.append(visible(card.owner), meta)
        if not (card.channel or card.owner):
            text.append("—", meta)
        text.truncate(width, overflow="ellipsis")
        return text

    def _due_line(self, card: TaskCard, width: int) -> Text:
        """Due date, "late" when past it, and the priority mark at the right; always indented by one."""
        mark = PRIORITY_MARK.get(card.priority, "")
        text = Text(" ")
        if card.due is not None:
            overdue = card.is_overdue(self.today)
            style = self._style("card--overdue" if overdue else "card--due")
            text.append(card.due.isoformat(), style)
            if overdue:
                text.append(f" {LATE_MARK}", style)
        room = width - text.cell_len
        if mark and room >= len(mark) + 1:
            pad = max(1, width - 1 - text.cell_len - len(mark))
            text.append(" " * pad)
            text.append(mark, self._style(f"card--{card.priority}"))
        text.truncate(width, overflow="ellipsis")
        return text

    def _title_line(self, card: TaskCard, row: int, width: int) -> Text:
        """Line ``row`` (0 or 1) of the title wrapped to the card; the second ends in … if cut."""
        inner = max(width - 2, 1)
        style = self._style("card--title")
        key = (card.title, inner)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > 2000:
                self._wrapped.clear()
            title = Text(visible(card.title))
            lines = self._wrapped[key] = list(title.wrap(self.app.console, inner, overflow="fold"))[:3]
        if row >= len(lines):
            return Text(" ")
        line = lines[row].copy()
        line.stylize(style)
        line.rstrip()
        if row == 1 and len(lines) > 2:
            _end_with_ellipsis(line, inner)
            line.stylize(style)
        return Text(" ") + line

    def _text_strip(self, text: Text, width: int, style: Style) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        # text styles carry the widget's background: keep the card's instead
        background = Style(bgcolor=style.bgcolor)
        segments = [
            Segment(seg.text, style + seg.style + background if seg.style else style)
            for seg in text.render(self.app.console, end="")
        ]
        return Strip(segments, width).adjust_cell_length(width, style)


def _end_with_ellipsis(line: Text, width: int) -> None:
    """End a title's last shown line with … within ``width``, dropping a last word rather than cutting it."""
    if line.cell_len + 1 > width:
        cut = line.plain.rstrip().rfind(" ", 0, max(width - 1, 1))
        line.truncate(cut if cut > 0 else width - 1)
        line.rstrip()
    line.append("…")
