"""Completion of file paths for an Input: the rest of the first matching name in the folder typed.

``~`` stands for the home folder. Folders complete with a trailing ``/`` so the
next part can be typed at once; hidden names are offered only once a ``.`` is
typed. The folder is listed afresh on every keystroke (files come and go).
"""

from __future__ import annotations

import os

from textual.suggester import Suggester


class PathSuggester(Suggester):
    """Suggests ``value`` + the rest of the first file or folder name that starts as typed."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


def complete_path(value: str) -> str | None:
    """The completed path, or None when nothing (else) matches."""
    if not value:
        return None
    folder, prefix = os.path.split(os.path.expanduser(value))
    try:
        entries = sorted(os.scandir(folder or "."), key=lambda entry: entry.name)
    except OSError:
        return None
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix) or (name.startswith(".") and not prefix.startswith(".")):
            continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        rest = name[len(prefix) :] + ("/" if is_folder else "")
        if rest:
            return value + rest
    return None
