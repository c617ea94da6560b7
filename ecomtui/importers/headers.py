"""Column headers matched by name, whatever the exporting tool did to them.

Exports are matched by column name, never by position: headers change
between years (Shopify: 75 and 79 columns) and between plugins. Before
comparing, a header is normalised: Unicode compatibility forms folded
(full-width letters), byte-order marks, zero-width and non-breaking spaces
removed or made plain, runs of spaces collapsed, case folded, and letters
that only look Latin (Cyrillic 'С' in ``Сustomer Note``, Greek 'Ο') replaced
by the Latin letter they imitate.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from ecomtui.services.validation import InvalidInput

# Cyrillic and Greek letters drawn like Latin ones (upper and lower case).
_LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "А": "A",
        "В": "B",
        "С": "C",
        "Е": "E",
        "Н": "H",
        "І": "I",
        "Ј": "J",
        "К": "K",
        "М": "M",
        "О": "O",
        "Р": "P",
        "Ѕ": "S",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "Ү": "Y",
        "Ԛ": "Q",
        "Ԝ": "W",
        "а": "a",
        "с": "c",
        "е": "e",
        "і": "i",
        "ј": "j",
        "о": "o",
        "р": "p",
        "ѕ": "s",
        "х": "x",
        "у": "y",
        "ү": "y",
        "ԁ": "d",
        "һ": "h",
        "ԛ": "q",
        "ԝ": "w",
        "ӏ": "l",
        # Greek
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
        "ο": "o",
        "ν": "v",
        "ι": "i",
        "κ": "k",
    }
)
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))


def normalise_header(name: str) -> str:
    """The comparable form of a header: ``'\\ufeffСustomer  Note '`` -> ``'customer note'``."""
    text = unicodedata.normalize("NFKC", str(name)).translate(_INVISIBLE).translate(_LOOKALIKES)
    return " ".join(text.split()).casefold()


def match_columns(
    headers: Iterable[str],
    wanted: Mapping[str, Iterable[str]],
    *,
    required: Iterable[str] = (),
    what: str,
    hint: str = "",
) -> dict[str, str]:
    """Find columns by name: ``{key: header as written}`` for each key of ``wanted`` present.

    ``wanted`` maps a key to the names it may carry (any spelling: they are
    normalised too); the first name present wins. A missing ``required`` key
    refuses the file, naming the columns it lacks.
    """
    by_name: dict[str, str] = {}
    for header in headers:
        by_name.setdefault(normalise_header(header), header)
    found: dict[str, str] = {}
    for key, names in wanted.items():
        for name in names:
            header = by_name.get(normalise_header(name))
            if header is not None:
                found[key] = header
                break
    missing = [next(iter(wanted[key])) for key in required if key not in found]
    if missing:
        columns = ", ".join(f"'{name}'" for name in missing)
        plural = "columns" if len(missing) > 1 else "column"
        raise InvalidInput(f"{what}: no {columns} {plural}{hint}; nothing was imported", "file")
    return found
