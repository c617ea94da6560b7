"""The light Core tables used at start-up name the same columns as the SQLModel tables."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

from ecomtui.db import models  # noqa: F401  (registers the tables)
from ecomtui.db import tables


@pytest.mark.parametrize("light", [tables.task, tables.channel, tables.partner], ids=lambda t: t.name)
def test_light_table_matches_the_model(light):
    model = SQLModel.metadata.tables[light.name]
    assert set(light.c.keys()) <= set(model.c.keys())
    for name in light.c.keys():
        assert light.c[name].type._type_affinity is model.c[name].type._type_affinity or name.endswith("_at"), name
