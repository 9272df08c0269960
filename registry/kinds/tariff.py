"""`tariff`: one tariff version as billed (public)."""

from __future__ import annotations

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration

IDS = entity_ids.TARIFF

DECLARATION = Declaration(
    kind=Kind("tariff", 1, False, "a tariff version: formula, parameters, validity"),
    ids=IDS,
    # Built by the licensing service from its tariff snapshot (the same one an invoice keeps).
    body="`registry/services/licensing/tariffs.py` `tariff_body`",
    about="One tariff version, never edited: a change is the next version, a new row and entry.",
    fields={
        "code": "the tariff's code",
        "version": "its version number",
        "name": "its name",
        "formula": "the formula it bills by",
        "params": "the formula's parameters (rates in fen)",
        "currency": "the currency",
        "rounding": "how amounts are rounded",
        "valid_from": "first day it applies",
        "valid_to": "last day it applies, or null",
        "applies_to": "the licence kinds or sources it applies to",
    },
    unchecked="Compared with its row by registry/audit/checks/money.py, whose body builder is the "
    "licensing service's (the kinds may not import services).",
)
