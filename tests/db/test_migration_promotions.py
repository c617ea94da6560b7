"""Migration 0007 (the promotion calendar's columns) keeps what a store at 0006 already holds."""

from __future__ import annotations

from sqlalchemy import text

from ecomtui.db import schema
from ecomtui.db.engine import open_database
from ecomtui.services import promotion_queries, tasks


def test_promotions_keep_their_channels_and_tasks_and_get_a_uid_each(empty_db_url):
    db = open_database(empty_db_url, upgrade=False)
    schema.upgrade(db, "0006")  # a store as the release before the calendar left it
    with db.transaction() as conn:
        for name in ("Black Week", "Cyber Monday"):
            conn.execute(
                text(
                    'INSERT INTO promotion (name, start, "end", code, status, notes, version)'
                    " VALUES (:name, '2026-11-23', '2026-11-30', 'BW', 'planned', '', 1)"
                ),
                {"name": name},
            )
        conn.execute(text("INSERT INTO promotion_channel (promotion_id, channel_id) VALUES (1, 2), (2, 2)"))
        conn.execute(
            text(
                "INSERT INTO task (title, notes, status, priority, promotion_id, created_at, updated_at, version)"
                " VALUES ('Banner', '', 'todo', 'normal', 1, '2026-11-01 09:00:00+00', '2026-11-01 09:00:00+00', 1)"
            )
        )
    schema.upgrade(db)
    with db.connect() as conn:
        black_week, cyber = promotion_queries.load_promotions(conn)
        card = tasks.list_tasks(conn)[0]
    db.dispose()
    assert (black_week.channels, cyber.channels) == (("PPC",), ("PPC",))
    assert black_week.task_count == 1 and card.promotion_id == black_week.id
    assert black_week.uid != cyber.uid and black_week.uid.endswith("@ecomtui")
    assert (black_week.kind, black_week.sequence) == ("sale", 0)
