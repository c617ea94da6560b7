"""Fixtures of the command-line tests: every store a test names with ``db`` is SQLite, then PostgreSQL."""

from __future__ import annotations

import pytest


@pytest.fixture
def db(db_url):
    """The ``--db`` value of the test's store: a SQLite file, then a PostgreSQL database."""
    return db_url
