"""Every place ecomtui leans on Textual internals, in one module (checked by tests/ui/test_textual_patches.py).

One speed patch, measured in ``benchmarks/`` (board keys under 50 ms):

``FocusRepaintScreen``: Textual's ``Screen.focused`` reactive repaints the
whole terminal on every focus change; on the board, moving between columns
(or moving a card) would pay that each time. The screen declares ``focused``
again without repaint. Textual still calls ``_update_focus_styles`` for the
widgets whose ``:focus`` / ``:focus-within`` styles change.

THE RULE that follows for every widget drawn with the Line API (``render_line``,
e.g. ``CardColumn``): it must refresh itself on focus and blur (``on_focus`` /
``on_blur`` calling ``self.refresh()``) when its lines depend on having focus
(a cursor drawn brighter while focused). Nothing else repaints it.

The footer is not a patch: ``ecomtui.ui.widgets.key_footer`` draws the keys as one
widget from the screen's public ``active_bindings``.

Bumping Textual: run ``tests/ui/test_textual_patches.py``; it names the
internal that moved.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


def internals_missing() -> list[str]:
    """The Textual internals these patches rely on that are not (or no longer) as expected."""
    missing = []
    focused = Screen.__dict__.get("focused")
    if not isinstance(focused, Reactive):
        missing.append("Screen.focused is no longer a Reactive declared on Screen")
    if not callable(getattr(Screen, "_update_focus_styles", None)):
        missing.append("Screen._update_focus_styles (which repaints focus styles) is gone")
    return missing


class FocusRepaintScreen(Screen):
    """A screen whose focus changes repaint only the widgets whose focus styles change."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
