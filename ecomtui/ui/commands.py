"""Command palette provider: the app's and the current tab's actions, only where they fit.

Names of channels and owners are user text, so hits are built as plain
``Content`` (control characters made visible) and highlighted by hand (the
stock highlighter parses markup).
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from ecomtui.text import visible
from ecomtui.ui.tab import Command


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` as plain content with the fuzzy-matched letters styled."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class EcomCommands(Provider):
    """Offers going to each tab, help, and the current tab's own commands for its state."""

    def commands(self) -> Iterator[Command]:
        app = self.app
        if app.screen is not app.get_default_screen() and app.screen_stack[0] is not self.screen:
            return
        yield from app.switch_commands()
        yield ("Help: list every key", app.action_help, "Show the keys of every screen (?)")
        yield ("Weekly review", app.action_review, "Walk through last week step by step, then save it (w)")
        yield ("Refresh: read the store again", app.action_refresh, "Show changes made elsewhere now (ctrl+r)")
        tab = app.current_tab
        if tab is not None and tab.loaded:
            for name, callback, help_text in tab.commands():  # names may hold stored user text
                yield visible(name), callback, visible(help_text)

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlight(matcher, name), callback, text=name, help=help_text)
