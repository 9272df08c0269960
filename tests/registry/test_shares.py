"""Share arithmetic: CWR's tolerance of 0.06%, right types apart, several submitters, and the work
status it gives."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from registry.identifiers import generate_ipi_name
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.registration import ShareInput, WorkInput, register_work
from registry.shares import (
    RESOLUTION,
    Claim,
    ShareError,
    check_share,
    effective_shares,
    right_state,
    right_type,
    share_role,
    shares_complete,
    totals,
)

WRITER = PartyRef(name="Chan", first_name="Fai", ipi_name=generate_ipi_name(201))
COWRITER = PartyRef(name="Lee", first_name="Ming", ipi_name=generate_ipi_name(202))
PUBLISHER = PartyRef(name="Harbour Songs Ltd", kind="company", ipi_name=generate_ipi_name(203))


def _line(party: PartyRef, role: str, share: int, right: str = "PR") -> ShareInput:
    return ShareInput(party=party, role=role, right_type=right, share=share, controlled=True)


def _register(session: Session, shares: list[ShareInput], n: int = 1) -> str:
    work, _ = register_work(
        session, WorkInput(submitter="HSL", submitter_work_id=f"HS-{n}", title=f"Song {n}", shares=shares)
    )
    return work.status


@pytest.mark.parametrize(
    ("total", "state"),
    [
        (0, "unclaimed"),
        (1, "incomplete"),
        (9993, "incomplete"),
        (9994, "complete"),
        (10000, "complete"),
        (10006, "complete"),
        (10007, "exceeded"),
        (20000, "exceeded"),
    ],
)
def test_the_tolerance_is_six_hundredths_either_way(total: int, state: str) -> None:
    assert right_state(total) == state


@pytest.mark.parametrize(
    ("publisher_share", "status"),
    [(5000, "complete"), (4994, "complete"), (5006, "complete"), (4993, "incomplete"), (5007, "in_conflict")],
)
def test_work_status_at_the_edges(session: Session, publisher_share: int, status: str) -> None:
    # 50.00% writer + the publisher's share: 100.00, 99.94, 100.06, 99.93, 100.07.
    shares = [_line(WRITER, "CA", 5000), _line(PUBLISHER, "E", publisher_share)]
    assert _register(session, shares) == status


def test_right_types_are_independent(session: Session) -> None:
    full_pr = [_line(WRITER, "CA", 5000), _line(PUBLISHER, "E", 5000)]
    half_mr = [_line(WRITER, "CA", 2500, "MR"), _line(PUBLISHER, "E", 2500, "MR")]
    assert _register(session, full_pr + half_mr, 1) == "incomplete"
    over_sr = [_line(WRITER, "CA", 5000, "SR"), _line(PUBLISHER, "E", 5007, "SR")]
    full_mr = [_line(WRITER, "CA", 0, "MR"), _line(PUBLISHER, "E", 10000, "MR")]
    assert _register(session, full_pr + full_mr + over_sr, 2) == "in_conflict"
    claims = [
        Claim(1, "S", "composer", "performing", 10000),
        Claim(2, "S", "publisher", "mechanical", 4000),
    ]
    assert totals(claims) == {"performing": 10000, "mechanical": 4000}
    assert not shares_complete(totals(claims))


def test_zero_shares_and_an_unclaimed_right_type(session: Session) -> None:
    # The writer keeps nothing of the mechanical right; nobody claims synchronisation.
    shares = [
        _line(WRITER, "CA", 5000),
        _line(PUBLISHER, "E", 5000),
        _line(WRITER, "CA", 0, "MR"),
        _line(PUBLISHER, "E", 10000, "MR"),
        _line(WRITER, "CA", 0, "SR"),
    ]
    assert _register(session, shares) == "complete"
    assert _register(session, [_line(WRITER, "CA", 0)], 2) == "incomplete"  # nothing claimed at all
    assert _register(session, [], 3) == "incomplete"
    assert not shares_complete({})


def test_a_writer_without_publisher(session: Session) -> None:
    shares = [_line(WRITER, "C", 6000), _line(COWRITER, "A", 4000)]
    shares += [_line(WRITER, "C", 6000, "MR"), _line(COWRITER, "A", 4000, "MR")]
    assert _register(session, shares) == "complete"
    assert _register(session, [_line(WRITER, "CA", 6000)], 2) == "incomplete"


def test_one_party_in_two_roles_adds_up(session: Session) -> None:
    # A self-published writer: 50% as writer and 50% as their own publisher.
    self_published = PartyRef(name="Wong", first_name="Ka Kui", ipi_name=generate_ipi_name(204))
    shares = [_line(self_published, "CA", 5000), _line(self_published, "E", 5000)]
    assert _register(session, shares) == "complete"


def test_the_same_party_named_by_two_submitters_counts_once() -> None:
    a = [
        Claim(1, "PUB-A", "composer", "performing", 5000),
        Claim(2, "PUB-A", "publisher", "performing", 5000),
    ]
    b = [
        Claim(1, "PUB-B", "composer", "performing", 5000),
        Claim(3, "PUB-B", "publisher", "performing", 5000),
    ]
    assert effective_shares(a + a[:1]) == {"performing": {1: 10000, 2: 5000}}  # one submitter adds up
    # Across submitters each party counts once, at the largest share stated for them.
    assert effective_shares(a + b) == {"performing": {1: 5000, 2: 5000, 3: 5000}}
    assert totals(a + b) == {"performing": 15000}
    # Shares decided by staff replace every submitted claim of their right type.
    decided = [
        Claim(2, RESOLUTION, "publisher", "performing", 2500),
        Claim(1, RESOLUTION, "composer", "performing", 7500),
    ]
    assert totals(a + b + decided) == {"performing": 10000}


def test_cwr_codes_and_words() -> None:
    assert [right_type(code) for code in ("PR", "mr", " SR ")] == [
        "performing",
        "mechanical",
        "synchronisation",
    ]
    assert right_type("Performing") == "performing"
    assert [share_role(code) for code in ("CA", "C", "A", "AR", "E", "AM", "SE")] == [
        "composer_lyricist",
        "composer",
        "lyricist",
        "arranger",
        "publisher",
        "administrator",
        "sub_publisher",
    ]
    with pytest.raises(ShareError, match="right type"):
        right_type("moral")
    with pytest.raises(ShareError, match="role"):
        share_role("singer")


@pytest.mark.parametrize("value", [-1, 10001, 50.0, "5000", True])
def test_shares_are_integers_in_hundredths(value: object) -> None:
    with pytest.raises(ShareError):
        check_share(value)


def test_a_party_over_the_whole_in_one_registration_is_refused(session: Session) -> None:
    with pytest.raises(ShareError, match="outside"):
        _register(session, [_line(WRITER, "CA", 6000), _line(WRITER, "CA", 6000)])
