"""User text on a terminal: which characters are not text, and how to show them harmlessly.

Text is data, never terminal control. One set of characters is "not text":
C0 controls (tab and line feed allowed in multi-line text such as notes), DEL,
C1 controls, line/paragraph separators and bidi embeddings/overrides/isolates
(they break a one-line field or reorder the screen around it), and lone
surrogates (bytes that were not valid UTF-8). Input containing them is refused
(:mod:`ecomtui.services.validation`); text already stored by another tool is
shown with them made visible by :func:`visible`, wherever user text reaches the
screen (app and command line). ``--json`` output keeps the stored text exactly.

Standard library only: the app imports this on its start-up path.
"""

from __future__ import annotations

import re

# \t and \n are text in multi-line fields; everything else below is never text.
_NOT_TEXT = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_ONE_LINE = re.compile(f"[\t\n{_NOT_TEXT}]")
_MULTI_LINE = re.compile(f"[{_NOT_TEXT}]")

# names for messages ("notes contains a control character (ESC)")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL"}


def _pattern(multiline: bool) -> re.Pattern[str]:
    return _MULTI_LINE if multiline else _ONE_LINE


def first_not_text(text: str, *, multiline: bool = False) -> str | None:
    """The first character of ``text`` that is not text, or None if every one is."""
    found = _pattern(multiline).search(text)
    return found.group() if found else None


def char_name(ch: str) -> str:
    """How a message names a character that is not text: ``ESC``, ``U+202E``."""
    code = ord(ch)
    if code in _NAMES:
        return _NAMES[code]
    return f"U+{code:04X}"


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every character that is not text replaced by a visible stand-in.

    ESC becomes ``␛``, NUL ``␀``, BEL ``␇`` (the control pictures), DEL ``␡``;
    C1 controls and the other characters are written as escapes (``\\x9b``,
    ``\\u202e``). In one-line text, tab and line feed are shown too (``␉``,
    ``␊``). Text without such characters is returned as it is.
    """
    pattern = _pattern(multiline)
    if pattern.search(text) is None:
        return text
    return pattern.sub(_shown, text)
