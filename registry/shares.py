"""Share arithmetic of works: totals per right type, CWR's tolerance, and which claims count.

Shares are integers in hundredths of a percent (10000 = 100.00%). Per right type (performing,
mechanical, synchronisation) the writers' and publishers' shares together make the whole, as
in CWR, within a tolerance of 0.06% either way:

- total 0: the right is not claimed (a work may have no synchronisation shares at all);
- below 99.94%: the work is incomplete, which is not an error (shares may be unclaimed);
- 99.94% to 100.06%: complete;
- above 100.06%: the claims exceed the whole, and a conflict case opens (registry.services.
  conflicts).

Several submitters may register one work. Each submitter's claims are kept as registered;
the claim that counts for a party is the largest any submitter states for them (the same
writer named by two co-publishers is counted once, and a disagreement errs towards a
conflict rather than towards silently shrinking someone's share). Shares decided by staff in
a conflict replace every submitted claim of their right type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from registry.errors import RegistryError
from registry.models import (
    FULL_SHARE,
    PUBLISHER_ROLES,
    SHARE_RIGHT_TYPES,
    WRITER_ROLES,
    Work,
)

TOLERANCE = 6  # 0.06%, CWR's
RESOLUTION = "@resolution"  # the submitter of shares decided by staff when resolving a conflict

RIGHT_CODES = {"PR": "performing", "MR": "mechanical", "SR": "synchronisation"}
# CWR writer designation codes and publisher type codes.
ROLE_CODES = {
    "CA": "composer_lyricist",
    "C": "composer",
    "A": "lyricist",
    "AR": "arranger",
    "AD": "adapter",
    "TR": "translator",
    "SR": "sub_arranger",
    "SA": "sub_author",
    "E": "publisher",
    "AM": "administrator",
    "SE": "sub_publisher",
    "ES": "substituted_publisher",
    "AQ": "acquirer",
    "PA": "income_participant",
}
SHARE_ROLES = WRITER_ROLES + PUBLISHER_ROLES


class ShareError(RegistryError):
    """A share that cannot be taken as given: unknown right type or role, or out of range."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One share stated by one submitter."""

    party_id: int
    submitter: str
    role: str
    right_type: str
    share: int


def right_type(text: str) -> str:
    """The right type in words, from a word or a CWR code (PR, MR, SR)."""
    value = RIGHT_CODES.get(text.strip().upper(), text.strip().lower())
    if value not in SHARE_RIGHT_TYPES:
        raise ShareError(f"unknown right type {text!r}; expected one of {', '.join(SHARE_RIGHT_TYPES)}")
    return value


def share_role(text: str) -> str:
    """The role in words, from a word or a CWR writer designation / publisher type code."""
    value = ROLE_CODES.get(text.strip().upper(), text.strip().lower())
    if value not in SHARE_ROLES:
        raise ShareError(f"unknown role {text!r}; expected a CWR code or one of {', '.join(SHARE_ROLES)}")
    return value


def check_share(value: object, what: str = "share") -> int:
    """A share as an integer in hundredths of a percent, 0 to 10000."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise ShareError(f"{what} must be an integer in hundredths of a percent, got {value!r}")
    if not 0 <= value <= FULL_SHARE:
        raise ShareError(f"{what} {value} is outside 0..{FULL_SHARE} (hundredths of a percent)")
    return value


def is_writer(role: str) -> bool:
    return role in WRITER_ROLES


def claims_of(work: Work) -> list[Claim]:
    return [Claim(s.party_id, s.submitter, s.role, s.right_type, s.share) for s in work.shares]


def effective_shares(claims: Iterable[Claim]) -> dict[str, dict[int, int]]:
    """Per right type, the share that counts for each party (see the module doc)."""
    by_right: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_right[claim.right_type].append(claim)
    out: dict[str, dict[int, int]] = {}
    for right, stated in by_right.items():
        decided = [c for c in stated if c.submitter == RESOLUTION]
        if decided:
            stated = decided
        per_submitter: dict[tuple[str, int], int] = defaultdict(int)
        for c in stated:  # a party may hold two roles in one registration (writer and publisher)
            per_submitter[(c.submitter, c.party_id)] += c.share
        counted: dict[int, int] = {}
        for (_, party_id), share in per_submitter.items():
            counted[party_id] = max(counted.get(party_id, 0), share)
        out[right] = counted
    return out


def totals(claims: Iterable[Claim]) -> dict[str, int]:
    """The total that counts per right type (only right types with any claim)."""
    return {right: sum(parties.values()) for right, parties in effective_shares(claims).items()}


def right_state(total: int) -> str:
    """unclaimed | incomplete | complete | exceeded, for one right type's total."""
    if total == 0:
        return "unclaimed"
    if total > FULL_SHARE + TOLERANCE:
        return "exceeded"
    if total >= FULL_SHARE - TOLERANCE:
        return "complete"
    return "incomplete"


def exceeded(per_right: Mapping[str, int]) -> list[str]:
    """The right types whose claims exceed the whole."""
    return [right for right in SHARE_RIGHT_TYPES if right_state(per_right.get(right, 0)) == "exceeded"]


def shares_complete(per_right: Mapping[str, int]) -> bool:
    """Complete: some right type is complete, and none is claimed only in part (or exceeded)."""
    states = {right_state(total) for total in per_right.values()} - {"unclaimed"}
    return states == {"complete"}
