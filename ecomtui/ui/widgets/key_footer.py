"""The footer: the keys that apply now, drawn as one line by one widget.

Textual's ``Footer`` is a container of one widget per key and rebuilds all of
them (unmount, mount, a layout pass of the whole screen) whenever the keys
change, which is on every tab switch and most focus changes: about half of a
tab switch's time with six tabs. This footer keeps the keys as data and only
repaints its one line when they change; it looks the same (the theme's footer
colours, groups such as ``[]`` Range, the palette key on the right from 100
columns, disabled keys dimmed) and a click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

PALETTE_MIN_WIDTH = 100  # below this the ctrl+p hint gives its place to the screen's own keys


@dataclass(frozen=True)
class FooterEntry:
    """One item of the footer: a key (or a group's keys) and what it does."""

    keys: tuple[str, ...]  # the keys a click presses (the first one)
    display: str  # how the key reads: "n", "⏎", "[]"
    description: str
    action: str
    enabled: bool = True


class KeyFooter(Widget, can_focus=False):
    """The screen's keys on one line; repainted, never rebuilt, when they change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer-key--palette"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--palette {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: tuple[FooterEntry, ...] = ()
        self.palette: FooterEntry | None = None
        self.show_command_palette = True
        self._spans: list[tuple[int, int, FooterEntry]] = []  # cells of each entry, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        show = event.size.width >= PALETTE_MIN_WIDTH
        if show != self.show_command_palette:
            self.show_command_palette = show
            self.refresh()

    # ---- the keys ----------------------------------------------------------------------

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen or not self.app.app_focus:
            return
        entries, palette = self._read(screen)
        if (entries, palette) != (self.entries, self.palette):
            self.entries, self.palette = entries, palette
            self.refresh()

    def _read(self, screen: Screen) -> tuple[tuple[FooterEntry, ...], FooterEntry | None]:
        """The entries Textual's Footer would show: one per action, a group's keys as one entry."""
        app = self.app
        active = screen.active_bindings
        by_action: dict[str, tuple] = {}
        for _, binding, enabled, _ in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled)
        entries: list[FooterEntry] = []
        for group, members in groupby(by_action.values(), lambda item: item[0].group):
            members = list(members)
            if group is not None and len(members) > 1:
                display = ("" if group.compact else " ").join(app.get_key_display(b) for b, _ in members)
                keys = tuple(b.key for b, _ in members)
                enabled = any(on for _, on in members)
                entries.append(FooterEntry(keys, display, group.description, members[0][0].action, enabled))
            else:
                for binding, enabled in members:
                    entries.append(
                        FooterEntry(
                            (binding.key,), app.get_key_display(binding), binding.description, binding.action, enabled
                        )
                    )
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _ = active[app.COMMAND_PALETTE_BINDING]
            palette = FooterEntry(
                (binding.key,), app.get_key_display(binding), binding.description, binding.action, enabled
            )
        return tuple(entries), palette

    def shown(self) -> list[FooterEntry]:
        """What the footer shows now, in order (the palette key last when shown)."""
        shown = list(self.entries)
        if self.palette is not None and self.show_command_palette:
            shown.append(self.palette)
        return shown

    # ---- drawing ------------------------------------------------------------------------

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key", partial=True)
        description_style = self.get_component_rich_style("footer-key--description", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterEntry]] = []
        for entry in self.entries:
            start = line.cell_len
            self._append(line, entry, key_style, description_style)
            spans.append((start, line.cell_len, entry))
        if self.palette is not None and self.show_command_palette:
            tail = Text(no_wrap=True, end="")
            tail.append("▏", self.get_component_rich_style("footer-key--palette", partial=True))
            self._append(tail, self.palette, key_style, description_style)
            start = max(line.cell_len, self.size.width - tail.cell_len)
            line.pad_right(start - line.cell_len)
            line.append_text(tail)
            spans.append((start + 1, line.cell_len, self.palette))
        self._spans = spans
        return line

    @staticmethod
    def _append(line: Text, entry: FooterEntry, key_style: Style, description_style: Style) -> None:
        dim = Style(dim=True) if not entry.enabled else Style()
        line.append(f" {entry.display} ", key_style + dim)
        if entry.description:
            line.append(f"{entry.description} ", description_style + dim)

    def on_click(self, event: events.Click) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.keys[0])
                else:
                    self.app.bell()
                return
