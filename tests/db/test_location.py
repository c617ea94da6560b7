"""Which database is used: --db, else ECOMTUI_DB, else the user data directory."""

from __future__ import annotations

import pytest

from ecomtui.db import location
from ecomtui.db.engine import open_database
from ecomtui.db.location import DEFAULT_FILE, ENV_VAR, resolve

# Show file paths in full: the test files are outside this fake home.
pytestmark = pytest.mark.usefixtures("fake_home")


def test_db_value_wins_over_environment_and_default(tmp_path, sandbox):
    chosen = tmp_path / "chosen.db"
    loc = resolve(str(chosen))
    assert loc.path == chosen
    assert loc.url == f"sqlite:///{chosen}"
    assert loc.is_sqlite
    assert loc.path != sandbox.env_db


def test_environment_variable_used_without_db_value(sandbox):
    loc = resolve(None)
    assert loc.path == sandbox.env_db
    assert loc.url == f"sqlite:///{sandbox.env_db}"


def test_user_data_dir_used_without_db_value_or_environment(monkeypatch, sandbox):
    monkeypatch.delenv(ENV_VAR)
    loc = resolve(None)
    assert loc.path == sandbox.data_dir / DEFAULT_FILE


def test_empty_environment_variable_falls_back_to_user_data_dir(monkeypatch, sandbox):
    monkeypatch.setenv(ENV_VAR, "")
    assert resolve(None).path == sandbox.data_dir / DEFAULT_FILE


def test_user_data_dir_is_asked_at_resolve_time(monkeypatch, tmp_path):
    # The default is looked up when resolving, so a changed data dir is honoured.
    monkeypatch.delenv(ENV_VAR)
    other = tmp_path / "elsewhere"
    monkeypatch.setattr(location, "user_data_dir", lambda: other)
    assert resolve().path == other / DEFAULT_FILE


def test_relative_path_is_made_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    loc = resolve("store.db")
    assert loc.path == tmp_path / "store.db"
    assert loc.path.is_absolute()


def test_home_is_expanded(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve("~/shop/store.db").path == tmp_path / "home" / "shop" / "store.db"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://shop:secret@db.example.com:5432/ecom",
        "postgresql://localhost/ecom",
        "mysql+pymysql://u@h/d",
    ],
)
def test_value_with_scheme_is_a_url(url):
    loc = resolve(url)
    assert loc.url == url
    assert loc.path is None
    assert not loc.is_sqlite


def test_url_from_environment_variable(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://team@db.example.com/ecom")
    loc = resolve(None)
    assert loc.path is None
    assert loc.url == "postgresql+psycopg://team@db.example.com/ecom"


def test_db_value_wins_over_url_in_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://team@db.example.com/ecom")
    assert resolve(str(tmp_path / "mine.db")).path == tmp_path / "mine.db"


def test_sqlite_url_is_a_file(tmp_path):
    loc = resolve(f"sqlite:///{tmp_path}/via-url.db")
    assert loc.path == tmp_path / "via-url.db"
    assert loc.is_sqlite


def test_described_url_hides_the_password():
    loc = resolve("postgresql+psycopg://shop:s3cret-pw@db.example.com:5432/ecom")
    shown = loc.describe()
    assert "s3cret-pw" not in shown
    assert "shop" in shown and "db.example.com:5432/ecom" in shown


def test_described_file_is_its_path(tmp_path):
    assert resolve(str(tmp_path / "x.db")).describe() == str(tmp_path / "x.db")


def test_described_file_in_home_starts_with_tilde(fake_home):
    assert resolve(str(fake_home / "shops" / "x.db")).describe() == "~/shops/x.db"
    # the path itself stays absolute: only the display is shortened
    assert resolve(str(fake_home / "shops" / "x.db")).path == fake_home / "shops" / "x.db"


def test_open_database_without_value_creates_the_environment_file(sandbox):
    assert not sandbox.env_db.exists()
    db = open_database()
    try:
        assert db.location.path == sandbox.env_db
        assert sandbox.env_db.is_file()
    finally:
        db.dispose()


def test_open_database_default_creates_file_in_user_data_dir(monkeypatch, sandbox):
    monkeypatch.delenv(ENV_VAR)
    assert not sandbox.data_dir.exists()
    db = open_database()
    try:
        assert (sandbox.data_dir / DEFAULT_FILE).is_file()
        assert not sandbox.env_db.exists()
    finally:
        db.dispose()


def test_resolving_does_not_create_anything(tmp_path, monkeypatch, sandbox):
    monkeypatch.delenv(ENV_VAR)
    resolve(None)
    resolve(str(tmp_path / "a" / "b.db"))
    assert not sandbox.data_dir.exists()
    assert not (tmp_path / "a").exists()
