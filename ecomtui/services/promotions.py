"""Promotions: create, edit, delete (conflict-safe), and the calendar's settings, in SQLAlchemy Core.

Every edit advances the promotion's iCalendar ``sequence`` and ``modified_at``,
so a calendar that imported an earlier export sees the change; a new
promotion gets a random ``uid`` that stays with it for good.

Reads live in :mod:`ecomtui.services.promotion_queries`, the pure record and
input logic in :mod:`ecomtui.services.promotion_data`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from ecomtui.clock import now
from ecomtui.db.tables import promotion, promotion_channel, setting
from ecomtui.services.lookups import find_channel, find_owner
from ecomtui.services.promotion_data import Promotion, PromotionInput, build_promotion_input
from ecomtui.services.promotion_queries import COUNTRY_SETTING, CUTOFF_SETTING, get_promotion, read_setting
from ecomtui.services.retail_calendar import check_country, parse_cutoff
from ecomtui.services.versioning import Conflict, delete_row, update_row


def new_uid() -> str:
    return f"{uuid.uuid4()}@ecomtui"


def parse_promotion_input(
    conn,
    *,
    name: str | None,
    start: str | None,
    end: str | None,
    channels: list[str] | None = None,
    owner: str | None = None,
    **typed: str | None,
) -> PromotionInput:
    """Validate command-line values (channels and owner by name); raises InvalidInput naming the first bad one."""
    channel_ids = tuple(find_channel(conn, channel) for channel in (channels or ()) if channel.strip())
    owner_id = find_owner(conn, owner)
    return build_promotion_input(name=name, start=start, end=end, channel_ids=channel_ids, owner_id=owner_id, **typed)


def _values(data: PromotionInput) -> dict:
    return {
        "name": data.name,
        "kind": data.kind,
        "start": data.start,
        "end": data.end,
        "status": data.status,
        "code": data.code,
        "discount_pct": data.discount_pct,
        "discount_minor": data.discount_minor,
        "budget_minor": data.budget_minor,
        "revenue_target_minor": data.revenue_target_minor,
        "owner_id": data.owner_id,
        "notes": data.notes,
    }


def _set_channels(conn, promotion_id: int, channel_ids: tuple[int, ...]) -> None:
    conn.execute(delete(promotion_channel).where(promotion_channel.c.promotion_id == promotion_id))
    if channel_ids:
        conn.execute(insert(promotion_channel), [{"promotion_id": promotion_id, "channel_id": c} for c in channel_ids])


def create_promotion(
    conn, data: PromotionInput, *, uid: str | None = None, sequence: int = 0, modified_at: datetime | None = None
) -> Promotion:
    """Insert a promotion (with a new UID unless one is given, e.g. by an import); returns it as stored."""
    values = {**_values(data), "uid": uid or new_uid(), "sequence": sequence, "modified_at": modified_at or now()}
    promotion_id = conn.execute(insert(promotion).values(**values).returning(promotion.c.id)).scalar_one()
    _set_channels(conn, promotion_id, data.channel_ids)
    return get_promotion(conn, promotion_id)


def _what(promotion_id: int) -> str:
    return f"promotion {promotion_id}"


def _versioned(conn, promotion_id: int, write):
    """Run a versioned write; a conflict carries the promotion as it is now."""
    try:
        return write()
    except Conflict as exc:
        exc.current = get_promotion(conn, promotion_id)
        raise


def update_promotion(
    conn,
    promotion_id: int,
    data: PromotionInput,
    expected_version: int | None = None,
    *,
    sequence: int | None = None,
    modified_at: datetime | None = None,
) -> Promotion:
    """Replace a promotion's fields; refused (Conflict) if it changed since ``expected_version``.

    The iCalendar ``sequence`` goes up by one unless an import gives it.
    """
    values = _values(data)
    values["sequence"] = promotion.c.sequence + 1 if sequence is None else sequence
    values["modified_at"] = modified_at or now()
    _versioned(
        conn,
        promotion_id,
        lambda: update_row(conn, promotion, promotion_id, values, expected=expected_version, what=_what(promotion_id)),
    )
    _set_channels(conn, promotion_id, data.channel_ids)
    return get_promotion(conn, promotion_id)


def delete_promotion(conn, promotion_id: int, expected_version: int | None = None) -> None:
    """Delete a promotion (its tasks stay, unlinked); refused (Conflict) if it changed since ``expected_version``."""
    _versioned(
        conn,
        promotion_id,
        lambda: delete_row(conn, promotion, promotion_id, expected=expected_version, what=_what(promotion_id)),
    )


def input_of(record: Promotion) -> PromotionInput:
    """A stored promotion as input, to save it again with a few fields changed."""
    return PromotionInput(
        name=record.name,
        start=record.start,
        end=record.end,
        kind=record.kind,
        status=record.status,
        channel_ids=record.channel_ids,
        code=record.code,
        discount_pct=record.discount_pct,
        discount_minor=record.discount_minor,
        budget_minor=record.budget_minor,
        revenue_target_minor=record.revenue_target_minor,
        owner_id=record.owner_id,
        notes=record.notes,
    )


# ---- the calendar's settings -------------------------------------------------------------


def _write_setting(conn, key: str, value: str) -> None:
    if read_setting(conn, key) is None:
        conn.execute(insert(setting).values(key=key, value=value))
    else:
        conn.execute(update(setting).where(setting.c.key == key).values(value=value))


def set_calendar_settings(conn, *, country: str | None = None, cutoff: str | None = None) -> None:
    """Store the country (for public holidays) and/or the Christmas shipping cut-off (``MM-DD``, or ``none``)."""
    if country is not None:
        _write_setting(conn, COUNTRY_SETTING, check_country(country))
    if cutoff is not None:
        parsed = parse_cutoff(cutoff)
        _write_setting(conn, CUTOFF_SETTING, f"{parsed[0]:02d}-{parsed[1]:02d}" if parsed else "")


def promotion_names(conn) -> dict[int, str]:
    return dict(conn.execute(select(promotion.c.id, promotion.c.name)).all())
