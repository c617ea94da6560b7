"""A PostgreSQL server for the tests' PostgreSQL half, and a fresh database per test.

``ECOMTUI_TEST_PG_URL`` may name a server (a URL to a database whose user may
create databases, e.g. ``postgresql+psycopg://postgres@localhost:5432/postgres``).
Without it, :class:`Cluster` starts a throwaway cluster from the PostgreSQL
binaries on this machine (Debian: ``/usr/lib/postgresql/*/bin``) in a temporary
folder, on a free local port, as the ``postgres`` user when run as root, with
durability off (it lives for one test session), and removes it afterwards.
However the test run ends (even killed), a watchdog process of its own stops
and removes the cluster once the test process is gone. ``ECOMTUI_TEST_PG_DIR``
names the folder to use instead of a new one: CI sets it so that its own exit
trap can stop a cluster there too::

    python tests/pg_server.py stop DIR

:class:`Server` creates each test's database: empty (from ``template0``), or a
copy of a template database migrated once per session, which is much quicker
than running the migrations for every test.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

URL_VAR = "ECOMTUI_TEST_PG_URL"
DIR_VAR = "ECOMTUI_TEST_PG_DIR"
SERVER_USER = "postgres"
TIMEOUT = 120  # seconds for initdb / pg_ctl; only stops a hung call

# A throwaway cluster: no durability, nothing to tune for
_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=200")


def find_bin_dir() -> Path | None:
    """The folder with initdb and pg_ctl: Debian's newest version, else the one on PATH."""
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: _version(p.parent.parent.name))
    if debian:
        return debian[-1].parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in ``root/data``, logging to ``root/server.log``."""

    def __init__(self, root: Path, bin_dir: Path | None = None):
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.bin_dir = bin_dir

    def _run(self, program: str, *args: str) -> None:
        as_server_user = ["runuser", "-u", SERVER_USER, "--"] if os.geteuid() == 0 else []
        command = [*as_server_user, str(self.bin_dir / program), *args]
        run = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, cwd=self.root
        )
        if run.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} failed ({run.returncode}): {run.stderr.strip()}\n{log}")

    def start(self) -> str:
        """Create and start the cluster; returns its URL."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.stop()  # a cluster a killed run left in this folder
        shutil.rmtree(self.data, ignore_errors=True)
        self.log.unlink(missing_ok=True)
        if os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam(SERVER_USER)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-U", SERVER_USER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"
        )
        for attempt in itertools.count(1):
            port = _free_port()
            options = " ".join(
                [f"-c port={port}", "-c listen_addresses=127.0.0.1", f"-c unix_socket_directories={self.root}"]
                + [f"-c {s}" for s in _SETTINGS]
            )
            try:
                # -l: without a log file pg_ctl keeps the server's output pipe and a captured call hangs
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options, "start")
                return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{port}/postgres"
            except RuntimeError:
                if attempt == 3:  # the free port was taken meanwhile, twice: give up
                    raise

    def stop(self) -> None:
        """Stop the server if it runs (fast: its data is thrown away)."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-t", "60", "stop")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class Server:
    """A reachable PostgreSQL server that makes and drops the tests' databases."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine, make_url

        self.url = make_url(url)
        self.engine = create_engine(self.url, isolation_level="AUTOCOMMIT", pool_size=1)
        self._names = (f"ecomtui_test_{os.getpid()}_{n}" for n in itertools.count())
        self._template: str | None = None
        with self.engine.connect() as conn:  # fails here, early, when the server is unreachable
            conn.exec_driver_sql("SELECT 1")

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql(sql)

    def create(self, template: str = "template0") -> str:
        """A new database copied from ``template``; returns its URL."""
        name = next(self._names)
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\'')
        return self.url_of(name)

    def create_migrated(self) -> str:
        """A new database at the head schema, copied from a template migrated once."""
        if self._template is None:
            from sqlalchemy import make_url

            from ecomtui.db.engine import open_database

            url = self.create()
            open_database(url).dispose()
            self._template = make_url(url).database
        return self.create(self._template)

    def drop(self, url: str) -> None:
        """Drop a database made by :meth:`create`, ending any connection left open to it."""
        from sqlalchemy import make_url

        self._execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def close(self) -> None:
        if self._template is not None:
            self.drop(self.url_of(self._template))
        self.engine.dispose()


def start_server() -> tuple[Server, Cluster | None]:
    """The server named by ``ECOMTUI_TEST_PG_URL``, else a throwaway cluster started here.

    Raises LookupError when there is neither a URL nor PostgreSQL binaries.
    """
    url = os.environ.get(URL_VAR)
    if url:
        return Server(url), None
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise LookupError(
            f"no PostgreSQL server: set {URL_VAR} or install PostgreSQL's binaries (Debian: apt-get install postgresql)"
        )
    given = os.environ.get(DIR_VAR)
    cluster = Cluster(Path(given) if given else Path(tempfile.mkdtemp(prefix="ecomtui-pg-")), bin_dir)
    _start_watchdog(cluster.root)
    try:
        return Server(cluster.start()), cluster
    except BaseException:
        cluster.remove()
        raise


_watchdogs: list[subprocess.Popen] = []  # kept, so they are not collected while running


def _start_watchdog(root: Path) -> None:
    """A process in a session of its own that removes the cluster in ``root`` when this process ends."""
    command = [sys.executable, __file__, "watch", str(root), str(os.getpid())]
    streams = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    _watchdogs.append(subprocess.Popen(command, start_new_session=True, **streams))


def watch(root: Path, pid: int) -> None:
    """Wait until process ``pid`` has ended, then stop and remove the cluster in ``root`` if still there."""
    while root.exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    if root.exists():
        Cluster(root, find_bin_dir()).remove()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "stop":
        Cluster(Path(sys.argv[2]), find_bin_dir()).stop()
    elif len(sys.argv) == 4 and sys.argv[1] == "watch":
        watch(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit("usage: python tests/pg_server.py stop DIR")
