"""Which columns the board shows at a width, and how wide: the selected one always, readable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ecomtui.ui.board_layout import WIDE, column_widths


def test_wide_terminals_show_every_column_equally():
    assert column_widths(120, 2, 5) == [0, 0, 0, 0, 0]
    assert column_widths(WIDE, 0, 5) == [0, 0, 0, 0, 0]


def test_80_columns_show_the_selected_column_wide_between_its_neighbours():
    assert column_widths(80, 2, 5) == [None, 22, 36, 22, None]
    assert column_widths(80, 0, 5) == [36, 22, 22, None, None]
    assert column_widths(80, 4, 5) == [None, None, 22, 22, 36]


def test_a_very_narrow_terminal_shows_the_selected_column_alone():
    assert column_widths(60, 3, 5) == [None, None, None, 60, None]


@given(st.integers(20, WIDE - 1), st.integers(0, 4))
def test_below_wide_the_shown_columns_fill_the_width_and_include_the_selected_one(width, selected):
    widths = column_widths(width, selected, 5)
    shown = [i for i, w in enumerate(widths) if w is not None]
    assert selected in shown
    assert shown == list(range(shown[0], shown[-1] + 1))  # side by side, in board order
    assert sum(w for w in widths if w is not None) == width
    assert widths[selected] == max(w for w in widths if w is not None)
