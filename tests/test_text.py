"""Characters that are not text: found, named, and shown made visible."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecomtui.text import char_name, first_not_text, visible


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("\x1b]0;PWNED\x07", "␛]0;PWNED␇"),
        ("\x1b[?1049l", "␛[?1049l"),
        ("a\x00b", "a␀b"),
        ("del\x7f", "del␡"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("two\nlines\tand tab", "two␊lines␉and tab"),
        ("cr\r", "cr␍"),
        ("rlo\u202eevil", "rlo\\u202eevil"),
        ("byte \udcff", "byte \\xff"),
        ("Fix [bold]checkout[/] 🛒 עברית", "Fix [bold]checkout[/] 🛒 עברית"),
    ],
)
def test_one_line_text_is_shown_made_visible(stored, shown):
    assert visible(stored) == shown


def test_multiline_text_keeps_line_breaks_and_tabs():
    assert visible("one\n\ttwo\x1b[2J", multiline=True) == "one\n\ttwo␛[2J"


def test_text_without_controls_is_the_same_object():
    text = "plain title"
    assert visible(text) is text


@given(st.text())
def test_nothing_made_visible_is_a_control_character(text):
    shown = visible(text)
    assert first_not_text(shown) is None
    assert visible(shown) == shown


@pytest.mark.parametrize(
    ("text", "multiline", "name"),
    [("a\x1bb", False, "ESC"), ("a\nb", False, "LF"), ("a\nb", True, None), ("x\u202e", True, "U+202E")],
)
def test_the_first_character_that_is_not_text_is_named(text, multiline, name):
    found = first_not_text(text, multiline=multiline)
    assert (char_name(found) if found else None) == name
