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

``predraw``: a tab's first showing cost two full layouts and a full draw
(its widgets learn their size, react to it, and draw every line): 100-200 ms
on the large store. The app calls ``predraw`` for a hidden tab whose data
just arrived, when idle: the tab is laid out at its real size as an overlay
under a batch update (so nothing reaches the terminal and the shown tab's
widgets are not touched: no Hide, no blur), its widgets get their Resize
(and no Hide after, which would blur one focused once the tab is shown),
and a second call draws their lines into their caches. Showing it later
costs what showing it again does.

THE SECOND RULE that follows, for every widget in a tab: a Resize handler
takes the size from the event (``event.size``), not from ``self.size``. The
Resize of a pre-draw is handled after the tab is hidden again, when
``self.size`` (read from the screen's layout) is 0; a handler that must read
the layout returns early then (``if not self.size``) and records nothing, so
the real showing does the work.

The footer is not a patch: ``ecomtui.ui.widgets.key_footer`` draws the keys as one
widget from the screen's public ``active_bindings``.

Bumping Textual: run ``tests/ui/test_textual_patches.py``; it names the
internal that moved.
"""

from __future__ import annotations

from textual import events
from textual._compositor import Compositor
from textual.errors import NoWidget
from textual.geometry import Region, Size
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
    if not callable(getattr(Screen, "_refresh_layout", None)):
        missing.append("Screen._refresh_layout (which predraw calls to lay a hidden tab out) is gone")
    if not callable(getattr(Compositor, "reflow", None)):
        missing.append("Compositor.reflow (predraw's restore of the screen's map) is gone")
    if not callable(getattr(Screen, "find_widget", None)):
        missing.append("Screen.find_widget (predraw's region of each widget) is gone")
    if not callable(getattr(Widget, "render_lines", None)):
        missing.append("Widget.render_lines (which predraw calls to fill a widget's line cache) is gone")
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
        if event.size == self._kept_size:
            event.prevent_default()
        self._kept_size = event.size


def predraw(tab: Widget, draw: bool) -> bool:
    """Lay out a hidden tab as its first showing would, and with ``draw`` draw its lines; show nothing.

    Returns False when it cannot now (the tab is shown, or another screen is on top).
    """
    screen = tab.screen
    if tab.display or tab.app.screen is not screen or tab.parent is None:
        return False
    try:
        size = screen.find_widget(tab.parent).region.size  # the switcher: each tab fills it
    except NoWidget:
        return False
    if not size:
        return False
    styles = tab.styles
    with tab.app.batch_update():  # the layout's paint waits for the batch: by then the tab is hidden again
        styles.overlay = "screen"  # out of the flow: the shown tab keeps its size and its widgets
        styles.position = "absolute"  # at the shown tab's place
        styles.width, styles.height = size.width, size.height  # at its size
        tab.display = True
        try:
            screen._refresh_layout()
            if draw:
                for widget in tab.walk_children(with_self=True):
                    try:
                        region = screen.find_widget(widget).region
                    except NoWidget:  # inside something hidden
                        continue
                    if region:
                        widget.render_lines(Region(0, 0, region.width, region.height))
        finally:
            tab.display = False
            for rule in ("overlay", "position", "width", "height"):
                styles.clear_rule(rule)
            # The map without the tab, as before; not _refresh_layout, which would post Hide to the
            # tab's widgets: handled later, a Hide blurs a widget focused meanwhile (the tab shown).
            screen._compositor.reflow(screen, screen.outer_size)
    return True
