"""Opening the DuckDB warehouse: path, the single-writer lock, migrations and views.

DuckDB lets one process hold a database file for writing, and while it does,
even a read-only open from another process fails. Both kinds of open here wait
a bounded time for the holder to finish, then fail with a message that says so.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

DEFAULT_DB = Path("data/sdo.duckdb")
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


class DatabaseBusy(RuntimeError):
    """Another process holds the database; we waited and gave up."""


class DatabaseMissing(FileNotFoundError):
    pass


# What DuckDB says of a file it cannot trust: truncated, bit-flipped, not a database at all.
_DAMAGE_SIGNS = (
    "corrupt database file",
    "could not read enough bytes",
    "not a valid duckdb database file",
    "checksum",
)


class DatabaseDamaged(RuntimeError):
    """The database file is damaged; the message says how to rebuild it."""


def is_damage(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.Error) and any(s in str(exc).lower() for s in _DAMAGE_SIGNS)


def damaged(exc: BaseException, path: str | Path | None = None) -> DatabaseDamaged:
    """One line: which file, what DuckDB found, and how to get a sound database back."""
    where = f"{path}: " if path is not None else ""
    found = " ".join(str(exc).split())
    return DatabaseDamaged(
        f"{where}the database file is damaged ({found[:200]}). "
        "Move it aside and rebuild it from the raw archive, imported files included: "
        "sdo refresh --offline --archive data/raw (docs/faults.md)"
    )


def db_path(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get("SDO_DB") or DEFAULT_DB)


def sql_dir() -> Path:
    """The sql/ folder: beside the packages in a checkout, inside warehouse/ in a wheel."""
    here = Path(__file__).resolve().parents[1]  # the warehouse package
    for candidate in (here / "sql", here.parent / "sql"):
        if (candidate / "schema").is_dir():
            return candidate
    raise FileNotFoundError(f"no sql/schema folder near {here}")


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def connect(
    path: str | Path | None = None,
    read_only: bool = False,
    wait: float = 30.0,
    memory_limit: str | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting up to ``wait`` seconds for another writer to finish.

    ``memory_limit`` caps DuckDB's buffer memory for this connection (DuckDB's default is
    80 % of RAM, which it fills with cached pages and keeps); past it, DuckDB spills to
    its temporary directory instead."""
    target = db_path(path)
    if read_only and not target.exists():
        raise DatabaseMissing(
            f"{target}: no database yet; run `sdo refresh` (or `sdo refresh --offline`) first"
        )
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    delay = 0.1
    while True:
        try:
            config: dict[str, str | bool | int | float | list[str]] = (
                {"memory_limit": memory_limit} if memory_limit else {}
            )
            return duckdb.connect(str(target), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if is_damage(exc):
                raise damaged(exc, target) from exc
            if not _is_lock_conflict(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"{target} is held by another process (a refresh in progress?); "
                    f"waited {wait:.0f}s. Try again when it finishes. ({exc})"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: commit on success, roll back on any exception."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def migrations(directory: Path | None = None) -> list[tuple[int, str, Path]]:
    folder = (directory or sql_dir()) / "schema"
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"{path}: migration files are named NNN_name.sql")
        found.append((int(match.group(1)), path.stem, path))
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise ValueError(f"{folder}: two migrations share a number")
    return found


def migrate(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> list[str]:
    """Apply migrations not yet recorded, each in its own transaction. Returns their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    done = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, path in migrations(directory):
        if version in done:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name]
            )
        applied.append(name)
    return applied


def view_files(directory: Path | None = None) -> list[Path]:
    return sorted(((directory or sql_dir()) / "views").glob("*.sql"))


def apply_views(
    con: duckdb.DuckDBPyConnection, directory: Path | None = None, force: bool = False
) -> int:
    """(Re)create every view. Files are applied in name order, so a file may use earlier ones.

    Skipped when the files are the ones last applied to this database (their digest is in
    view_state, once migration 017 ran); ``force`` re-creates them regardless."""
    files = view_files(directory)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    current = digest.hexdigest()
    tracked = bool(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'view_state'"
        ).fetchall()[0][0]
    )
    if tracked and not force:
        stored = con.execute("SELECT digest FROM view_state").fetchall()
        if stored == [(current,)]:
            return len(files)
    with transaction(con):
        for path in files:
            try:
                con.execute(path.read_text(encoding="utf-8"))
            except duckdb.Error as exc:
                raise RuntimeError(f"{path}: {exc}") from exc
        if tracked:
            con.execute("DELETE FROM view_state")
            con.execute("INSERT INTO view_state VALUES (?, now())", [current])
    return len(files)


@contextmanager
def writer(
    path: str | Path | None = None, wait: float = 30.0, memory_limit: str | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writer connection held only for the block: other processes can read after it."""
    con = connect(path, wait=wait, memory_limit=memory_limit)
    try:
        yield con
    finally:
        con.close()


class RefreshInProgress(DatabaseBusy):
    """Another refresh of the same database is running; we waited and gave up."""


@contextmanager
def refresh_lock(path: str | Path | None = None, wait: float = 0.0) -> Iterator[None]:
    """Hold ``<db>.refresh.lock`` for a whole refresh, so a second one waits or says why.

    DuckDB's own lock covers each load's short write; a refresh also fetches for minutes
    in between, and two at once would fetch the same pages twice. An advisory lock on a
    file beside the database (released by the OS if the process dies) keeps them apart.
    """
    import fcntl

    target = db_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(target.name + ".refresh.lock")
    handle = lock_path.open("a+")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise RefreshInProgress(
                        f"{target}: a refresh is already running ({holder}); waited "
                        f"{wait:.0f} s. Let it finish, or wait for it: --wait SECONDS "
                        "(or SDO_REFRESH_WAIT)"
                    ) from exc
                time.sleep(0.5)
        handle.seek(0)
        handle.truncate()
        command = " ".join(["sdo", *sys.argv[1:]]) if sys.argv[1:] else "a flow or job"
        handle.write(
            f"pid {os.getpid()}, `{command[:120]}`, "
            f"since {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}"
        )
        handle.flush()
        yield
    finally:
        handle.close()
