"""Running SQL a user typed (`sdo sql`) so that it can read the warehouse and nothing else.

DuckDB's ``read_only=True`` only stops writes to the open database: ``COPY … TO`` still
writes any file (the warehouse file itself included), ``ATTACH`` opens other databases for
writing, ``read_csv``/``read_text``/``glob`` read any file, ``INSTALL`` downloads. So the
connection gets external access, extension autoload and autoinstall turned off, a memory
limit and a cap on what it may spill to disk, and then its configuration locked, all before
the user's text runs. DuckDB has no statement timeout: a timer interrupts the query.
May import duckdb, polars and warehouse.store.db only.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from warehouse.store.db import connect, is_damage

_SIZE = re.compile(r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class UserSqlLimits:
    memory_limit: str = "2GB"  # DuckDB's own default is 80 % of RAM
    temp_limit: str = "4GB"  # spilled to <database>.tmp beyond the memory limit
    timeout: float = 120.0  # seconds; 0 for none

    def __post_init__(self) -> None:
        for name, value in (("memory limit", self.memory_limit), ("temp limit", self.temp_limit)):
            if not _SIZE.match(value):
                raise ValueError(f"{name} {value!r}: expected a size such as 2GB or 500MB")
        if self.timeout < 0:
            raise ValueError(f"timeout {self.timeout}: expected seconds, 0 for none")


class UserQueryError(ValueError):
    pass


def open_for_user_sql(
    path: str | Path | None, limits: UserSqlLimits, wait: float = 30.0
) -> duckdb.DuckDBPyConnection:
    """The warehouse, read-only, with every door to the file system and the network shut."""
    con = connect(path, read_only=True, wait=wait)
    try:
        shut_external_access(con)
        for statement in (
            f"SET memory_limit = '{limits.memory_limit}'",
            f"SET max_temp_directory_size = '{limits.temp_limit}'",
            "SET lock_configuration = true",  # last: nothing the user types can undo the above
        ):
            con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


def shut_external_access(con: duckdb.DuckDBPyConnection) -> None:
    """No file (beyond allowed_directories, if set), network or extension from here on."""
    for statement in (
        "SET enable_external_access = false",
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
    ):
        con.execute(statement)


def run_user_sql(con: duckdb.DuckDBPyConnection, query: str, timeout: float) -> pl.DataFrame:
    """The result of the user's SQL (its last statement) as a frame; an empty frame for a
    statement that returns nothing. Raises UserQueryError saying why it was refused."""
    timer = threading.Timer(timeout, con.interrupt) if timeout else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        relation = con.sql(query)
        return relation.pl() if relation is not None else pl.DataFrame()
    except duckdb.InterruptException as exc:
        raise UserQueryError(
            f"query stopped after {timeout:g} s (the limit; raise it with --timeout or "
            "SDO_SQL_TIMEOUT)"
        ) from exc
    except duckdb.PermissionException as exc:
        raise UserQueryError(
            f"refused: sdo sql reads the warehouse only, no other file, database or "
            f"extension ({_first_line(exc)})"
        ) from exc
    except duckdb.OutOfMemoryException as exc:
        raise UserQueryError(
            f"query needs more than the memory limit ({_first_line(exc)}); raise it with "
            "--memory-limit or SDO_SQL_MEMORY_LIMIT"
        ) from exc
    except duckdb.Error as exc:  # syntax, catalog, binder, conversion: the query's own fault
        if is_damage(exc):
            raise  # the file's fault, not the query's: the command line says so
        if "configuration has been locked" in str(exc):
            raise UserQueryError(
                "refused: sdo sql's settings are fixed (limits come from --memory-limit, "
                "--timeout and the SDO_SQL_* settings)"
            ) from exc
        raise UserQueryError(f"query failed: {_first_line(exc)}") from exc
    finally:
        if timer is not None:
            timer.cancel()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
