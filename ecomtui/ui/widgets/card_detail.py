"""The line under the board: the selected card in full, since a card in a column is cut to fit.

Line one is the title; line two the channel (in its colour), owner, due date
(and how late), sprint, priority (unless normal) and the first line of the
notes; each line is cut with … at the edge. User text is drawn as plain
``Text``, never parsed as markup.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from ecomtui.services.task_board import TaskCard, plural
from ecomtui.text import visible


def detail_text(card: TaskCard | None, today: date, channel_styles: dict[int, Style]) -> Text:
    """The two lines describing ``card`` (an empty text for none)."""
    if card is None:
        return Text("")
    text = Text(end="")
    text.append(visible(card.title), "bold")
    text.append("\n")
    parts: list[Text] = []
    if card.channel:
        parts.append(Text(visible(card.channel), channel_styles.get(card.channel_id, "")))
    if card.owner:
        parts.append(Text(visible(card.owner)))
    if card.due is not None:
        due = Text(f"due {card.due.isoformat()}")
        if card.is_overdue(today):
            due.append(f", {plural((today - card.due).days, 'day')} late", "bold")
        parts.append(due)
    if card.sprint:
        parts.append(Text(f"sprint {visible(card.sprint)}"))
    if card.priority != "normal":
        parts.append(Text(f"{card.priority} priority"))
    notes = next((line.strip() for line in card.notes.splitlines() if line.strip()), "")
    if notes:
        parts.append(Text(visible(notes), "italic"))
    text.append_text(Text(" · ", "dim").join(parts))
    return text


class CardDetail(Static):
    """Shows one card in full; updated by the board when the selection changes."""

    DEFAULT_CSS = """
    CardDetail {
        height: 2;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown: Text | None = None

    def show(self, card: TaskCard | None, today: date, channel_styles: dict[int, Style]) -> None:
        text = detail_text(card, today, channel_styles)
        if text != self._shown:
            self._shown = text
            self.update(text, layout=False)
