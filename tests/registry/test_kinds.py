"""Each entry kind is declared once (registry/kinds/): the declarations are the ledger's kinds, and
none leaves out what fails silently when forgotten (a private kind's owner, the audit's checks)."""

from __future__ import annotations

from typing import Any

from ledger.kinds import KINDS
from registry.audit.checks import CHECKS
from registry.entity_ids import DISTRIBUTION_LINE, DISTRIBUTION_SUMMARY, MEMBER, NO_ROW, RECORDING, WORK
from registry.kinds import DECLARATIONS, OWNERS
from registry.services.access.proof_access import may_prove
from registry.services.access.users import PUBLIC, Principal

NO_SESSION: Any = None  # the member and statement owners read the id alone


def test_the_declared_kinds_are_the_ledgers_kinds() -> None:
    assert set(DECLARATIONS) == set(KINDS)
    for name, declaration in DECLARATIONS.items():
        assert declaration.kind == KINDS[name], name  # name, schema, private flag and description


def test_each_private_kind_declares_who_owns_it_and_only_those() -> None:
    private = {name for name, kind in KINDS.items() if kind.private}
    assert set(OWNERS) == private


def test_each_kind_declares_its_audit_checks_or_says_why_not() -> None:
    for name, declaration in DECLARATIONS.items():
        checks = declaration.checks
        kinds = {c.kind for c in checks.body} | {c.kind for c in checks.entry}
        assert kinds <= {name}, f"{name} declares checks of {kinds - {name}}"
        if kinds:
            assert not declaration.unchecked, f"{name} has checks and says it has none"
        else:
            assert declaration.unchecked.strip(), f"{name} declares no audit check and does not say why"


def test_the_audit_runs_every_kinds_checks() -> None:
    declared = {c.kind for d in DECLARATIONS.values() for c in d.checks.body}
    assert declared <= CHECKS.body_kinds()
    entry = {c.kind for d in DECLARATIONS.values() for c in d.checks.entry}
    assert entry <= set(CHECKS.entry_problems())


def test_each_kind_describes_its_body_fields_and_its_id_shape() -> None:
    for name, declaration in DECLARATIONS.items():
        assert declaration.fields, name
        assert all(text.strip() for text in declaration.fields.values()), name
        assert declaration.ids.shape, name


def test_a_member_is_proven_their_own_private_entries_and_nobody_elses() -> None:
    # Proof access reads the owners from the declarations; these two need no database.
    alice, bob = Principal("member", party_id=1), Principal("member", party_id=2)
    statement = DISTRIBUTION_LINE.make("2026-03", "karaoke", 1)
    for kind, entity_id in (("member", MEMBER.make(1)), ("distribution_line", statement)):
        assert may_prove(NO_SESSION, alice, kind, entity_id)
        assert not may_prove(NO_SESSION, bob, kind, entity_id)
        assert not may_prove(NO_SESSION, PUBLIC, kind, entity_id)
    assert may_prove(NO_SESSION, PUBLIC, "work", WORK.make(1))


def test_the_id_formats_read_back_what_they_make() -> None:
    assert WORK.parse(WORK.make(12)) == 12
    assert WORK.parse(RECORDING.make(12)) == NO_ROW
    assert WORK.parse("W-") == NO_ROW
    assert DISTRIBUTION_SUMMARY.parse(DISTRIBUTION_SUMMARY.make("2026-03", "karaoke")) == (
        "2026-03",
        "karaoke",
    )
    assert DISTRIBUTION_LINE.parse(DISTRIBUTION_LINE.make("2026-03", "karaoke", 4)) == (
        "DIST-2026-03-karaoke",
        "M-4",
    )
    assert DISTRIBUTION_SUMMARY.parse("DIST-2026-03-karaoke/M-4") is None
