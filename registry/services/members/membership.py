"""Members: register them and change their membership.

Each membership version (registration, a change of status, mandates, roles, IPI numbers...)
records a private `member` entry. The entry holds the membership facts only: contact and bank
details are sealed in their columns (registry.crypto) and never reach the ledger; a change of
them shows in the entry as a revision count, so a changed bank account leaves a trace. A change
of a member's name or IPI name number restates the works, recordings and conflict cases that
name them (registry.services.repertoire.entries.restate_party).

The parties named in registrations, members or not, are registry.services.parties.parties'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.crypto import FieldCipher
from registry.entity_ids import MEMBER
from registry.identifiers import normalise_ipi_base, normalise_ipi_name, normalise_isni
from registry.kinds.member import member_body
from registry.ledger_writer import latest_entry, record
from registry.models import (
    MANDATE_RIGHTS,
    MEMBERSHIP_STATUSES,
    PARTY_KINDS,
    Mandate,
    Party,
)
from registry.services.parties.parties import (
    EXTERNAL,
    MemberError,
    find_party_by_ipi,
    one_of,
    set_name,
    set_roles,
)
from registry.services.repertoire.entries import restate_party

_SEALED = ("contact", "bank")


@dataclass(frozen=True, kw_only=True)
class MandateInput:
    """A right the member mandates us to administer in a territory."""

    right_type: str  # one of MANDATE_RIGHTS
    territory: str  # CISAC TIS code ("2136" = world) or ISO 3166 alpha-2
    starts_on: date | None = None
    ends_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class MemberInput:
    name: str
    kind: str = "person"
    first_name: str | None = None
    roles: Sequence[str] = ()
    ipi_name: str | None = None
    ipi_base: str | None = None
    isni: str | None = None
    status: str = "member"
    society: str | None = None
    joined_on: date | None = None
    mandates: Sequence[MandateInput] = ()
    # Personal data: kept out of repr so it cannot leak into a log line or a traceback.
    contact: Mapping[str, Any] | None = field(default=None, repr=False)
    bank: Mapping[str, Any] | None = field(default=None, repr=False)


@dataclass(frozen=True, kw_only=True)
class MemberUpdate:
    """A change of membership: None leaves a field as it is; mandates and roles replace the set."""

    name: str | None = None
    first_name: str | None = None
    roles: Sequence[str] | None = None
    ipi_name: str | None = None
    ipi_base: str | None = None
    isni: str | None = None
    status: str | None = None
    society: str | None = None
    joined_on: date | None = None
    left_on: date | None = None
    mandates: Sequence[MandateInput] | None = None
    contact: Mapping[str, Any] | None = field(default=None, repr=False)
    bank: Mapping[str, Any] | None = field(default=None, repr=False)


def register_member(session: Session, cipher: FieldCipher, data: MemberInput) -> Party:
    """Register a member (or applicant); an external party with the same IPI name number becomes
    the member, keeping its works. Records the member entry, version 1."""
    if data.status == EXTERNAL:
        raise MemberError("a member cannot be registered with status 'external'")
    ipi = _ipi_name(data.ipi_name)
    party = find_party_by_ipi(session, ipi) if ipi is not None else None
    if party is not None and party.is_member:
        raise MemberError(f"IPI name number {ipi} is already member {party.ledger_id}")
    if party is None:
        party = Party(contact_revision=0, bank_revision=0)
        session.add(party)
    party.kind = one_of("kind", data.kind, PARTY_KINDS)
    party.ipi_name = ipi
    party.status = one_of("status", data.status, MEMBERSHIP_STATUSES)
    set_name(party, data.name, data.first_name)
    party.ipi_base = _ipi_base(data.ipi_base)
    party.isni = normalise_isni(data.isni) if data.isni else None
    party.society = data.society
    party.joined_on = data.joined_on
    party.left_on = None
    set_roles(party, data.roles)
    _set_mandates(party, data.mandates)
    session.flush()  # the row id binds the sealed fields
    _seal(party, cipher, data.contact, data.bank)
    record_member(session, party)
    return party


def update_member(session: Session, cipher: FieldCipher, party_id: int, change: MemberUpdate) -> Party:
    """Change a member; records a new member version when the membership facts changed."""
    party = session.get(Party, party_id)
    if party is None or not party.is_member:
        raise MemberError(f"{MEMBER.make(party_id)} is not a member")
    named = (party.name, party.first_name, party.ipi_name)  # what works and recordings state
    if change.status is not None:
        if change.status == EXTERNAL:
            raise MemberError("membership ends with status 'terminated', not 'external'")
        party.status = one_of("status", change.status, MEMBERSHIP_STATUSES)
    if change.ipi_name is not None:
        ipi = normalise_ipi_name(change.ipi_name)
        holder = find_party_by_ipi(session, ipi)
        if holder is not None and holder.id != party.id:
            raise MemberError(f"IPI name number {ipi} belongs to M-{holder.id}")
        party.ipi_name = ipi
    if change.name is not None or change.first_name is not None:
        set_name(party, change.name or party.name, change.first_name or party.first_name)
    if change.ipi_base is not None:
        party.ipi_base = _ipi_base(change.ipi_base)
    if change.isni is not None:
        party.isni = normalise_isni(change.isni)
    for name in ("society", "joined_on", "left_on"):
        if getattr(change, name) is not None:
            setattr(party, name, getattr(change, name))
    if change.roles is not None:
        set_roles(party, change.roles)
    if change.mandates is not None:
        _set_mandates(party, change.mandates)
    _seal(party, cipher, change.contact, change.bank)
    session.flush()
    record_member(session, party)
    if (party.name, party.first_name, party.ipi_name) != named:
        restate_party(session, party.id)
    return party


def member_contact(cipher: FieldCipher, party: Party) -> Any:
    """The member's contact details, opened; None if none are held."""
    return _open(cipher, party, "contact")


def member_bank(cipher: FieldCipher, party: Party) -> Any:
    """The member's bank details, opened; None if none are held."""
    return _open(cipher, party, "bank")


def record_member(session: Session, party: Party) -> Entry | None:
    """Record the member's next version if its facts differ from the last one recorded."""
    body = member_body(party)
    latest = latest_entry(session, "member", party.ledger_id)
    if latest is not None and dict(latest.body) == body:
        return None
    return record(session, "member", party.ledger_id, body)


def _set_mandates(party: Party, mandates: Sequence[MandateInput]) -> None:
    wanted: dict[tuple[str, str], MandateInput] = {}
    for m in mandates:
        right = one_of("mandate right", m.right_type, MANDATE_RIGHTS)
        territory = m.territory.strip().upper()
        if not territory:
            raise MemberError(f"the {right} mandate names no territory")
        if m.starts_on and m.ends_on and m.ends_on < m.starts_on:
            raise MemberError(f"the {right} mandate in {territory} ends before it starts")
        wanted[(right, territory)] = m
    kept = []
    for held in party.mandates:
        key = (held.right_type, held.territory)
        if key in wanted:
            m = wanted.pop(key)
            held.starts_on, held.ends_on = m.starts_on, m.ends_on
            kept.append(held)
    party.mandates[:] = kept + [
        Mandate(right_type=right, territory=territory, starts_on=m.starts_on, ends_on=m.ends_on)
        for (right, territory), m in wanted.items()
    ]


def _seal(
    party: Party, cipher: FieldCipher, contact: Mapping[str, Any] | None, bank: Mapping[str, Any] | None
) -> None:
    for column, value in zip(_SEALED, (contact, bank), strict=True):
        if value is None:
            continue
        if getattr(party, f"{column}_sealed") is not None and _open(cipher, party, column) == dict(value):
            continue  # the same details again: no new revision
        sealed = cipher.encrypt(dict(value), table="party", column=f"{column}_sealed", row_id=party.id)
        setattr(party, f"{column}_sealed", sealed)
        setattr(party, f"{column}_revision", getattr(party, f"{column}_revision") + 1)


def _open(cipher: FieldCipher, party: Party, column: str) -> Any:
    sealed = getattr(party, f"{column}_sealed")
    if sealed is None:
        return None
    return cipher.decrypt(sealed, table="party", column=f"{column}_sealed", row_id=party.id)


def _ipi_name(text: str | None) -> str | None:
    return normalise_ipi_name(text) if text else None


def _ipi_base(text: str | None) -> str | None:
    return normalise_ipi_base(text) if text else None
