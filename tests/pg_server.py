"""A throwaway PostgreSQL server for the tests: ``initdb`` into a temporary folder,
``pg_ctl start`` on a free localhost port, one database per test, removed at the end.

Needs the PostgreSQL server binaries (Debian: ``apt-get install postgresql``) and
psycopg. As root it runs the server as the ``postgres`` system user (initdb refuses
root). :func:`unavailable` says why a server cannot be started, or None.
"""
from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "sitroom"
SERVER_USER = "postgres"  # the system user the server runs as when the tests run as root


def bin_dir() -> Path | None:
    """The folder of initdb/pg_ctl: on PATH, else the newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("pg_ctl")
    if found and (Path(found).parent / "initdb").exists():
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.parent.name)] or [0])
    return versions[-1].parent if versions else None


def unavailable() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'sitroom[postgres]')"
    if bin_dir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no {SERVER_USER!r} user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


class PostgresServer:
    """One server for the whole test session."""

    def __init__(self) -> None:
        self.bin = bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._made: set[str] = set()
        self._as_root = os.geteuid() == 0
        if self._as_root:
            user = pwd.getpwnam(SERVER_USER)
            os.chown(self.root, user.pw_uid, user.pw_gid)

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self._as_root:
            cmd = ["runuser", "-u", SERVER_USER, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode:
            log = self.data / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n"
                               f"{done.stdout}\n{done.stderr}\n{tail}")

    def start(self) -> "PostgresServer":
        self._run("initdb", "-D", str(self.data), "--username", SUPERUSER, "--auth", "trust",
                  "--encoding", "UTF8", "--no-locale", "--no-sync")
        for _ in range(5):  # a free port can be taken between the probe and the start
            self.port = _free_port()
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"),
                          "-w", "-t", "60", "-o",
                          f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                          "-c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start")
                return self
            except RuntimeError:
                if "already in use" not in (self.data / "server.log").read_text(errors="replace"):
                    raise
        raise RuntimeError("no free port for the test PostgreSQL server")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def database(self, name: str, *, bare: bool = False) -> str:
        """The URL of database ``name``, emptied for the next test: with no rows but
        sitroom's migrated tables kept (fast; the default), or with nothing at all
        (``bare``: migrations run again when a store opens it)."""
        import psycopg

        if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", name):
            raise ValueError(f"database name {name!r}: lowercase letters, digits and _ only")
        if name not in self._made:
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
            self._made.add(name)
            return self.url(name)
        with psycopg.connect(self.url(name), autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
            applied = set()
            if "migrations" in tables:
                applied = {r[0] for r in conn.execute("SELECT name FROM migrations")}
            if not bare and applied == self._expected_migrations():
                # DELETE beats TRUNCATE on a few rows; triggers (foreign keys) off meanwhile
                with conn.transaction():
                    conn.execute("SET LOCAL session_replication_role = replica")
                    for t in sorted(tables - {"migrations"}):
                        conn.execute(f"DELETE FROM {t}")
                    conn.execute("SELECT setval(c.oid, 1, false) FROM pg_class c "
                                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE c.relkind = 'S' AND n.nspname = 'public'")
            else:  # tables, text search objects: all of it lives in the schema
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        return self.url(name)

    @staticmethod
    def _expected_migrations() -> set[str]:
        from sitroom.store.migrate import load_migrations

        return {m.name for m in load_migrations(dialect="postgresql")}

    def stop(self) -> None:
        try:
            if self.port:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
