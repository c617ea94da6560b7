"""The calendar's agenda: the retail events and promotions of the selected day or range, one per line.

A promotion in conflict gets a second line naming the others. Option ids are
``p<id>`` for promotions and ``e<index>`` for events, so the tab can keep the
highlighted promotion across reloads. User text is plain ``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ecomtui.services.promotion_data import Promotion
from ecomtui.services.retail_calendar import HOLIDAY, RetailEvent
from ecomtui.text import visible
from ecomtui.ui.channel_style import first_colour
from ecomtui.vocabulary import PROMOTION_STATUS_LABELS


def dates_text(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} → {last.isoformat()}"


class Agenda(OptionList):
    """What happens on the selected days; enter edits the highlighted promotion."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, tooltip="previous entry of the agenda"),
        Binding("down,j", "cursor_down", "Down", show=False, tooltip="next entry of the agenda"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.events: list[RetailEvent] = []
        self.promotions: list[Promotion] = []
        self.no_color = False
        self.colours: dict[int, str] = {}  # channel id -> colour, set by the tab
        self._entries: list[tuple[str, list[Text]]] = []
        self._width = 0

    def show(
        self,
        events: Sequence[RetailEvent],
        promotions: Sequence[Promotion],
        clashes: dict[int, list[str]],
        currency: str,
        country: str,
        keep: str | None = None,
    ) -> None:
        """List ``events`` then ``promotions``; keep the highlight on option ``keep`` if it is still there."""
        keep = keep if keep is not None else self.highlighted_id
        self.events = list(events)
        self.promotions = list(promotions)
        entries: list[tuple[str, list[Text]]] = []
        for index, event in enumerate(events):
            holiday = event.kind == HOLIDAY
            line = Text()
            line.append("◆ " if holiday else "★ ", "bold")
            line.append(visible(event.name), "italic")
            line.append(f" · public holiday ({country})" if holiday else " · retail event", "dim")
            line.append(f" · {event.day.isoformat()}", "dim")
            entries.append((f"e{index}", [line]))
        for promotion in promotions:
            line = Text()
            colour = None if self.no_color else first_colour(promotion.channel_ids, self.colours)
            line.append("■ ", Style(color=colour, bold=True))
            line.append(visible(promotion.name), "bold")
            details = [
                PROMOTION_STATUS_LABELS.get(promotion.status, promotion.status),
                dates_text(promotion.start, promotion.end),
                ", ".join(promotion.channels),
                " ".join(part for part in (visible(promotion.code), promotion.discount_text(currency)) if part),
                f"{promotion.task_count} task{'s' if promotion.task_count != 1 else ''}"
                if promotion.task_count
                else "",
            ]
            line.append("  " + " · ".join(part for part in details if part), "dim")
            lines = [line]
            if promotion.id in clashes:
                lines.append(Text(f"  ! conflicts with {', '.join(clashes[promotion.id])}", "bold"))
            entries.append((f"p{promotion.id}", lines))
        self._entries = entries
        self._render_options(keep, f"p{promotions[0].id}" if promotions else None)

    def _render_options(self, keep: str | None, fallback: str | None = None) -> None:
        """The entries as options, each line cut to the width (an agenda line never wraps)."""
        width = max(self.scrollable_content_region.width - 1, 10)
        options = []
        for option_id, lines in self._entries:
            cut = []
            for line in lines:
                line = line.copy()
                line.truncate(width, overflow="ellipsis")
                cut.append(line)
            options.append(Option(Text("\n").join(cut), id=option_id))
        self._width = width
        self.set_options(options)
        if not options:
            return
        index = self._index_of(keep)
        if index is None:
            index = self._index_of(fallback) or 0
        self.highlighted = index

    def on_resize(self) -> None:
        if not self.size:  # hidden again after a pre-draw (textual_patches): the showing resizes it
            return
        if self._entries and max(self.scrollable_content_region.width - 1, 10) != self._width:
            self._render_options(self.highlighted_id)

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def _index_of(self, option_id: str | None) -> int | None:
        if option_id is None:
            return None
        try:
            return self.get_option_index(option_id)
        except Exception:  # not in the list any more
            return None

    @property
    def selected_promotion(self) -> Promotion | None:
        option_id = self.highlighted_id
        if option_id and option_id.startswith("p"):
            wanted = int(option_id[1:])
            return next((p for p in self.promotions if p.id == wanted), None)
        return None

    @property
    def selected_event(self) -> RetailEvent | None:
        option_id = self.highlighted_id
        if option_id and option_id.startswith("e"):
            return self.events[int(option_id[1:])]
        return None
