"""Which board columns show, and how wide, for a terminal width: pure, so it is tested alone.

From 110 columns up every column shows, equally wide (the 120x40 look;
at 110 a card still fits " 2026-11-15 late !!"). Below that the selected column widens so its titles read (30 characters a
line at 80 columns) and shows with its neighbours; the columns that do not fit
are named, with their counts, at the right of the status line above the
board. Below 74 columns only the selected column shows.
"""

from __future__ import annotations

WIDE = 110  # from here on every column shows, equally wide
THREE = 74  # from here on the selected column shows with its neighbours
SIDE = 22  # narrowest neighbour: " 2026-11-15 late !!" fits beside its scrollbar


def column_widths(width: int, selected: int, count: int) -> list[int | None]:
    """Each column's width: 0 for an equal share, None for hidden."""
    if width >= WIDE:
        return [0] * count
    shown = min(3 if width >= THREE else 1, count)
    start = max(0, min(selected - shown // 2, count - shown))
    side = max(SIDE, width // 4) if shown > 1 else 0
    widths: list[int | None] = [None] * count
    for index in range(start, start + shown):
        widths[index] = side
    widths[selected] = width - side * (shown - 1)
    return widths
