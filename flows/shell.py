"""`sdo shell`: an interactive SQL prompt on the warehouse or on the published snapshot.

Statements end with ``;`` and may span lines; dot commands (``.views``, ``.columns VIEW``,
``.format csv``, ``.help``, ``.quit``) stand alone. On a terminal, readline gives line
editing, a history kept between sessions and tab completion of view and column names.

Against the warehouse each statement opens it read-only, with the same locks as `sdo sql`,
and closes it again, so an open shell never keeps a refresh waiting. Against the snapshot
(``--snapshot``) the views are recreated over its Parquet files in an in-memory database
that may read that folder and nothing else.

The loop reads lines from a function and writes text to another, so it runs the same
from a terminal, a pipe or a test.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb
import polars as pl

from flows.output import render
from warehouse.outputs.catalog import public_view_docs, view_columns
from warehouse.outputs.user_sql import (
    UserQueryError,
    UserSqlLimits,
    open_for_user_sql,
    run_user_sql,
    shut_external_access,
)

PROMPT, CONTINUED = "sdo> ", "...> "
HELP = """Type SQL ending with ';' (it may span lines). Views: .views  Columns: .columns VIEW
.format table|csv|json   .help   .quit (or Ctrl-D)"""
KEYWORDS = (
    "SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "LIMIT", "HAVING", "JOIN", "LEFT JOIN",
    "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS NULL", "DESC", "ASC", "DISTINCT",
    "COUNT", "SUM", "AVG", "MIN", "MAX", "WITH", "UNION ALL", "DESCRIBE", "SUMMARIZE",
)  # fmt: skip


class ShellError(Exception):
    """A statement the source refused, said in one line."""


class Source(Protocol):
    def run(self, sql: str) -> pl.DataFrame: ...

    def columns(self) -> dict[str, list[str]]: ...

    def describe(self) -> str: ...


@dataclass
class WarehouseSource:
    """The warehouse read-only, opened for each statement and closed after it."""

    db: Path | None
    limits: UserSqlLimits
    wait: float = 30.0
    _columns: dict[str, list[str]] | None = field(default=None, repr=False)

    def run(self, sql: str) -> pl.DataFrame:
        con = open_for_user_sql(self.db, self.limits, self.wait)
        try:
            return run_user_sql(con, sql, self.limits.timeout)
        except UserQueryError as exc:
            raise ShellError(str(exc)) from exc
        finally:
            con.close()

    def columns(self) -> dict[str, list[str]]:
        if self._columns is None:
            con = open_for_user_sql(self.db, self.limits, self.wait)
            try:
                self._columns = {
                    d.name: [c for c, _ in view_columns(con, d.name)] for d in public_view_docs()
                }
            finally:
                con.close()
        return self._columns

    def describe(self) -> str:
        return "the warehouse, read-only (each statement opens it and lets go)"


class SnapshotSource:
    """The published snapshot's views over its Parquet files, in memory; the connection may
    read the snapshot's folder and nothing else."""

    def __init__(self, link: Path) -> None:
        folder = link.resolve()
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ShellError(
                f"{link}: no published snapshot to open ({exc}); `sdo publish` writes one"
            ) from exc
        self.folder = folder
        self.run_id = manifest.get("run_id")
        self._columns = {v["name"]: [c["name"] for c in v["columns"]] for v in manifest["views"]}
        self.con = duckdb.connect()
        self.con.execute(f"SET allowed_directories = ['{_quoted(str(folder))}/']")
        shut_external_access(self.con)
        for view in manifest["views"]:
            path = _quoted(str(folder / view["file"]))
            self.con.execute(
                f"CREATE VIEW \"{view['name']}\" AS SELECT * FROM read_parquet('{path}')"
            )
        self.con.execute("SET lock_configuration = true")

    def run(self, sql: str) -> pl.DataFrame:
        try:
            relation = self.con.sql(sql)
        except duckdb.Error as exc:
            raise ShellError(" ".join(str(exc).split())) from exc
        return relation.pl() if relation is not None else pl.DataFrame()

    def columns(self) -> dict[str, list[str]]:
        return self._columns

    def describe(self) -> str:
        return f"the published snapshot {self.folder} (run {self.run_id or '-'})"


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def split_statements(buffer: str) -> tuple[list[str], str]:
    """The complete statements in ``buffer`` (each ending in a ``;`` outside quotes and
    comments) and what is left after the last of them."""
    statements: list[str] = []
    start, at, quote = 0, 0, ""
    while at < len(buffer):
        char = buffer[at]
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif buffer.startswith("--", at):
            end = buffer.find("\n", at)
            at = len(buffer) if end < 0 else end
            continue
        elif buffer.startswith("/*", at):
            end = buffer.find("*/", at + 2)
            at = len(buffer) if end < 0 else end + 2
            continue
        elif char == ";":
            statement = buffer[start:at].strip()
            if statement:
                statements.append(statement)
            start = at + 1
        at += 1
    return statements, buffer[start:]


def completions(text: str, columns: dict[str, list[str]]) -> list[str]:
    """Views, their columns and SQL keywords starting with ``text`` (case-insensitive for
    keywords, which keep the case typed)."""
    lowered = text.lower()
    names = sorted({*columns, *(c for cs in columns.values() for c in cs)})
    found = [n for n in names if n.startswith(lowered)]
    for word in KEYWORDS:
        if word.lower().startswith(lowered):
            found.append(word if text[:1].isupper() or not text else word.lower())
    return found


def run_shell(
    source: Source,
    read_line: Callable[[str], str],
    write: Callable[[str], object],
    fmt: str = "table",
    banner: bool = True,
    warn: Callable[[str], object] | None = None,
) -> int:
    """Read statements until EOF or .quit; print each result. Returns how many failed.
    Without ``banner`` (piped input) only results are written; errors go to ``warn``
    (default: ``write``)."""
    warn = warn or write
    if banner:
        write(f"{source.describe()}\n{HELP}\n")
    failed, buffer = 0, ""
    while True:
        try:
            line = read_line(CONTINUED if buffer.strip() else PROMPT)
        except EOFError:
            if banner:
                write("\n")
            break
        except KeyboardInterrupt:
            write("\n")
            buffer = ""
            continue
        if not buffer.strip() and line.strip().startswith("."):
            outcome = _dot_command(line.strip(), source, write, warn)
            if outcome == "quit":
                break
            if outcome.startswith("format:"):
                fmt = outcome.removeprefix("format:")
            failed += outcome == "failed"
            continue
        buffer += line + "\n"
        statements, buffer = split_statements(buffer)
        for statement in statements:
            try:
                write(render(source.run(statement), fmt))
            except (ShellError, duckdb.Error) as exc:
                failed += 1
                warn(f"error: {' '.join(str(exc).split())}\n")
    if buffer.strip():
        warn("(the last statement had no ';' and was not run)\n")
    return failed


def _dot_command(
    line: str, source: Source, write: Callable[[str], object], warn: Callable[[str], object]
) -> str:
    command, _, argument = line.partition(" ")
    argument = argument.strip().rstrip(";")
    if command in (".quit", ".exit", ".q"):
        return "quit"
    if command == ".help":
        write(HELP + "\n")
        return "ok"
    if command == ".views":
        docs = {d.name: d.meaning for d in public_view_docs()}
        write("".join(f"{name}  {docs.get(name, '')}\n" for name in source.columns()))
        return "ok"
    if command == ".columns" and argument in source.columns():
        write(", ".join(source.columns()[argument]) + "\n")
        return "ok"
    if command == ".format" and argument in ("table", "csv", "json"):
        return f"format:{argument}"
    warn(f"error: {line!r}: not a command here; .help lists them\n")
    return "failed"


def history_file() -> Path:
    """Where the prompt's history is kept between sessions (XDG state directory)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "sdo" / "shell_history"


def terminal_reader(columns: Callable[[], dict[str, list[str]]]) -> Callable[[str], str]:
    """``input`` with readline's editing, history and completion, where readline exists."""
    try:
        import readline
    except ImportError:  # no readline on this platform: plain input still works
        return input
    history = history_file()
    with contextlib.suppress(OSError):  # no history yet
        readline.read_history_file(history)
    readline.set_history_length(5000)
    matches: list[str] = []

    def complete(text: str, state: int) -> str | None:
        if state == 0:
            matches[:] = completions(text, columns())
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" \t\n(),;.=<>'\"")
    readline.parse_and_bind("tab: complete")

    def read(prompt: str) -> str:
        line = input(prompt)
        try:
            history.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(history)
        except OSError:
            pass  # an unwritable home does not stop the shell
        return line

    return read


def lines_from(stream: Iterable[str]) -> Callable[[str], str]:
    """A reader over piped input: each call the next line, EOFError at the end."""
    lines = iter(stream)

    def read(_prompt: str) -> str:
        try:
            return next(lines).rstrip("\n")
        except StopIteration as exc:
            raise EOFError from exc

    return read
