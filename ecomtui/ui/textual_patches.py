"""Every place ecomtui leans on Textual internals, in one module (checked by tests/ui/test_textual_patches.py).

Two speed patches, both measured in ``benchmarks/`` (board keys under 50 ms):

``FocusRepaintScreen``: Textual's ``Screen.focused`` reactive repaints the
whole terminal on every focus change; on the board, moving between columns
(or moving a card) would pay that each time. The screen declares ``focused``
again without repaint. Textual still calls ``_update_focus_styles`` for the
widgets whose ``:focus`` / ``:focus-within`` styles change.

THE RULE that follows for every widget drawn with the Line API (``render_line``,
e.g. ``CardColumn``): it must refresh itself on focus and blur (``on_focus`` /
``on_blur`` calling ``self.refresh()``) when its lines depend on having focus
(a cursor drawn brighter while focused). Nothing else repaints it.

``KeyFooter``: Textual's Footer rebuilds all its key widgets on every focus
change and every binding refresh; moving between board columns (which share
their keys) would cost ~50 ms a keystroke for an identical footer. It skips
the rebuild while the shown keys are unchanged, reading ``Footer._bindings_ready``
to know that the footer has been built at least once. A key that only turns
on or off (the board's ``u Undo`` after the first move) is dimmed or lit in
place, setting ``FooterKey._disabled`` and its ``-disabled`` class as
Textual's own compose does. Changes that come while a rebuild is scheduled
join it (a tab switch changes the keys twice: focus leaves the old tab, then
lands in the new one), as Textual's ``Footer.bindings_changed`` would
otherwise rebuild once for each.

Bumping Textual: run ``tests/ui/test_textual_patches.py``; it names the
internal that moved.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def internals_missing() -> list[str]:
    """The Textual internals these patches rely on that are not (or no longer) as expected."""
    missing = []
    focused = Screen.__dict__.get("focused")
    if not isinstance(focused, Reactive):
        missing.append("Screen.focused is no longer a Reactive declared on Screen")
    if not callable(getattr(Screen, "_update_focus_styles", None)):
        missing.append("Screen._update_focus_styles (which repaints focus styles) is gone")
    if not isinstance(Footer.__dict__.get("_bindings_ready"), Reactive):
        missing.append("Footer._bindings_ready is no longer a reactive of Footer")
    if not callable(getattr(Footer, "bindings_changed", None)):
        missing.append("Footer.bindings_changed (the footer's rebuild hook) is gone")
    key = FooterKey("u", "u", "Undo", "undo", disabled=True)
    if getattr(key, "_disabled", None) is not True or not key.has_class("-disabled"):
        missing.append("FooterKey no longer keeps its state in _disabled and the -disabled class")
    return missing


class FocusRepaintScreen(Screen):
    """A screen whose focus changes repaint only the widgets whose focus styles change."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class KeyFooter(Footer):
    """A Footer that skips rebuilds when the shown keys are unchanged.

    Below 100 columns the ctrl+p hint gives its place to the screen's own keys
    (? Help, q Quit); the palette is listed in the help screen.
    """

    _shown: tuple | None = None
    _enabled: dict[str, bool] | None = None
    _rebuild_pending = False  # a rebuild is scheduled: it will read the keys as they are then

    def on_resize(self, event) -> None:
        self.show_command_palette = event.size.width >= 100

    def bindings_changed(self, screen: Screen) -> None:
        active = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        ]
        shown = tuple((binding.key, binding.action, binding.description, tooltip) for binding, _, tooltip in active)
        enabled = {binding.action: enabled for binding, enabled, _ in active}
        if shown == self._shown and self._bindings_ready:
            if enabled != self._enabled and not self._rebuild_pending:
                self._light(enabled)
            return
        if self._rebuild_pending:  # e.g. a tab switch: focus leaves the old tab, then lands in the new one
            self._shown = shown
            self._enabled = enabled
            return
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # a rebuild is scheduled; it composes the keys current when it runs
            self._enabled = enabled
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()

    def _light(self, enabled: dict[str, bool]) -> None:
        """Dim or light the keys whose state changed, without a rebuild."""
        for key in self.query(FooterKey):
            off = not enabled.get(key.action, True)
            if key._disabled != off:
                key._disabled = off
                key.set_class(off, "-disabled")
        self._enabled = enabled
