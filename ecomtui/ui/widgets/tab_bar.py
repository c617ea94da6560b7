"""The row of tabs at the top: one line, each tab with its number key.

Lighter than Textual's TabbedContent (one widget instead of a tab widget per
tab, an underline bar and panes), which matters for the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class TabSpec:
    id: str
    key: str
    label: str


class TabBar(Widget):
    """Shows the tabs; the active one stands out. Click or number key to switch."""

    COMPONENT_CLASSES = {"tab-bar--active", "tab-bar--tab", "tab-bar--key"}

    DEFAULT_CSS = """
    TabBar {
        height: 1;
        background: $panel;
    }
    TabBar > .tab-bar--active {
        background: $surface;
        color: $text;
        text-style: bold underline;
    }
    TabBar > .tab-bar--tab {
        color: $text-muted;
    }
    TabBar > .tab-bar--key {
        color: $accent;
        text-style: bold;
    }
    """

    active: reactive[str] = reactive("", layout=False)

    class Activated(Message):
        """The user picked a tab with the mouse."""

        def __init__(self, tab_id: str) -> None:
            super().__init__()
            self.tab_id = tab_id

    def __init__(self, tabs: list[TabSpec], *, active: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = tabs
        self.set_reactive(TabBar.active, active or (tabs[0].id if tabs else ""))
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for tab in self.tabs:
            style_name = "tab-bar--active" if tab.id == self.active else "tab-bar--tab"
            style = self.get_component_rich_style(style_name)
            key_style = style + self.get_component_rich_style("tab-bar--key")
            start = line.cell_len
            line.append(" ", style)
            line.append(tab.key, key_style)
            line.append(f" {tab.label} ", style)
            self._spans.append((start, line.cell_len, tab.id))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, tab_id in self._spans:
            if start <= event.x < end:
                self.post_message(self.Activated(tab_id))
                return
