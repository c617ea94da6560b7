"""The footer of keys, redrawn only when the keys that apply actually change.

Textual's Footer rebuilds all its key widgets on every focus change and every
binding refresh; moving between board columns (which share their keys) would
cost ~50 ms a keystroke for an identical footer.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that skips rebuilds when the shown keys are unchanged.

    Below 100 columns the ctrl+p hint gives its place to the screen's own keys
    (? Help, q Quit); the palette is listed in the help screen.
    """

    _shown: tuple | None = None

    def on_resize(self, event) -> None:
        self.show_command_palette = event.size.width >= 100

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )
        if shown == self._shown and self._bindings_ready:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # a rebuild was scheduled for exactly these keys
