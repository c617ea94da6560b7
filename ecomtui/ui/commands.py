"""Command palette provider: every action, offered only where it fits the screen.

Names of channels and owners are user text, so hits are built as plain
``Content`` and highlighted by hand (the stock highlighter parses markup).
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

Command = tuple[str, Callable[[], object], str]


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
    """Offers the app's actions, with filters built from the board's own data."""

    def commands(self) -> Iterator[Command]:
        app = self.app
        if app.screen is not app.get_default_screen() and app.screen_stack[0] is not self.screen:
            return
        yield ("Go to Tasks", partial(app.action_switch_tab, "tasks"), "Show the task board (2)")
        yield ("Help: list every key", app.action_help, "Show the keys of every screen (?)")
        board = app.task_board
        if board is None or not board.loaded:
            return
        yield ("New task", board.action_new_task, "Add a task to the board (n)")
        if board.selected_card() is not None:
            yield ("Edit selected task", board.action_edit_task, "Open the selected task (e, enter)")
            yield ("Delete selected task", board.action_delete_task, "Delete the selected task, after asking (d)")
            yield ("Move selected task right", partial(board.action_move_card, 1), "To the next column (shift+→)")
            yield ("Move selected task left", partial(board.action_move_card, -1), "To the previous column (shift+←)")
        yield ("Filter tasks by text", board.action_start_filter, "Filter title, notes, owner, channel (/)")
        if board.filter.active:
            yield ("Clear task filters", board.action_clear_filter, "Show every task again (escape)")
        for _, name in board.channels:
            yield (f"Filter tasks by channel: {name}", partial(board.set_filter, channel=name), "Only tasks of this channel")
        for _, name in board.owners:
            yield (f"Filter tasks by owner: {name}", partial(board.set_filter, owner=name), "Only tasks of this owner")
        for sprint in board.sprints():
            yield (f"Filter tasks by sprint: {sprint}", partial(board.set_filter, sprint=sprint), "Only tasks of this sprint")

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlight(matcher, name), callback, text=name, help=help_text)
