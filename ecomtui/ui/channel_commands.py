"""Palette commands that manage the user's channels: add, rename, colour, reorder, retire, restore.

Any tab that shows channels offers them (the board does). Each change is one
write through the database bridge; afterwards every tab reloads, so channel
names and colours are the same everywhere. A refused value (a name taken, an
unknown colour) is explained in the error dialog and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from rich.text import Text

from ecomtui.services.channel_colours import PALETTE, ChannelInfo, colour_name
from ecomtui.ui.tab import Command, EcomTab

PREFIX = "Channels:"


def channel_commands(tab: EcomTab, channels: list[ChannelInfo]) -> Iterator[Command]:
    """The palette's channel commands for the channels as ``tab`` last loaded them."""
    yield (f"{PREFIX} add a channel", partial(ask_new_channel, tab), "A new channel at the end of the list")
    last = len(channels) - 1
    for index, info in enumerate(channels):
        name = info.name
        yield (f"{PREFIX} rename {name}", partial(ask_rename, tab, info), "Its tasks follow the new name")
        yield (
            f"{PREFIX} colour of {name}",
            partial(ask_colour, tab, info),
            f"Now {colour_name(info.colour)}; used wherever the channel shows",
        )
        if index > 0:
            yield (f"{PREFIX} move {name} up", partial(_move, tab, info, index - 1), "Earlier in every channel list")
        if index < last:
            yield (f"{PREFIX} move {name} down", partial(_move, tab, info, index + 1), "Later in every channel list")
        if info.retired:
            yield (f"{PREFIX} restore {name}", partial(_retire, tab, info, False), "Offer it again for new items")
        else:
            yield (
                f"{PREFIX} retire {name}",
                partial(_retire, tab, info, True),
                "Its items keep it; new ones cannot choose it",
            )


def ask_new_channel(tab: EcomTab) -> None:
    from ecomtui.ui.dialogs.prompt import PromptDialog

    def answered(name: str | None) -> None:
        if name:
            _write(tab, lambda conn, channels: channels.add_channel(conn, name), f"Added channel {name}")

    tab.app.push_screen(PromptDialog(Text("New channel"), placeholder="name, e.g. TikTok"), answered)


def ask_rename(tab: EcomTab, info: ChannelInfo) -> None:
    from ecomtui.ui.dialogs.prompt import PromptDialog

    def answered(name: str | None) -> None:
        if name and name != info.name:
            _write(
                tab,
                lambda conn, channels: channels.rename_channel(conn, info.id, name),
                f"Renamed channel {info.name} to {name}",
            )

    title = Text.assemble("Rename channel ", (info.name, "bold"))
    tab.app.push_screen(PromptDialog(title, value=info.name), answered)


def ask_colour(tab: EcomTab, info: ChannelInfo) -> None:
    from ecomtui.ui.dialogs.prompt import PromptDialog

    def answered(colour: str | None) -> None:
        if colour:
            _write(
                tab,
                lambda conn, channels: channels.set_colour(conn, info.id, colour),
                f"Changed the colour of {info.name}",
            )

    hint = Text("One of: ")
    for index, (name, value) in enumerate(PALETTE.items()):
        hint.append(", " if index else "")
        hint.append(name, "" if tab.app.no_color else value)
    hint.append(" — or #rrggbb")
    title = Text.assemble("Colour of ", (info.name, "bold"))
    tab.app.push_screen(PromptDialog(title, value=colour_name(info.colour), hint=hint), answered)


def _move(tab: EcomTab, info: ChannelInfo, index: int) -> None:
    _write(tab, lambda conn, channels: channels.move_channel(conn, info.id, index), f"Moved channel {info.name}")


def _retire(tab: EcomTab, info: ChannelInfo, retired: bool) -> None:
    done = f"Retired channel {info.name}: its items keep it" if retired else f"Channel {info.name} is offered again"
    _write(tab, lambda conn, channels: channels.set_retired(conn, info.id, retired), done)


def _write(tab: EcomTab, change: Callable, message: str) -> None:
    """Run ``change(conn, channels_service)`` in one write; then every tab reloads."""

    def job(conn):
        from ecomtui.services import channels

        return change(conn, channels)

    def done(_result) -> None:
        tab.notify(message, timeout=3, markup=False)
        for each in tab.app.tabs.made():
            each.load()

    tab.app.bridge.submit(job, requester=tab, write=True, on_done=done)
