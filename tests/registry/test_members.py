"""Members: private member entries without personal data, sealed contact and bank details,
membership versions, and the external parties registrations name."""

from __future__ import annotations

import itertools
import logging
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from registry.crypto import (
    KEY_ENV,
    DataKeyError,
    FieldCipher,
    FieldDecryptionError,
    field_cipher,
    load_or_create_data_key,
)
from registry.identifiers import InvalidIdentifier, generate_ipi_base, generate_ipi_name
from registry.ledger_writer import history
from registry.models import Party, entry_table
from registry.services.members.membership import (
    MandateInput,
    MemberInput,
    MemberUpdate,
    member_bank,
    member_contact,
    register_member,
    update_member,
)
from registry.services.parties.parties import MemberError, PartyRef, ensure_party, find_party_by_ipi

CONTACT = {"email": "li.wei@example.cn", "phone": "+86 138 0013 8000", "address": "北京市朝阳区建国路88号"}
BANK = {"bank": "中国工商银行", "account": "6222020200112233445", "holder": "李伟"}
SECRETS = [
    "li.wei@example.cn",
    "138 0013 8000",
    "建国路88号",
    "6222020200112233445",
    "中国工商银行",
]


@pytest.fixture
def cipher(tmp_path: Path) -> FieldCipher:
    return field_cipher(tmp_path / "keys" / "data.key", environ={})


def _writer(n: int = 1, **overrides: object) -> MemberInput:
    fields: dict[str, object] = {
        "name": "李",
        "first_name": "伟",
        "roles": ["composer", "lyricist"],
        "ipi_name": generate_ipi_name(n),
        "ipi_base": generate_ipi_base(n),
        "joined_on": date(2024, 3, 1),
        "mandates": [MandateInput(right_type="performing", territory="CN")],
        "contact": CONTACT,
        "bank": BANK,
    }
    fields.update(overrides)
    return MemberInput(**fields)  # type: ignore[arg-type]


def test_registration_records_a_private_member_entry_without_personal_data(
    session: Session, cipher: FieldCipher
) -> None:
    party = register_member(session, cipher, _writer())
    [entry] = history(session, "member", party.ledger_id)
    assert (entry.kind, entry.id, entry.version, entry.prev) == ("member", f"M-{party.id}", 1, None)
    assert entry.private and entry.salt is not None  # the ledger salts private kinds
    assert entry.body["status"] == "member"
    assert entry.body["ipi_name"] == generate_ipi_name(1)
    assert entry.body["roles"] == ["composer", "lyricist"]
    assert entry.body["mandates"] == [
        {"right_type": "performing", "territory": "CN", "starts_on": None, "ends_on": None}
    ]
    assert (entry.body["contact_revision"], entry.body["bank_revision"]) == (1, 1)
    stored = session.execute(select(entry_table.c.canonical)).scalars().all()
    for canonical in [entry.canonical(), *map(bytes, stored)]:
        for secret in SECRETS:
            assert secret.encode() not in canonical
            assert secret.encode("unicode_escape") not in canonical


def test_contact_and_bank_details_are_sealed_in_their_columns(session: Session, cipher: FieldCipher) -> None:
    party = register_member(session, cipher, _writer())
    session.flush()
    raw = session.execute(
        text("SELECT contact_sealed, bank_sealed FROM party WHERE id = :id"), {"id": party.id}
    ).one()
    for column in raw:
        sealed = bytes(column)
        assert len(sealed) > 28  # format byte, nonce, tag
        for secret in SECRETS:
            assert secret.encode() not in sealed
    assert member_contact(cipher, party) == CONTACT
    assert member_bank(cipher, party) == BANK


def test_a_sealed_value_moved_to_another_row_or_column_does_not_open(
    session: Session, cipher: FieldCipher
) -> None:
    first = register_member(session, cipher, _writer(1))
    second = register_member(session, cipher, _writer(2, contact={"email": "b@example.cn"}, bank=None))
    session.flush()
    # Someone with database access swaps the first member's bank account into the second's row.
    session.execute(
        text("UPDATE party SET bank_sealed = (SELECT bank_sealed FROM party WHERE id = :a) WHERE id = :b"),
        {"a": first.id, "b": second.id},
    )
    session.execute(
        text("UPDATE party SET contact_sealed = bank_sealed WHERE id = :a"),
        {"a": first.id},
    )
    session.expire_all()
    with pytest.raises(FieldDecryptionError, match="moved from another row"):
        member_bank(cipher, session.get(Party, second.id))  # type: ignore[arg-type]
    with pytest.raises(FieldDecryptionError):
        member_contact(cipher, session.get(Party, first.id))  # type: ignore[arg-type]
    assert member_bank(cipher, session.get(Party, first.id)) == BANK  # type: ignore[arg-type]


def test_another_key_cannot_open_the_details(session: Session, cipher: FieldCipher) -> None:
    party = register_member(session, cipher, _writer())
    with pytest.raises(FieldDecryptionError, match="wrong data key"):
        member_bank(FieldCipher(os.urandom(32)), party)


def test_each_membership_change_is_a_new_version_chained_to_the_last(
    session: Session, cipher: FieldCipher
) -> None:
    party = register_member(session, cipher, _writer())
    update_member(session, cipher, party.id, MemberUpdate(status="suspended"))
    update_member(session, cipher, party.id, MemberUpdate(status="suspended"))  # no change
    update_member(
        session,
        cipher,
        party.id,
        MemberUpdate(
            mandates=[
                MandateInput(right_type="performing", territory="2136"),
                MandateInput(right_type="mechanical", territory="CN", starts_on=date(2025, 1, 1)),
            ]
        ),
    )
    update_member(session, cipher, party.id, MemberUpdate(bank=BANK))  # the same account: no change
    new_bank = {**BANK, "account": "6222020200998877665"}
    update_member(session, cipher, party.id, MemberUpdate(bank=new_bank))
    versions = history(session, "member", party.ledger_id)
    assert [e.version for e in versions] == [1, 2, 3, 4]
    for before, after in itertools.pairwise(versions):
        assert after.prev == before.leaf_hash().hex()
    assert [e.body["status"] for e in versions] == ["member", "suspended", "suspended", "suspended"]
    assert versions[2].body["mandates"] == [
        {"right_type": "mechanical", "territory": "CN", "starts_on": "2025-01-01", "ends_on": None},
        {"right_type": "performing", "territory": "2136", "starts_on": None, "ends_on": None},
    ]
    # A new bank account shows as a revision, never as its number.
    assert (versions[2].body["bank_revision"], versions[3].body["bank_revision"]) == (1, 2)
    assert b"6222020200998877665" not in versions[3].canonical()
    assert member_bank(cipher, party) == new_bank


def test_termination_and_ipi_change(session: Session, cipher: FieldCipher) -> None:
    party = register_member(session, cipher, _writer())
    update_member(
        session,
        cipher,
        party.id,
        MemberUpdate(status="terminated", left_on=date(2026, 6, 30), ipi_name=generate_ipi_name(7)),
    )
    latest = history(session, "member", party.ledger_id)[-1]
    assert latest.version == 2
    assert (latest.body["status"], latest.body["left_on"]) == ("terminated", "2026-06-30")
    assert latest.body["ipi_name"] == generate_ipi_name(7)
    assert find_party_by_ipi(session, generate_ipi_name(7)) is party
    assert find_party_by_ipi(session, generate_ipi_name(1)) is None


def test_refusals(session: Session, cipher: FieldCipher) -> None:
    party = register_member(session, cipher, _writer(1))
    with pytest.raises(MemberError, match="already member"):
        register_member(session, cipher, _writer(1))
    other = register_member(session, cipher, _writer(2))
    with pytest.raises(MemberError, match="belongs to"):
        update_member(session, cipher, other.id, MemberUpdate(ipi_name=generate_ipi_name(1)))
    with pytest.raises(MemberError, match="unknown status"):
        update_member(session, cipher, party.id, MemberUpdate(status="retired"))
    with pytest.raises(MemberError, match="external"):
        update_member(session, cipher, party.id, MemberUpdate(status="external"))
    with pytest.raises(MemberError, match="unknown role"):
        register_member(session, cipher, _writer(3, roles=["singer"]))
    with pytest.raises(MemberError, match="unknown mandate right"):
        register_member(
            session, cipher, _writer(4, mandates=[MandateInput(right_type="moral", territory="CN")])
        )
    with pytest.raises(InvalidIdentifier):
        register_member(session, cipher, _writer(5, ipi_name="00014107339"))


def test_an_external_party_has_no_member_entry_until_it_joins(session: Session, cipher: FieldCipher) -> None:
    ref = PartyRef(name="Smith", first_name="John", ipi_name=generate_ipi_name(9), society="010")
    party = ensure_party(session, ref, ["composer"])
    session.flush()
    assert (party.status, party.society, party.role_names) == ("external", "010", ["composer"])
    assert history(session, "member", party.ledger_id) == []
    # Found again by its IPI name number, however it is written; roles seen accumulate.
    spelled = PartyRef(name="SMITH JOHN", ipi_name=" 000 000 009 " + generate_ipi_name(9)[-2:])
    assert ensure_party(session, spelled, ["lyricist"]) is party
    assert party.role_names == ["composer", "lyricist"]
    # The same person joins: the party becomes the member, with its first membership version.
    member = register_member(session, cipher, _writer(9, name="Smith", first_name="John", society=None))
    assert member is party and member.status == "member"
    assert [e.version for e in history(session, "member", party.ledger_id)] == [1]
    # A file naming the member again changes nothing of the membership.
    assert ensure_party(session, ref, ["publisher"]) is party
    assert party.role_names == ["composer", "lyricist"]


def test_parties_without_ipi_match_by_name_among_external_parties_only(
    session: Session, cipher: FieldCipher
) -> None:
    member = register_member(session, cipher, _writer(1, name="Chen", first_name="Mei", ipi_name=None))
    first = ensure_party(session, PartyRef(name="Chen", first_name="Mei"))
    assert first is not member  # an unnumbered namesake never lands on a member's account
    assert ensure_party(session, PartyRef(name="CHEN", first_name="MEI")) is first
    assert ensure_party(session, PartyRef(name="Chen Mei Music", kind="company")) is not first
    assert session.scalar(select(func.count()).select_from(Party)) == 3


def test_personal_data_stays_out_of_reprs_and_logs(
    session: Session, cipher: FieldCipher, caplog: pytest.LogCaptureFixture
) -> None:
    data = _writer()
    assert "6222020200112233445" not in repr(data) and "li.wei" not in repr(data)
    assert "key" in repr(cipher) and repr(cipher) == "FieldCipher(<key hidden>)"
    with caplog.at_level(logging.DEBUG):
        register_member(session, cipher, data)
    for secret in SECRETS:
        assert secret not in caplog.text


def test_the_data_key_file_is_created_once_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "data.key"
    key = load_or_create_data_key(path, environ={})
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_data_key(path, environ={}) == key
    assert [p.name for p in path.parent.iterdir()] == ["data.key"]  # no temporary file left


def test_the_data_key_from_the_environment(tmp_path: Path) -> None:
    import base64

    key = os.urandom(32)
    path = tmp_path / "data.key"
    assert load_or_create_data_key(path, environ={KEY_ENV: base64.b64encode(key).decode()}) == key
    assert not path.exists()
    with pytest.raises(DataKeyError, match="32 bytes"):
        load_or_create_data_key(path, environ={KEY_ENV: base64.b64encode(b"short").decode()})
    with pytest.raises(DataKeyError, match="not base64"):
        load_or_create_data_key(path, environ={KEY_ENV: "not base64!"})
