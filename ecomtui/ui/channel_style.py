"""How a channel's colour is drawn: the one lookup every screen uses (cards, calendar bars,
and budget rows later).

The colour itself comes from the channel rows (:mod:`ecomtui.services.channel_colours`);
this turns it into a Rich style, or into nothing under ``NO_COLOR``, where the
channel's name alone says which channel it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual.color import Color

from ecomtui.services.channel_colours import PALETTE, ChannelInfo

NO_CHANNEL = PALETTE["grey"]  # what has no channel (a promotion on none)


def channel_styles(channels: Iterable[ChannelInfo], no_color: bool) -> dict[int, Style]:
    """Channel id -> the style its name is drawn in (empty under NO_COLOR)."""
    if no_color:
        return {}
    return {c.id: Style(color=c.colour) for c in channels}


def channel_text(name: str, channel_id: int | None, styles: dict[int, Style], swatch: bool = False) -> Text:
    """A channel's name in its colour; with ``swatch`` a coloured ● before it (not under NO_COLOR)."""
    style = styles.get(channel_id) if channel_id is not None else None
    text = Text()
    if swatch and style is not None:
        text.append("● ", style)
    text.append(name, style or "")
    return text


def channel_colours(channels: Iterable[ChannelInfo]) -> dict[int, str]:
    """Channel id -> its colour as ``#rrggbb``, retired channels too (what they are on still shows)."""
    return {c.id: c.colour for c in channels}


def first_colour(channel_ids: Sequence[int], colours: dict[int, str]) -> str:
    """The colour of the first of ``channel_ids`` (an item on several wears its first), grey for none."""
    return colours.get(channel_ids[0], NO_CHANNEL) if channel_ids else NO_CHANNEL


@lru_cache(maxsize=256)
def bar_style(colour: str | None) -> Style:
    """A bar filled with a channel's colour (grey for none), with text that stays readable on it."""
    fill = Color.parse(colour or NO_CHANNEL)
    return Style(bgcolor=fill.rich_color, color=fill.get_contrast_text(1.0).rich_color)
