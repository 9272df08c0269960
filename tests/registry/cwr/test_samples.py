"""The real-world sample files parse, with the values they hold (read by hand from the files)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest

from registry.cwr import AltTitle, CwrStructureError, parse_cwr
from tests.registry.cwr import lines_of, sample, sample_paths

# name: (version, transactions and records stated by GRT, groups/transactions/records by TRL)
STATED = {
    "CW220001DMP_000.V21": ("2.1", (1, 20), (1, 1, 22)),
    "nwrexample2.V21": ("2.1", (1, 10), (1, 1, 12)),
    "revexample.V21": ("2.1", (2, 23), (1, 2, 25)),
}


def test_every_sample_is_known() -> None:
    names = {p.name for p in sample_paths()}
    assert names == {*STATED, "demo_cwr_cleaned.v22"}


@pytest.mark.parametrize("name", sorted(STATED))
def test_counts_match_the_files_own_trailers(name: str) -> None:
    version, (grt_transactions, grt_records), (groups, transactions, records) = STATED[name]
    data = sample(name)
    cwr = parse_cwr(data, name=name)
    assert cwr.version == version
    assert cwr.file_type == "registration"
    assert cwr.sha256 == hashlib.sha256(data).hexdigest()
    assert len(cwr.groups) == groups
    group = cwr.groups[0]
    assert (group.stated_transactions, group.stated_records) == (grt_transactions, grt_records)
    assert (group.counted_transactions, group.counted_records) == (grt_transactions, grt_records)
    assert len(cwr.transactions) == transactions
    assert cwr.record_count == records == len(lines_of(data))
    assert all(t.accepted for t in cwr.transactions)
    assert not cwr.issues


def test_cw220001_v21_modified_work() -> None:
    cwr = parse_cwr(sample("CW220001DMP_000.V21"), name="CW220001DMP_000.V21")
    # The sender type carries the leading digits of an 11-digit IPI name number (CWR 2.2 rev. 2).
    assert (cwr.sender_type, cwr.sender_id, cwr.sender_name) == ("09", "09000000020", "TEST PUBLISHER")
    assert cwr.created == datetime(2021, 1, 22, 13, 56, 54)
    assert cwr.transmitted == date(2021, 1, 23)
    (tx,) = cwr.transactions
    assert (tx.kind, tx.line, tx.sequence, tx.record_count) == ("NWR", 3, 0, 18)
    work = tx.work
    assert work.title == "MUSIC PUB CARTOONS"
    assert work.submitter_work_id == "DMP000001"
    assert work.iswc == "T1234567894"
    assert (work.version_type, work.distribution_category, work.recorded) == ("MOD", "UNC", "Y")
    assert work.duration_seconds is None

    spu, opu = work.publishers
    assert (spu.ip_id, spu.name, spu.role, spu.chain, spu.controlled) == (
        "P000001",
        "TEST PUBLISHER",
        "E",
        1,
        True,
    )
    assert spu.ipi_name == "09000000020"
    assert (spu.pr_society, spu.pr_share, spu.mr_share, spu.sr_share) == ("052", 3750, 7500, 7500)
    (territory,) = spu.territories
    assert (territory.tis_code, territory.included, territory.pr_share, territory.mr_share) == (
        2136,
        True,
        3750,
        7500,
    )
    assert (opu.controlled, opu.unknown, opu.name, opu.role, opu.chain) == (False, True, None, "E", 2)
    assert (opu.pr_share, opu.mr_share, opu.sr_share) == (1250, 2500, 2500)

    arranger, adaptor, other = work.writers
    assert (arranger.last_name, arranger.first_name, arranger.designation) == ("KOLARIC", "MATIJA", "AR")
    assert (arranger.ipi_name, arranger.ipi_base) == ("00000000199", "I-123456789-3")
    assert (arranger.pr_society, arranger.pr_share, arranger.mr_share) == ("010", 2500, 0)
    assert [link.publisher_ip_id for link in arranger.publisher_links] == ["P000001"]
    assert arranger.publisher_links[0].society_agreement == "J44VA"
    assert (adaptor.ip_id, adaptor.designation, adaptor.ipi_name, adaptor.pr_share) == (
        "W000002",
        "AD",
        "00000000297",
        2500,
    )
    assert (other.controlled, other.unknown, other.designation, other.pr_share) == (False, True, "CA", 0)

    assert work.alt_titles[0] == AltTitle("MPC ACADEMY", "TE", None)
    assert [a.title for a in work.alt_titles][1:] == [
        "MUSIC PUB CARTOONS SUFFIX",
        "MUSIC PUB CARTOONS SUFFIX CO-SUFFIX",
        "WORK RECORDING",
        "WORK RECORDING FEAT. TESTING",
    ]
    assert work.original_work is not None and work.original_work.title == "MUSIC PUB CARTOONS"
    (origin,) = work.origins
    assert (origin.intended_purpose, origin.cd_identifier, origin.library) == (
        "LIB",
        "ML001",
        "MUSIC LIBRARY",
    )


def test_nwrexample2_administrator_and_other_writer() -> None:
    cwr = parse_cwr(sample("nwrexample2.V21"))
    assert (cwr.sender_type, cwr.sender_id, cwr.sender_name) == ("PB", "000000199", "THE SENDER")
    (tx,) = cwr.transactions
    work = tx.work
    assert (work.title, work.submitter_work_id, work.iswc, work.version_type) == (
        "THE WORK",
        "CLAIMDIGITAL01",
        None,
        "ORI",
    )
    original, administrator = work.publishers
    assert (original.name, original.role, original.pr_share, original.mr_share, original.sr_share) == (
        "THE PUBLISHER", "E", 2500, 5000, 5000,
    )  # fmt: skip
    assert (administrator.name, administrator.role, administrator.chain) == ("THE SENDER", "AM", 1)
    assert (administrator.pr_share, administrator.territories[0].pr_share) == (0, 2500)
    john, jane = work.writers
    assert (john.last_name, john.first_name, john.controlled, john.pr_share) == ("DOE", "JOHN", True, 2500)
    assert john.publisher_links[0].publisher_ip_id == "HCJ3EBJT6"
    assert (jane.first_name, jane.controlled, jane.pr_share, jane.mr_share, jane.sr_share) == (
        "JANE",
        False,
        5000,
        5000,
        5000,
    )
    assert jane.ipi_name is None  # 00000000000 is CWR's "no IPI"


def test_revexample_two_revisions() -> None:
    cwr = parse_cwr(sample("revexample.V21"))
    first, second = cwr.transactions
    assert [t.kind for t in cwr.transactions] == ["REV", "REV"]
    assert [t.sequence for t in cwr.transactions] == [0, 1]
    assert (first.work.title, first.work.submitter_work_id) == ("THE ONE", "DMP000001")
    assert [a.title for a in first.work.alt_titles] == [
        "THE ONE BED", "THE ONE DRUMS ONLY", "THE ONE NO DRUMS", "THE ONE STING",
    ]  # fmt: skip
    assert first.work.performers == ("THE BAND",)
    (recording,) = first.work.recordings
    assert (recording.isrc, recording.release_date, recording.album_label) == (None, None, "DML")
    (writer,) = first.work.writers
    assert (writer.last_name, writer.first_name, writer.pr_share) == ("SMITH", "JOHN JAMES", 5000)
    assert writer.pr_society == "21"  # as written: left-justified, without its leading zero
    assert (second.work.title, second.work.recorded) == ("SECOND BEST", "U")
    assert [(w.last_name, w.controlled, w.pr_share) for w in second.work.writers] == [
        ("SMITH", True, 2500),
        ("ADAMS", False, 5000),
    ]
    assert second.work.publishers[0].pr_share == 2500


# demo_cwr_cleaned.v22 was cut down from a longer acknowledgement file ("cleaned"): its GRT and
# TRL still state the original's counts (39 transactions, 720 and 722 records) while it holds
# 9 transactions, 91 and 93 records. By hand: NWR, NWR, REV, REV, ACK+REV, REV, REV, NWR, REV.
DEMO = "demo_cwr_cleaned.v22"


def test_demo_file_counts_disagree_with_its_trailers() -> None:
    data = sample(DEMO)
    text = lines_of(data)
    assert text[91][:3] == "GRT" and text[91][8:24] == "0000003900000720"
    assert text[92][:3] == "TRL" and text[92][3:24] == "000010000003900000722"
    with pytest.raises(CwrStructureError) as raised:
        parse_cwr(data, name=DEMO)
    assert raised.value.line == 92
    assert "GRT states 39 transactions, the group has 9" in str(raised.value)


def test_demo_file_read_with_lenient_counts() -> None:
    cwr = parse_cwr(sample(DEMO), name=DEMO, strict_counts=False)
    assert (cwr.version, cwr.revision, cwr.software) == ("2.2", 1, "CURVE ROYALTY SYSTEMS")
    assert cwr.sender_name == "TOTALLY MADE UP PUBLISHING"
    assert cwr.created == datetime(2025, 5, 13, 19, 18, 44)
    assert cwr.file_type == "acknowledgement"
    assert len(cwr.transactions) == 9
    assert [t.kind for t in cwr.transactions] == [
        "NWR",
        "NWR",
        "REV",
        "REV",
        "REV",
        "REV",
        "REV",
        "NWR",
        "REV",
    ]
    (group,) = cwr.groups
    assert (group.stated_transactions, group.counted_transactions) == (39, 9)
    assert (group.stated_records, group.counted_records) == (720, 91)
    assert cwr.record_count == 93
    control = [(i.line, i.severity) for i in cwr.issues if i.record_type in ("GRT", "TRL")]
    assert control == [(92, "error"), (92, "error"), (93, "error"), (93, "error")]

    first = cwr.transactions[0]
    assert (first.work.title, first.work.submitter_work_id, first.work.iswc) == (
        "MIDNIGHT SERENADE", "KEY001", "T0123456789",
    )  # fmt: skip
    (writer,) = first.work.writers
    assert (writer.last_name, writer.first_name, writer.pr_share, writer.pr_society) == (
        "SMITH",
        "JOHN",
        5000,
        "052",
    )
    (publisher,) = first.work.publishers
    assert (publisher.name, publisher.pr_share, publisher.mr_share, publisher.sr_share) == (
        "CROWN PUBLISHING", 5000, 10000, 10000,
    )  # fmt: skip
    assert writer.publisher_links[0].chain == 1  # the 2.2 publisher sequence number

    second = cwr.transactions[1]
    assert [
        (x.organisation, x.identifier, x.identifier_type, x.validity) for x in second.work.cross_refs
    ] == [
        ("052", "123456BR", "W", "Y"),
        ("055", "A35G45A1", "W", "Y"),
        ("089", "12345678", "W", "N"),
    ]


def test_demo_ack_keeps_the_society_status_and_messages() -> None:
    cwr = parse_cwr(sample(DEMO), name=DEMO, strict_counts=False)
    acknowledged = [t for t in cwr.transactions if t.ack is not None]
    assert len(acknowledged) == 1
    tx = acknowledged[0]
    assert tx.ack is not None
    ack = tx.ack
    assert (tx.line, tx.kind, tx.record_count) == (38, "REV", 11)
    assert ack.status == "AS"
    assert ack.original_transaction_type == "REV"
    assert ack.original_created == datetime(2025, 6, 20, 12, 39, 38)
    assert (ack.original_group_id, ack.original_transaction_sequence) == (1, 0)
    assert (ack.creation_title, ack.submitter_work_id, ack.society_work_id) == (
        "CRIMSON TIDE",
        "KEY005B",
        "795145CV",
    )
    assert ack.processing_date == date(2025, 6, 20)
    (message,) = ack.messages
    assert (message.line, message.message_type, message.level, message.validation_number) == (
        39,
        "F",
        "I",
        "006",
    )
    assert message.text.startswith("Submitter work number for revision work does not exist in BMI.")
    # The acknowledged registration is imported too.
    assert (tx.work.title, tx.work.submitter_work_id) == ("GOLDEN HORIZON", "KEY005B")
    assert [p.name for p in tx.work.publishers] == ["CROWN PUBLISHING", "HOPS PUBLISHING"]
    assert [t.tis_code for t in tx.work.publishers[0].territories] == [2136, 56]
    assert tx.work.publishers[0].territories[1].included is False
    assert tx.accepted


def test_demo_over_allocated_revision_is_rejected_alone() -> None:
    cwr = parse_cwr(sample(DEMO), name=DEMO, strict_counts=False)
    rejected = [t for t in cwr.transactions if not t.accepted]
    assert [(t.line, t.work.title) for t in rejected] == [(21, "MIDNIGHT SERENADE")]
    errors = [(i.line, i.message) for i in rejected[0].issues if i.severity == "error"]
    assert errors == [
        (21, "mechanical ownership shares total 125.00%: must be 100% or 0%"),
        (21, "synchronisation ownership shares total 125.00%: must be 100% or 0%"),
    ]
    assert len(cwr.accepted) == 8


def test_demo_identifiers_failing_check_digits_are_reported_with_lines() -> None:
    cwr = parse_cwr(sample(DEMO), name=DEMO, strict_counts=False)
    first = cwr.transactions[0]
    assert [(i.line, i.record_type, i.field, i.severity) for i in first.issues if i.field == "ipi_name"] == [
        (4, "SPU", "ipi_name", "warning"),
        (6, "SWR", "ipi_name", "warning"),
    ]
    assert first.work.publishers[0].ipi_name is None
    assert first.accepted
    # The group is a REV group but holds NWR and ACK transactions: reported, not rejected.
    assert any(i.message == "NWR transaction in a REV group" for i in first.issues)
