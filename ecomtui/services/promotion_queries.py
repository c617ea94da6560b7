"""Promotion reads for the calendar tab and the command line, in SQLAlchemy Core only.

No ORM import: the calendar's first read runs while the rest of the app is
still warming up. Also the calendar's settings (store country for the
holidays, Christmas shipping cut-off, currency), read from the ``setting`` table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ecomtui.db.tables import channel, partner, promotion, promotion_channel, setting, task
from ecomtui.services.promotion_data import Promotion
from ecomtui.services.retail_calendar import DEFAULT_COUNTRY, DEFAULT_SHIPPING_CUTOFF, locale_country

COUNTRY_SETTING = "country"
CUTOFF_SETTING = "shipping_cutoff"
CURRENCY_SETTING = "currency"


@dataclass(frozen=True)
class CalendarSettings:
    """What the calendar reads from the store's settings."""

    country: str
    country_source: str  # "settings", "locale" or "default": where the country came from
    cutoff: str  # MM-DD, or "" for none
    currency: str


def read_setting(conn, key: str) -> str | None:
    return conn.execute(select(setting.c.value).where(setting.c.key == key)).scalar()


def calendar_settings(conn) -> CalendarSettings:
    """The country (settings, else the locale, else US), the shipping cut-off and the currency."""
    country, source = read_setting(conn, COUNTRY_SETTING), "settings"
    if not country:
        country, source = locale_country(), "locale"
    if not country:
        country, source = DEFAULT_COUNTRY, "default"
    cutoff = read_setting(conn, CUTOFF_SETTING)
    return CalendarSettings(
        country=country.upper(),
        country_source=source,
        cutoff=DEFAULT_SHIPPING_CUTOFF if cutoff is None else cutoff,
        currency=read_setting(conn, CURRENCY_SETTING) or "EUR",
    )


def _promotion_query():
    return select(
        promotion.c.id,
        promotion.c.name,
        promotion.c.start,
        promotion.c.end,
        promotion.c.kind,
        promotion.c.status,
        promotion.c.code,
        promotion.c.discount_pct,
        promotion.c.discount_minor,
        promotion.c.budget_minor,
        promotion.c.revenue_target_minor,
        promotion.c.owner_id,
        partner.c.name,
        promotion.c.notes,
        promotion.c.uid,
        promotion.c.sequence,
        promotion.c.modified_at,
        promotion.c.version,
    ).select_from(promotion.outerjoin(partner, partner.c.id == promotion.c.owner_id))


def _channels_of(conn, ids: list[int] | None) -> dict[int, list[tuple[int, str]]]:
    query = (
        select(promotion_channel.c.promotion_id, channel.c.id, channel.c.name)
        .select_from(promotion_channel.join(channel, channel.c.id == promotion_channel.c.channel_id))
        .order_by(promotion_channel.c.promotion_id, channel.c.position, channel.c.name)
    )
    if ids is not None:
        query = query.where(promotion_channel.c.promotion_id.in_(ids))
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for promotion_id, channel_id, name in conn.execute(query):
        found[promotion_id].append((channel_id, name))
    return found


def _task_counts(conn, ids: list[int] | None) -> dict[int, int]:
    query = select(task.c.promotion_id, func.count()).where(task.c.promotion_id.is_not(None))
    if ids is not None:
        query = query.where(task.c.promotion_id.in_(ids))
    return dict(conn.execute(query.group_by(task.c.promotion_id)).all())


def _records(conn, rows, ids: list[int] | None) -> list[Promotion]:
    channels = _channels_of(conn, ids)
    tasks = _task_counts(conn, ids)
    records = []
    for row in rows:
        (pid, name, start, end, kind, status, code, pct, fixed, budget, target, owner_id, owner) = row[:13]
        (notes, uid, sequence, modified_at, version) = row[13:]
        linked = channels.get(pid, [])
        records.append(
            Promotion(
                id=pid,
                name=name,
                start=start,
                end=end,
                kind=kind,
                status=status,
                channel_ids=tuple(c for c, _ in linked),
                channels=tuple(n for _, n in linked),
                code=code or "",
                discount_pct=pct,
                discount_minor=fixed,
                budget_minor=budget,
                revenue_target_minor=target,
                owner_id=owner_id,
                owner=owner,
                notes=notes or "",
                uid=uid,
                sequence=sequence,
                modified_at=modified_at,
                version=version,
                task_count=tasks.get(pid, 0),
            )
        )
    return records


def load_promotions(conn) -> list[Promotion]:
    """Every promotion, by start day, end day, id."""
    rows = conn.execute(_promotion_query().order_by(promotion.c.start, promotion.c.end, promotion.c.id)).all()
    return _records(conn, rows, None)


def list_promotions(conn, first: date | None = None, last: date | None = None) -> list[Promotion]:
    """Promotions running on any day from ``first`` to ``last`` (either may be open)."""
    query = _promotion_query()
    if first is not None:
        query = query.where(promotion.c.end >= first)
    if last is not None:
        query = query.where(promotion.c.start <= last)
    rows = conn.execute(query.order_by(promotion.c.start, promotion.c.end, promotion.c.id)).all()
    return _records(conn, rows, [row[0] for row in rows] if len(rows) < 500 else None)


def get_promotion(conn, promotion_id: int) -> Promotion | None:
    rows = conn.execute(_promotion_query().where(promotion.c.id == promotion_id)).all()
    found = _records(conn, rows, [promotion_id])
    return found[0] if found else None


def promotion_by_uid(conn, uid: str) -> Promotion | None:
    rows = conn.execute(_promotion_query().where(promotion.c.uid == uid)).all()
    return _records(conn, rows, [rows[0][0]])[0] if rows else None


@dataclass(frozen=True)
class LinkedTask:
    id: int
    title: str
    status: str


def linked_tasks(conn, promotion_id: int) -> list[LinkedTask]:
    """The tasks linked to a promotion, open ones first, then by id."""
    rows = conn.execute(
        select(task.c.id, task.c.title, task.c.status).where(task.c.promotion_id == promotion_id).order_by(task.c.id)
    )
    found = [LinkedTask(*row) for row in rows]
    found.sort(key=lambda t: (t.status == "done", t.id))
    return found
