"""The Textual internals ecomtui patches are still where the patches expect them."""

from __future__ import annotations

from ecomtui.ui.textual_patches import FocusRepaintScreen, internals_missing


def test_the_textual_internals_the_patches_rely_on_are_unchanged():
    missing = internals_missing()
    assert not missing, (
        "Textual changed under ecomtui/ui/textual_patches.py; re-check each patch against the new "
        "Textual before bumping the pin: " + "; ".join(missing)
    )


def test_focus_changes_do_not_repaint_the_whole_screen():
    assert FocusRepaintScreen.__dict__["focused"]._repaint is False
