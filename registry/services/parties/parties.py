"""The parties named in registrations: found by IPI name number, else IPI base number, else (no
IPI at all) name, and created as `external` parties when unknown.

Interested parties who are not our members (the co-writer represented by another society, the
foreign publisher) are kept as `external` parties without a member entry: we hold no membership
with them, and the facts we state about them are their names and IPI numbers in the public
work entries. Membership itself is registry.services.members.membership's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.errors import RegistryError
from registry.identifiers import normalise_ipi_base, normalise_ipi_name
from registry.models import PARTY_KINDS, PARTY_ROLES, Party, PartyRole
from registry.normalise import name_key

EXTERNAL = "external"


class MemberError(RegistryError):
    """A membership or party that cannot be taken as given; the message says why."""


@dataclass(frozen=True, kw_only=True)
class PartyRef:
    """An interested party as a registration names it (CWR writer or publisher record)."""

    name: str
    first_name: str | None = None
    ipi_name: str | None = None
    ipi_base: str | None = None
    kind: str = "person"  # person | company
    society: str | None = None  # CISAC code of the society they are affiliated with


def find_party(session: Session, party_id: int) -> Party | None:
    """The party with this id (a member or not), or None."""
    return session.get(Party, party_id)


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
            kind=one_of("kind", ref.kind, PARTY_KINDS),
            ipi_name=ipi,
            status=EXTERNAL,
            contact_revision=0,
            bank_revision=0,
        )
        set_name(party, ref.name, ref.first_name)
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
            set_roles(party, {*held, *roles})
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
        key = (party_name_key(ref.name, ref.first_name), ref.kind)
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
            party = self._by_name.get((party_name_key(ref.name, ref.first_name), ref.kind))
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


def set_name(party: Party, name: str, first_name: str | None) -> None:
    name = name.strip()
    if not name:
        raise MemberError("a party needs a name")
    party.name = name
    party.first_name = (first_name or "").strip() or None
    party.name_key = party_name_key(name, party.first_name)


def party_name_key(name: str, first_name: str | None) -> str:
    # Surname first: CJK names are written so, and name_key sorts Latin words anyway.
    return name_key(f"{name} {first_name or ''}")


def set_roles(party: Party, roles: Iterable[str]) -> None:
    wanted = {one_of("role", role, PARTY_ROLES) for role in roles}
    party.roles[:] = [r for r in party.roles if r.role in wanted]
    held = {r.role for r in party.roles}
    party.roles.extend(PartyRole(role=role) for role in sorted(wanted - held))


def one_of(what: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise MemberError(f"unknown {what} {value!r}; expected one of {', '.join(allowed)}")
    return value
