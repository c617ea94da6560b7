"""A colour per channel, for the calendar's promotion bars.

PLACEHOLDER: PRODUCT.md gives every channel a colour, and another part of the
project is adding it (a colour stored per channel). Until it lands, this one
lookup stands in: fixed colours for the seeded channels, and a colour picked
from the name for the others, so a channel looks the same on every screen and
every run. Replace :func:`channel_colour` with the shared one.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from rich.style import Style
from textual.color import Color

_SEEDED = {
    "seo": "#5fb760",
    "ppc": "#4a90d9",
    "paid social": "#a66bd3",
    "email": "#e8a33d",
    "social": "#e0607e",
    "content": "#b08a5a",
    "affiliate": "#3fb0a0",
    "marketplaces": "#d4c14a",
    "influencers": "#f08fc0",
    "other": "#9a9a9a",
}
_SPARE = ("#6fa8dc", "#93c47d", "#e06666", "#f6b26b", "#8e7cc3", "#76a5af", "#c27ba0", "#ffd966")
NO_CHANNEL = "#7a7a7a"


def channel_colour(name: str | None) -> str:
    """The channel's colour as ``#rrggbb`` (grey for a promotion without a channel)."""
    if not name:
        return NO_CHANNEL
    key = name.casefold()
    if key in _SEEDED:
        return _SEEDED[key]
    digest = hashlib.sha256(key.encode()).digest()
    return _SPARE[digest[0] % len(_SPARE)]


@lru_cache(maxsize=256)
def bar_style(name: str | None) -> Style:
    """A bar in the channel's colour, with text that stays readable on it."""
    colour = Color.parse(channel_colour(name))
    return Style(bgcolor=colour.rich_color, color=colour.get_contrast_text(1.0).rich_color)
