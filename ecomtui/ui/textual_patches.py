"""Every place ecomtui leans on Textual internals, in one module (checked by tests/ui/test_textual_patches.py).

Three speed patches, measured in ``benchmarks/`` (board keys under 50 ms):

``FocusRepaintScreen``: Textual's ``Screen.focused`` reactive repaints the
whole terminal on every focus change; on the board, moving between columns
(or moving a card) would pay that each time. The screen declares ``focused``
again without repaint. Textual still calls ``_update_focus_styles`` for the
widgets whose ``:focus`` / ``:focus-within`` styles change.

THE RULE that follows for every widget drawn with the Line API (``render_line``,
e.g. ``CardColumn``): it must refresh itself on focus and blur (``on_focus`` /
``on_blur`` calling ``self.refresh()``) when its lines depend on having focus
(a cursor drawn brighter while focused). Nothing else repaints it.

``FilterInput``: Textual's ``Input`` sets its ``virtual_size`` (a reactive
declared with ``layout=True`` on ``Widget``) on every keystroke, so each
character typed into a filter laid the whole screen out again (~15-30 ms with
six tabs). A filter field has a fixed size (``height: 1``, a set width), so the
field declares ``virtual_size`` again without layout; its scroll limits are
read from ``virtual_size`` when the cursor moves, so a long filter still
scrolls to the cursor. Use it only for fields of a fixed size.

``SteadyOptionList``: Textual's ``OptionList`` drops every wrapped line it
has cached on each Resize, and a tab shown again gets a Resize at the size it
already had: going back to the Dashboard re-wrapped all its rows. This list
keeps its lines while its size is unchanged.

The footer is not a patch: ``ecomtui.ui.widgets.key_footer`` draws the keys as one
widget from the screen's public ``active_bindings``.

Bumping Textual: run ``tests/ui/test_textual_patches.py``; it names the
internal that moved.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList


def internals_missing() -> list[str]:
    """The Textual internals these patches rely on that are not (or no longer) as expected."""
    missing = []
    focused = Screen.__dict__.get("focused")
    if not isinstance(focused, Reactive):
        missing.append("Screen.focused is no longer a Reactive declared on Screen")
    if not callable(getattr(Screen, "_update_focus_styles", None)):
        missing.append("Screen._update_focus_styles (which repaints focus styles) is gone")
    size = Widget.__dict__.get("virtual_size")
    if not isinstance(size, Reactive):
        missing.append("Widget.virtual_size is no longer a Reactive declared on Widget")
    if not callable(getattr(OptionList, "_on_resize", None)):
        missing.append("OptionList._on_resize (which drops its cached lines) is gone")
    if not callable(getattr(OptionList, "_clear_caches", None)):
        missing.append("OptionList._clear_caches is gone")
    if not callable(getattr(Input, "_watch_value", None)):
        missing.append("Input._watch_value (which sets virtual_size on every keystroke) is gone")
    return missing


class FocusRepaintScreen(Screen):
    """A screen whose focus changes repaint only the widgets whose focus styles change."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class FilterInput(Input):
    """A one-line filter field whose typing repaints it without laying the screen out again."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class SteadyOptionList(OptionList):
    """An OptionList that keeps its wrapped lines when resized to the size it has (a tab shown again)."""

    _kept_size: Size | None = None

    def _on_resize(self, event: events.Resize) -> None:
        # Textual calls each class's handler in turn: stopping the default skips OptionList's
        if self.size == self._kept_size:
            event.prevent_default()
        self._kept_size = self.size
