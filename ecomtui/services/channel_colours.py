"""Channel colours: the default palette, reading a typed colour, and the channel record.

The one place that says which colour a channel has. Import-light on purpose
(no database, no Textual): the board, and later the calendar and the budget,
colour channels from the :class:`ChannelInfo` rows they load, and the
migration that gives existing channels their colours uses the same palette.
Colours are stored as ``#rrggbb``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Named so a user can type "teal"; each stays readable as text on a dark and on a light background.
PALETTE: dict[str, str] = {
    "blue": "#4c8eda",
    "orange": "#f28e2b",
    "purple": "#b07aa1",
    "teal": "#2ba8a0",
    "pink": "#e377c2",
    "green": "#59a14f",
    "brown": "#b0793a",
    "yellow": "#d4a72c",
    "red": "#e15759",
    "grey": "#8c8c8c",
    "cyan": "#17becf",
    "olive": "#9daf3a",
}
# The seeded channels (vocabulary.SEED_CHANNELS) take the palette in this order.
DEFAULT_ORDER = tuple(PALETTE.values())

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$", re.ASCII)


@dataclass(frozen=True)
class ChannelInfo:
    """One channel as every screen needs it."""

    id: int
    name: str
    colour: str
    position: int = 0
    retired: bool = False


def default_colour(index: int) -> str:
    """The palette colour for the ``index``-th channel (cycling)."""
    return DEFAULT_ORDER[index % len(DEFAULT_ORDER)]


def next_colour(used: Iterable[str]) -> str:
    """The first palette colour no channel uses yet (the least used one once all are taken)."""
    counts = dict.fromkeys(DEFAULT_ORDER, 0)
    for colour in used:
        if colour in counts:
            counts[colour] += 1
    return min(DEFAULT_ORDER, key=lambda c: (counts[c], DEFAULT_ORDER.index(c)))


def parse_colour(value: str | None, field: str = "colour") -> str:
    """A palette name (``teal``) or a hex colour (``#2ba8a0``) as ``#rrggbb``."""
    from ecomtui.services.validation import InvalidInput

    typed = (value or "").strip()
    named = PALETTE.get(typed.lower())
    if named:
        return named
    match = _HEX.match(typed)
    if match:
        return "#" + match.group(1).lower()
    raise InvalidInput(
        f"{field}: '{typed}' is not a colour (use #rrggbb or one of {', '.join(PALETTE)})",
        field,
    )


def colour_name(colour: str) -> str:
    """``teal`` for a palette colour, else the hex value."""
    for name, value in PALETTE.items():
        if value == colour:
            return name
    return colour
