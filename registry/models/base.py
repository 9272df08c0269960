"""The one declarative base of the registry's tables."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, LargeBinary, MetaData
from sqlalchemy.orm import DeclarativeBase

# Fixed constraint names: migrations can refer to them, identically on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# 64-bit on PostgreSQL; on SQLite INTEGER, so a primary key is the rowid itself.
Counter = BigInteger().with_variant(Integer(), "sqlite")
Hash = LargeBinary(32)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
