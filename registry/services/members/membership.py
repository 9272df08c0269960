"""Members: register them, change their membership, and find the parties named in registrations.

Each membership version (registration, a change of status, mandates, roles, IPI numbers...)
records a private `member` entry. The entry holds the membership facts only: contact and bank
details are sealed in their columns (registry.crypto) and never reach the ledger; a change of
them shows in the entry as a revision count, so a changed bank account leaves a trace.

Interested parties who are not our members (the co-writer represented by another society, the
foreign publisher) are kept as `external` parties without a member entry: we hold no membership
with them, and the facts we state about them are their names and IPI numbers in the public
work entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.crypto import FieldCipher
from registry.errors import RegistryError
from registry.identifiers import normalise_ipi_base, normalise_ipi_name, normalise_isni
from registry.ledger_writer import latest_entry, record
from registry.models import (
    MANDATE_RIGHTS,
    MEMBERSHIP_STATUSES,
    PARTY_KINDS,
    PARTY_ROLES,
    Mandate,
    Party,
    PartyRole,
)
from registry.normalise import name_key

EXTERNAL = "external"
_SEALED = ("contact", "bank")


class MemberError(RegistryError):
    """A membership request that cannot be carried out; the message says why."""


@dataclass(frozen=True, kw_only=True)
class PartyRef:
    """An interested party as a registration names it (CWR writer or publisher record)."""

    name: str
    first_name: str | None = None
    ipi_name: str | None = None
    ipi_base: str | None = None
    kind: str = "person"  # person | company
    society: str | None = None  # CISAC code of the society they are affiliated with


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
    party.kind = _one_of("kind", data.kind, PARTY_KINDS)
    party.ipi_name = ipi
    party.status = _one_of("status", data.status, MEMBERSHIP_STATUSES)
    _set_name(party, data.name, data.first_name)
    party.ipi_base = _ipi_base(data.ipi_base)
    party.isni = normalise_isni(data.isni) if data.isni else None
    party.society = data.society
    party.joined_on = data.joined_on
    party.left_on = None
    _set_roles(party, data.roles)
    _set_mandates(party, data.mandates)
    session.flush()  # the row id binds the sealed fields
    _seal(party, cipher, data.contact, data.bank)
    record_member(session, party)
    return party


def update_member(session: Session, cipher: FieldCipher, party_id: int, change: MemberUpdate) -> Party:
    """Change a member; records a new member version when the membership facts changed."""
    party = session.get(Party, party_id)
    if party is None or not party.is_member:
        raise MemberError(f"M-{party_id} is not a member")
    named = (party.name, party.first_name, party.ipi_name)  # what works and recordings state
    if change.status is not None:
        if change.status == EXTERNAL:
            raise MemberError("membership ends with status 'terminated', not 'external'")
        party.status = _one_of("status", change.status, MEMBERSHIP_STATUSES)
    if change.ipi_name is not None:
        ipi = normalise_ipi_name(change.ipi_name)
        holder = find_party_by_ipi(session, ipi)
        if holder is not None and holder.id != party.id:
            raise MemberError(f"IPI name number {ipi} belongs to M-{holder.id}")
        party.ipi_name = ipi
    if change.name is not None or change.first_name is not None:
        _set_name(party, change.name or party.name, change.first_name or party.first_name)
    if change.ipi_base is not None:
        party.ipi_base = _ipi_base(change.ipi_base)
    if change.isni is not None:
        party.isni = normalise_isni(change.isni)
    for name in ("society", "joined_on", "left_on"):
        if getattr(change, name) is not None:
            setattr(party, name, getattr(change, name))
    if change.roles is not None:
        _set_roles(party, change.roles)
    if change.mandates is not None:
        _set_mandates(party, change.mandates)
    _seal(party, cipher, change.contact, change.bank)
    session.flush()
    record_member(session, party)
    if (party.name, party.first_name, party.ipi_name) != named:
        from registry.services.repertoire.registration import restate_party  # built on this module

        restate_party(session, party.id)
    return party


def member_contact(cipher: FieldCipher, party: Party) -> Any:
    """The member's contact details, opened; None if none are held."""
    return _open(cipher, party, "contact")


def member_bank(cipher: FieldCipher, party: Party) -> Any:
    """The member's bank details, opened; None if none are held."""
    return _open(cipher, party, "bank")


def find_party_by_ipi(session: Session, ipi_name: str) -> Party | None:
    """The party with this IPI name number (any usual spelling), or None."""
    ipi = normalise_ipi_name(ipi_name)
    return session.scalars(select(Party).where(Party.ipi_name == ipi)).one_or_none()


def ensure_party(
    session: Session, ref: PartyRef, roles: Iterable[str] = (), cache: PartyCache | None = None
) -> Party:
    """The party a registration names: found by IPI name number, else by IPI base number, else
    (no IPI at all) an external party with the same name key; created as `external` if unknown.

    External parties get the roles they are seen in and blank fields filled; a member's record
    changes only through update_member, so a file never silently rewrites a membership.
    `cache`: the parties this import has already looked up (PartyCache), the same answers
    without asking the database again."""
    finder = cache if cache is not None else PartyCache()
    ipi = finder.ipi_name(ref.ipi_name)
    base = finder.ipi_base(ref.ipi_base)
    party = finder.find(session, ref, ipi, base)
    made = party is None
    if party is None:
        party = Party(
            kind=_one_of("kind", ref.kind, PARTY_KINDS),
            ipi_name=ipi,
            status=EXTERNAL,
            contact_revision=0,
            bank_revision=0,
        )
        _set_name(party, ref.name, ref.first_name)
        session.add(party)
        finder.created(party)
    if party.status == EXTERNAL:
        # Only what changes is assigned: an unchanged party stays clean, so flushes skip it.
        if (party.ipi_base or base) != party.ipi_base:
            party.ipi_base = base
            finder.based(party, made)
        if (party.society or ref.society) != party.society:
            party.society = ref.society
        held = party.role_names
        if not set(roles) <= set(held):
            _set_roles(party, {*held, *roles})
    return party


class PartyCache:
    """The answers of ensure_party's look-ups during one import (one transaction): a CWR file
    names the same few hundred writers and publishers thousands of times.

    It mirrors the three queries exactly, including which party comes first when several match,
    and follows what ensure_party itself changes (a new party, an IPI base number filled in).
    Parties changed elsewhere in the meantime are not seen: use one cache per transaction, and
    `clear` it when a savepoint rolls back."""

    def __init__(self) -> None:
        self._by_ipi: dict[str, Party | None] = {}
        self._by_base: dict[str, Party | None] = {}
        self._by_name: dict[tuple[str, str], Party | None] = {}
        self._ipi_names: dict[str, str] = {}
        self._ipi_bases: dict[str, str] = {}
        # peek's verdicts. A party, once found and complete for some roles, stays so (ensure_party
        # only fills blanks and adds roles); only a new party, a base number filled in or a
        # rollback can change which party a reference finds, and those clear this.
        self._clean: dict[tuple[PartyRef, tuple[str, ...]], Party] = {}
        self.bases_filled = 0  # how many times ensure_party filled in a known party's IPI base number

    def clear(self) -> None:
        for held in (self._by_ipi, self._by_base, self._by_name, self._clean):
            held.clear()

    def ipi_name(self, text: str | None) -> str | None:
        """The normal form of an IPI name number (InvalidIdentifier if it is not one)."""
        if not text:
            return None
        found = self._ipi_names.get(text)
        if found is None:
            found = self._ipi_names[text] = normalise_ipi_name(text)
        return found

    def ipi_base(self, text: str | None) -> str | None:
        if not text:
            return None
        found = self._ipi_bases.get(text)
        if found is None:
            found = self._ipi_bases[text] = normalise_ipi_base(text)
        return found

    def find(self, session: Session, ref: PartyRef, ipi: str | None, base: str | None) -> Party | None:
        """ensure_party's look-up: by IPI name number, else base number, else name key."""
        if ipi is not None:
            if ipi not in self._by_ipi:
                self._by_ipi[ipi] = find_party_by_ipi(session, ipi)
            return self._by_ipi[ipi]
        if base is not None:
            if base not in self._by_base:
                self._by_base[base] = session.scalars(
                    select(Party).where(Party.ipi_base == base).order_by(Party.id)
                ).first()
            return self._by_base[base]
        # Without any IPI number the name is all we have: match only external parties without
        # one, so an unnumbered namesake never lands on a member's account.
        key = (_name_key(ref.name, ref.first_name), ref.kind)
        if key not in self._by_name:
            self._by_name[key] = session.scalars(
                select(Party)
                .where(Party.name_key == key[0], Party.ipi_name.is_(None), Party.ipi_base.is_(None))
                .where(Party.status == EXTERNAL, Party.kind == ref.kind)
                .order_by(Party.id)
            ).first()
        return self._by_name[key]

    def peek(self, ref: PartyRef, roles: tuple[str, ...]) -> Party | None:
        """The party ensure_party(ref, roles) would return if the answer is known here and
        taking it changes nothing (no new party, no field filled, no role added); else None.
        Never queries nor changes anything."""
        found = self._clean.get((ref, roles))
        if found is not None:
            return found
        try:
            ipi, base = self.ipi_name(ref.ipi_name), self.ipi_base(ref.ipi_base)
        except RegistryError:
            return None
        if ipi is not None:
            party = self._by_ipi.get(ipi)
        elif base is not None:
            party = self._by_base.get(base)
        else:
            party = self._by_name.get((_name_key(ref.name, ref.first_name), ref.kind))
        if party is None or party.id is None:
            return None
        if party.status == EXTERNAL and (
            (party.ipi_base or base) != party.ipi_base
            or (party.society or ref.society) != party.society
            or not set(roles) <= set(party.role_names)
        ):
            return None
        self._clean[(ref, roles)] = party
        return party

    def created(self, party: Party) -> None:
        """ensure_party made `party` (external; the newest id, so it never displaces an
        earlier match). Its IPI base number, if any, is filled in afterwards (`based`)."""
        self._clean.clear()
        if party.ipi_name is not None:
            self._by_ipi[party.ipi_name] = party
        else:
            key = (party.name_key, party.kind)
            if key in self._by_name and self._by_name[key] is None:
                self._by_name[key] = party  # still without a base number: `based` undoes this

    def based(self, party: Party, made: bool = False) -> None:
        """ensure_party filled in the (external) party's IPI base number (`made`: as it
        created the party)."""
        self._clean.clear()
        if not made:
            self.bases_filled += 1
        base = party.ipi_base
        assert base is not None
        if base in self._by_base:
            held = self._by_base[base]
            if held is None or (party.id is not None and held.id is not None and party.id < held.id):
                self._by_base[base] = party
            elif held.id is None or party.id is None:
                del self._by_base[base]  # not comparable yet: ask the database next time
        key = (party.name_key, party.kind)
        if self._by_name.get(key) is party:
            del self._by_name[key]  # it no longer matches by name alone


def member_body(party: Party) -> dict[str, Any]:
    """The facts of a membership version, as its ledger entry states them."""
    return {
        "kind": party.kind,
        "name": party.name,
        "first_name": party.first_name,
        "roles": party.role_names,
        "ipi_name": party.ipi_name,
        "ipi_base": party.ipi_base,
        "isni": party.isni,
        "status": party.status,
        "society": party.society,
        "joined_on": _iso(party.joined_on),
        "left_on": _iso(party.left_on),
        "mandates": sorted(
            (
                {
                    "right_type": m.right_type,
                    "territory": m.territory,
                    "starts_on": _iso(m.starts_on),
                    "ends_on": _iso(m.ends_on),
                }
                for m in party.mandates
            ),
            key=lambda m: (m["right_type"], m["territory"]),
        ),
        "contact_revision": party.contact_revision,
        "bank_revision": party.bank_revision,
    }


def record_member(session: Session, party: Party) -> Entry | None:
    """Record the member's next version if its facts differ from the last one recorded."""
    body = member_body(party)
    latest = latest_entry(session, "member", party.ledger_id)
    if latest is not None and dict(latest.body) == body:
        return None
    return record(session, "member", party.ledger_id, body)


def _set_name(party: Party, name: str, first_name: str | None) -> None:
    name = name.strip()
    if not name:
        raise MemberError("a party needs a name")
    party.name = name
    party.first_name = (first_name or "").strip() or None
    party.name_key = _name_key(name, party.first_name)


def _name_key(name: str, first_name: str | None) -> str:
    # Surname first: CJK names are written so, and name_key sorts Latin words anyway.
    return name_key(f"{name} {first_name or ''}")


def _set_roles(party: Party, roles: Iterable[str]) -> None:
    wanted = {_one_of("role", role, PARTY_ROLES) for role in roles}
    party.roles[:] = [r for r in party.roles if r.role in wanted]
    held = {r.role for r in party.roles}
    party.roles.extend(PartyRole(role=role) for role in sorted(wanted - held))


def _set_mandates(party: Party, mandates: Sequence[MandateInput]) -> None:
    wanted: dict[tuple[str, str], MandateInput] = {}
    for m in mandates:
        right = _one_of("mandate right", m.right_type, MANDATE_RIGHTS)
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


def _one_of(what: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise MemberError(f"unknown {what} {value!r}; expected one of {', '.join(allowed)}")
    return value


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
