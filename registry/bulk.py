"""Bulk inserts for the ledger's hot paths, in the session's transaction.

Values go to the driver as they are, so only those every driver takes natively (int, str,
bytes, bool, None). SQLite gets one executemany of a compiled Core INSERT (skipping SQLAlchemy's
per-value processing halves the Python cost of a row); PostgreSQL gets COPY, about three times
faster than an executemany there.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import psycopg
from sqlalchemy import Connection, Dialect, Table, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def insert_rows(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """INSERT `rows` (tuples of values in `columns` order) into `table`."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        _copy(connection, table, columns, rows)
        return
    sql, order = _compiled(connection.dialect, table, tuple(columns))
    if order is None:  # a driver with named parameters
        connection.exec_driver_sql(sql, [dict(zip(columns, row, strict=True)) for row in rows])
    elif list(order) == list(columns):
        connection.exec_driver_sql(sql, list(rows))
    else:
        at = [list(columns).index(name) for name in order]
        connection.exec_driver_sql(sql, [tuple(row[i] for i in at) for row in rows])


def _copy(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:
        # The same exception classes as any other statement (IntegrityError...), so callers
        # handle a unique violation alike on both backends.
        raise DBAPIError.instance(sql, None, exc, psycopg.Error, dialect=connection.dialect) from exc


@lru_cache(maxsize=64)
def _compiled(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> tuple[str, tuple[str, ...] | None]:
    """The INSERT's SQL for this dialect and, for positional parameter styles, their order."""
    # inline(): no RETURNING of generated keys, which a plain executemany cannot fetch anyway.
    compiled = insert(table).inline().compile(dialect=dialect, column_keys=list(columns))
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
    return str(compiled), order
