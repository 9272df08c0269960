"""The template copies that most tests start from have exactly the schema a migration makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from registry.db import make_engine
from registry.migrate import current, head, upgrade
from tests.databases import migrate, postgres_database


def _schema(url: str) -> dict[str, object]:
    """Every table's columns, indexes, keys and constraints, as the database reports them."""
    engine = make_engine(url)
    try:
        seen = inspect(engine)
        return {
            table: (
                [(c["name"], str(c["type"]), c["nullable"]) for c in seen.get_columns(table)],
                sorted(
                    (i["name"] or "", tuple(i["column_names"]), i["unique"]) for i in seen.get_indexes(table)
                ),
                seen.get_pk_constraint(table)["constrained_columns"],
                sorted(str(sorted(fk.items())) for fk in seen.get_foreign_keys(table)),
                sorted(str(u["column_names"]) for u in seen.get_unique_constraints(table)),
                sorted(c["sqltext"] for c in seen.get_check_constraints(table)),
            )
            for table in seen.get_table_names()
        }
    finally:
        engine.dispose()


def test_a_copy_of_the_template_equals_a_migrated_database(db_url: str, tmp_path: Path) -> None:
    migrate(db_url)
    if db_url.startswith("sqlite"):
        reference = f"sqlite:///{tmp_path / 'migrated.db'}"
        upgrade(reference)
        assert _schema(db_url) == _schema(reference)
    else:
        for reference in postgres_database():
            upgrade(reference)
            assert _schema(db_url) == _schema(reference)
    assert current(db_url) == head()
    assert len(_schema(db_url)) > 20  # the whole registry, not an empty file


def test_only_a_new_database_is_made_from_the_template(tmp_path: Path) -> None:
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"not empty")
    with pytest.raises(ValueError, match="not empty"):
        migrate(f"sqlite:///{taken}")
    assert taken.read_bytes() == b"not empty"
