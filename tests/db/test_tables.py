"""The light Core tables are derived from the SQLModel schema: same tables, columns and types."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select
from sqlmodel import SQLModel

from ecomtui.db import gen_tables, models, tables  # noqa: F401  (models registers the tables)

LIGHT = {name: value for name, value in vars(tables).items() if hasattr(value, "c") and hasattr(value, "name")}


def test_tables_py_is_what_the_generator_writes():
    assert gen_tables.TARGET.read_text() == gen_tables.render(), (
        "ecomtui/db/tables.py is out of date with db/models.py: run  python -m ecomtui.db.gen_tables"
    )


def test_every_model_table_has_a_light_table_and_no_other():
    assert set(LIGHT) == set(SQLModel.metadata.tables)


def _type_signature(sa_type) -> tuple:
    name = type(sa_type).__name__
    name = {"AutoString": "String"}.get(name, name)
    return (name, getattr(sa_type, "length", None), getattr(sa_type, "timezone", None))


@pytest.mark.parametrize("name", sorted(SQLModel.metadata.tables))
def test_light_table_matches_the_model_column_for_column(name):
    model = SQLModel.metadata.tables[name]
    light = LIGHT[name]
    assert list(light.c.keys()) == list(model.c.keys())  # no missing, extra or reordered column
    for column in model.c:
        assert _type_signature(light.c[column.name].type) == _type_signature(column.type), column.name


def test_a_renamed_or_retyped_column_is_caught():
    # the comparison above really looks at types and lengths
    assert _type_signature(tables.task.c.title.type) != _type_signature(tables.task.c.notes.type)
    assert _type_signature(tables.task.c.title.type) != _type_signature(tables.channel.c.name.type)


def test_light_timestamps_read_back_as_the_same_utc_moment(database):
    stamp = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    with database.transaction() as conn:
        conn.execute(
            insert(tables.weekly_review).values(
                week="2026-W47", created_at=stamp, notes="", decisions="", priorities="", snapshot="{}"
            )
        )
    with database.connect() as conn:
        value = conn.execute(select(tables.weekly_review.c.created_at)).scalar_one()
    assert value == stamp and value.tzinfo is not None and value.utcoffset() == timedelta(0)
