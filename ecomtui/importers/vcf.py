"""vCard files (``.vcf``) from a phone or mail client: read every card into plain records.

Reads vCard 2.1, 3.0 and the parts of 4.0 that vobject understands; the first
e-mail and phone of a card are taken. Services come from ``CATEGORIES``
(split at commas, as typed services are), the partner's kind from our own
``X-ECOMTUI-KIND`` when the file is one of our exports. vobject is imported
only here. Writing what is new is :func:`ecomtui.services.contact_import.import_cards`.
"""

from __future__ import annotations

from pathlib import Path

from ecomtui.services.contact_import import ImportedCard
from ecomtui.services.validation import InvalidInput


def _first(card, name: str) -> str:
    values = card.contents.get(name) or []
    for item in values:
        value = item.value
        if isinstance(value, list):
            value = " ".join(str(v) for v in value if v)
        text = str(value or "").strip()
        if text:
            return text
    return ""


def _organisation(card) -> str:
    """The organisation's name: ``ORG``'s first part (the others are units: ``ORG:Shop;Ads``)."""
    for item in card.contents.get("org") or []:
        value = item.value if isinstance(item.value, list) else [item.value]
        name = " ".join(str(value[0] or "").split()) if value else ""
        if name:
            return name
    return ""


def _person(card) -> str:
    name = _first(card, "fn")
    if name:
        return name
    for item in card.contents.get("n") or []:
        n = item.value
        parts = [getattr(n, a, "") for a in ("prefix", "given", "additional", "family", "suffix")]
        text = " ".join(" ".join(p) if isinstance(p, list) else str(p) for p in parts if p).strip()
        if text:
            return " ".join(text.split())
    return ""


def _services(card) -> tuple[str, ...]:
    found: list[str] = []
    for item in card.contents.get("categories") or []:
        values = item.value if isinstance(item.value, list) else [item.value]
        for value in values:  # a service never holds a comma: that is how services are typed
            found += [" ".join(part.split()) for part in str(value).split(",") if part.strip()]
    return tuple(found)


def _is_company(card) -> bool:
    return _first(card, "x-abshowas").upper() == "COMPANY"


def read_cards(text: str) -> list[ImportedCard]:
    """Every card of a vCard file's text; InvalidInput when it is not one."""
    import vobject

    cards: list[ImportedCard] = []
    try:
        for number, card in enumerate(vobject.readComponents(text, ignoreUnreadable=True), start=1):
            if card.name != "VCARD":
                continue
            organisation = _organisation(card)
            person = "" if _is_company(card) else _person(card)
            cards.append(
                ImportedCard(
                    number=number,
                    organisation=organisation,
                    person=person,
                    role=_first(card, "role") or _first(card, "title"),
                    email=_first(card, "email"),
                    phone=_first(card, "tel"),
                    services=_services(card),
                    kind=_first(card, "x-ecomtui-kind").lower(),
                    website=_first(card, "url"),
                    notes=_first(card, "note"),
                )
            )
    except Exception as exc:  # vobject's ParseError and friends: say where, never the class name
        line = getattr(exc, "lineNumber", None)
        where = f" near line {line}" if line else ""
        raise InvalidInput(f"not a readable vCard file{where}") from None
    return cards


def read_file(path: str | Path) -> list[ImportedCard]:
    """The cards of a .vcf file (UTF-8, with or without a byte-order mark)."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{file}: cannot read it ({exc.strerror or exc})", "file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{file.name}: not a text file in UTF-8 (a vCard file is)", "file") from None
    if "BEGIN:VCARD" not in text.upper():
        raise InvalidInput(f"{file.name}: no vCard in it (no BEGIN:VCARD line)", "file")
    try:
        return read_cards(text)
    except InvalidInput as exc:
        raise InvalidInput(f"{file.name}: {exc.message}", "file") from None
