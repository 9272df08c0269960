"""Each transaction is accepted or rejected on its own; field problems are warnings with lines."""

from __future__ import annotations

from registry.cwr import CwrFile, Issue, Transaction, parse_cwr
from registry.cwr.generate import generate_cwr
from tests.registry.cwr import join, lines_of, put, recount, sample


def generated(n: int = 3, version: str = "2.2") -> list[str]:
    return lines_of(generate_cwr(n, seed=11, version=version))


def line_of(lines: list[str], record_type: str, transaction: int, nth: int = 0) -> int:
    """0-based index of the nth `record_type` record of the transaction with that sequence number."""
    found = [
        i for i, line in enumerate(lines) if line[:3] == record_type and line[3:11] == f"{transaction:08d}"
    ]
    return found[nth]


def parsed(lines: list[str], **kwargs: bool) -> CwrFile:
    return parse_cwr(join(lines), name="test.V22", **kwargs)


def errors(tx: Transaction) -> list[Issue]:
    return [i for i in tx.issues if i.severity == "error"]


def warnings(tx: Transaction) -> list[Issue]:
    return [i for i in tx.issues if i.severity == "warning"]


def test_a_share_above_100_percent_rejects_its_transaction_alone() -> None:
    lines = generated()
    swr = line_of(lines, "SWR", 1)
    lines[swr] = put(lines[swr], 130, "12000")  # PR ownership share 120.00 %
    cwr = parsed(lines)
    assert [t.accepted for t in cwr.transactions] == [True, False, True]
    rejected = cwr.transactions[1]
    assert [(i.line, i.record_type, i.field, i.message) for i in errors(rejected)] == [
        (rejected.line, "NWR", None, "performing ownership shares total 170.00%: must be 100% or 0%"),
        (swr + 1, "SWR", "pr_share", "share 120.00% is above the 100.00% allowed here"),
    ]
    assert [t.work.title for t in cwr.accepted] == [
        cwr.transactions[0].work.title,
        cwr.transactions[2].work.title,
    ]


def test_publisher_performing_share_is_capped_at_50_percent() -> None:
    lines = generated(1)
    spu = line_of(lines, "SPU", 0)
    lines[spu] = put(lines[spu], 116, "06000")
    (tx,) = parsed(lines).transactions
    assert not tx.accepted
    assert [(i.line, i.field, i.message) for i in errors(tx) if i.field] == [
        (spu + 1, "pr_share", "share 60.00% is above the 50.00% allowed here")
    ]


def test_non_numeric_share_is_an_error() -> None:
    lines = generated(1)
    swr = line_of(lines, "SWR", 0)
    lines[swr] = put(lines[swr], 130, "5O00 ")
    (tx,) = parsed(lines).transactions
    (error,) = [i for i in errors(tx) if i.field]
    assert (error.line, error.field) == (swr + 1, "pr_share")
    assert error.message == "share '5O00' is not a number (999v99, e.g. 05000 for 50%)"


def test_missing_title_rejects_the_transaction() -> None:
    lines = generated()
    nwr = line_of(lines, "NWR", 2)
    lines[nwr] = put(lines[nwr], 20, " " * 60)
    cwr = parsed(lines)
    assert [t.accepted for t in cwr.transactions] == [True, True, False]
    (error,) = errors(cwr.transactions[2])
    assert (error.line, error.field, error.message) == (nwr + 1, "title", "work title is blank")
    assert cwr.transactions[2].work.title is None


def test_invalid_iswc_is_dropped_with_a_warning() -> None:
    lines = lines_of(sample("CW220001DMP_000.V21"))
    lines[2] = put(lines[2], 96, "T1234567895")
    (tx,) = parsed(lines).transactions
    assert tx.accepted and tx.work.iswc is None
    (warning,) = warnings(tx)
    assert (warning.line, warning.record_type, warning.field) == (3, "NWR", "iswc")
    assert "T1234567895" in warning.message


def test_invalid_identifiers_on_records_are_dropped_with_warnings() -> None:
    lines = generated(1)
    swr, rec = line_of(lines, "SWR", 0), line_of(lines, "REC", 0)
    lines[swr] = put(lines[swr], 116, "00000000198")  # IPI name number, wrong check digits
    lines[swr] = put(lines[swr], 155, "I-123456789-4")  # IPI base number, wrong check digit
    lines[rec] = put(lines[rec], 237, "4000000000001")  # EAN-13, wrong check digit
    lines[rec] = put(lines[rec], 250, "USRL1240000A")  # ISRC whose designation is not 5 digits
    (tx,) = parsed(lines).transactions
    assert tx.accepted
    assert [(i.line, i.field) for i in warnings(tx)] == [
        (swr + 1, "ipi_name"),
        (swr + 1, "ipi_base"),
        (rec + 1, "isrc"),
        (rec + 1, "ean"),
    ]
    writer, recording = tx.work.writers[0], tx.work.recordings[0]
    assert (writer.ipi_name, writer.ipi_base, recording.isrc, recording.ean) == (None, None, None, None)


def test_unknown_record_inside_a_transaction_is_skipped_with_a_warning() -> None:
    lines = generated(2)
    at = line_of(lines, "ALT", 0)
    lines.insert(at, "ZZZ00000000" + lines[at][11:19] + "SOMETHING ELSE")
    cwr = parsed(recount(lines))
    first = cwr.transactions[0]
    assert first.accepted
    assert [(i.line, i.record_type, i.message) for i in first.issues] == [
        (at + 1, "ZZZ", "unknown record type 'ZZZ'; skipped"),
    ]
    assert len(first.work.alt_titles) == 1


def test_xrf_in_a_cwr_21_file_is_unknown() -> None:
    lines = lines_of(sample("nwrexample2.V21"))
    lines.insert(10, "XRF0000000000000008052123456BR      WY")
    (tx,) = parsed(recount(lines)).transactions
    assert tx.accepted
    assert [i.message for i in tx.issues] == [
        "unknown record type 'XRF' (a CWR 2.2 record in a 2.1 file); skipped"
    ]


def test_valid_records_not_imported_are_skipped_silently() -> None:
    lines = lines_of(sample("nwrexample2.V21"))
    # An ARI (additional related information) after the writers.
    lines.insert(10, "ARI0000000000000008000              ALLGNA NOTE FOR ALL SOCIETIES")
    (tx,) = parsed(recount(lines)).transactions
    assert tx.accepted and not tx.issues


def test_spt_must_follow_its_spu() -> None:
    lines = lines_of(sample("CW220001DMP_000.V21"))
    spt = lines.pop(4)
    lines.insert(5, spt[:11] + "00000002" + spt[19:])  # now after the OPU
    lines[4] = lines[4][:11] + "00000001" + lines[4][19:]
    (tx,) = parsed(lines).transactions
    assert not tx.accepted
    assert [(i.line, i.message) for i in errors(tx)] == [
        (6, "SPT must follow the SPU it gives territories for")
    ]


def test_pwr_must_name_a_publisher_of_the_work() -> None:
    lines = generated(1)
    pwr = line_of(lines, "PWR", 0)
    lines[pwr] = put(lines[pwr], 20, "P00000999")
    (tx,) = parsed(lines).transactions
    assert [(i.line, i.field) for i in errors(tx)] == [(pwr + 1, "publisher_ip_id")]


def test_version_type_and_writer_designations_must_agree() -> None:
    lines = generated(1)
    nwr, swr = line_of(lines, "NWR", 0), line_of(lines, "SWR", 0)
    lines[nwr] = put(lines[nwr], 143, "MOD")
    (tx,) = parsed(lines).transactions
    assert {i.field for i in errors(tx)} == {"music_arrangement", "lyric_adaptation", "version_type"}
    lines = generated(1)
    lines[swr] = put(lines[swr], 105, "AR")
    (tx,) = parsed(lines).transactions
    assert "an original (ORI) work cannot have an arranger" in errors(tx)[-1].message


def test_non_ascii_characters_are_kept_with_a_warning() -> None:
    lines = lines_of(sample("nwrexample2.V21"))
    lines[2] = lines[2].replace("THE WORK", "THE WÖRK")
    cwr = parsed(lines)  # join() writes ISO-8859-1: one byte per character
    (tx,) = cwr.transactions
    assert tx.accepted and tx.work.title == "THE WÖRK"
    assert [(i.line, i.message) for i in tx.issues] == [(3, "non-ASCII characters (ISO-8859-1)")]
    assert [i.message for i in cwr.issues] == ["non-ASCII characters: the file is read as ISO-8859-1"]


def test_utf8_files_keep_their_field_positions() -> None:
    """Positions count characters: a two-byte UTF-8 letter must not shift the shares after it."""
    lines = lines_of(sample("nwrexample2.V21"))
    lines[6] = lines[6].replace("DOE  ", "DÖRŒ ")  # SWR last name, same width in characters
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    cwr = parse_cwr(data)
    (tx,) = cwr.transactions
    writer = tx.work.writers[0]
    assert (writer.last_name, writer.first_name, writer.designation, writer.pr_share) == (
        "DÖRŒ",
        "JOHN",
        "CA",
        2500,
    )
    assert tx.accepted
    assert [(i.line, i.message) for i in tx.issues] == [(7, "non-ASCII characters (UTF-8)")]


def test_line_endings_bom_and_end_of_file_mark() -> None:
    lines = lines_of(sample("nwrexample2.V21"))
    reference = parse_cwr(join(lines)).transactions
    for data in (join(lines, "\n"), join(lines, "\r"), join(lines, "\r\n") + b"\x1a"):
        cwr = parse_cwr(data)
        assert cwr.transactions == reference and not cwr.issues
    with_bom = parse_cwr(b"\xef\xbb\xbf" + join(lines))
    assert with_bom.transactions == reference
    assert [i.message for i in with_bom.issues] == ["UTF-8 byte order mark before the HDR ignored"]


def test_blank_lines_are_skipped_and_not_counted() -> None:
    lines = lines_of(sample("nwrexample2.V21"))
    lines.insert(5, "")
    cwr = parse_cwr(join(lines))
    assert [(i.line, i.message) for i in cwr.issues] == [(6, "blank line skipped")]
    assert cwr.transactions[0].accepted


def test_version_22_recognised_from_the_group_header() -> None:
    lines = generated(1)
    lines[0] = put(lines[0], 102, "   ")  # the HDR version is optional
    cwr = parsed(lines)
    assert cwr.version == "2.2"
    assert cwr.transactions[0].work.cross_refs  # XRF read: a 2.2 record


def test_sequence_numbers_out_of_order_are_warnings() -> None:
    lines = generated(2)
    nwr = line_of(lines, "NWR", 1)
    lines[nwr] = put(lines[nwr], 4, "00000005")
    cwr = parsed(lines)
    second = cwr.transactions[1]
    assert second.accepted and second.sequence == 5
    assert [(i.line, i.message) for i in second.issues][:2] == [
        (nwr + 1, "transaction sequence number 5, expected 1"),
        (nwr + 2, "transaction sequence number 1 differs from its header's 5"),
    ]


def ack_file(with_conflict: bool = False) -> list[str]:
    """nwrexample2 as a society would return it: ACK + MSG wrapping the NWR (one transaction)."""
    lines = lines_of(sample("nwrexample2.V21"))
    hdr, grh, body, _grt, _trl = lines[0], lines[1], lines[2:10], lines[10], lines[11]
    hdr = put(hdr, 4, "SO000000010ASCAP")
    grh = put(grh, 4, "ACK")
    ack = (
        "ACK0000000000000000"
        + "20180322102037"  # the original file's creation date and time
        + "00001"
        + "00000000"
        + "NWR"
        + "THE WORK".ljust(60)
        + "CLAIMDIGITAL01".ljust(20)
        + "ASCAP-12345".ljust(20)
        + "20180401"
        + "AC"
    )
    msg = "MSG0000000000000001" + "F" + "00000004" + "SPU" + "F" + "012" + "IPI NAME NUMBER CORRECTED"
    records = [ack, msg] + [line[:11] + f"{n:08d}" + line[19:] for n, line in enumerate(body, 2)]
    if with_conflict:
        number = len(records)
        records.append(
            f"EXC00000000{number:08d}" + "THE WORK".ljust(60) + "  " + "OTHER0001".ljust(14)
            + " " * 11 + "00000000" + " " * 12 + "POP000000U      ORI"
        )  # fmt: skip
        records.append(
            f"OWR00000000{number + 1:08d}" + " " * 9 + "SOMEONE".ljust(45) + " " * 30 + " CA"
            + "0" * 20 + "   10000   10000   10000"
        )  # fmt: skip
    group = [grh, *records]
    grt = f"GRT00001{1:08d}{len(group) + 1:08d}"
    trl = f"TRL00001{1:08d}{len(group) + 3:08d}"
    return [hdr, *group, grt, trl]


def test_ack_wraps_the_registration_it_acknowledges() -> None:
    cwr = parsed(ack_file())
    assert cwr.file_type == "acknowledgement"
    assert (cwr.sender_type, cwr.sender_id) == ("SO", "000000010")
    (tx,) = cwr.transactions
    assert not tx.issues
    assert (tx.kind, tx.line, tx.record_count) == ("NWR", 3, 10)
    assert tx.ack is not None
    assert (tx.ack.status, tx.ack.society_work_id, tx.ack.submitter_work_id) == (
        "AC",
        "ASCAP-12345",
        "CLAIMDIGITAL01",
    )
    (message,) = tx.ack.messages
    assert (message.original_record_sequence, message.record_type, message.text) == (
        4, "SPU", "IPI NAME NUMBER CORRECTED",
    )  # fmt: skip
    assert tx.work.title == "THE WORK" and len(tx.work.writers) == 2
    assert tx.conflict is None


def test_exc_after_the_acknowledged_work_is_the_conflicting_work() -> None:
    (tx,) = parsed(ack_file(with_conflict=True)).transactions
    assert tx.conflict is not None
    assert (tx.conflict.title, tx.conflict.submitter_work_id) == ("THE WORK", "OTHER0001")
    assert tx.conflict.writers[0].last_name == "SOMEONE"
    # The conflicting work comes from the society's database and bypasses the edits: no errors.
    assert tx.accepted


def test_ack_without_work_records() -> None:
    lines = ack_file()
    lines = [*lines[:4], lines[-2], lines[-1]]  # HDR, GRH, ACK, MSG, GRT, TRL
    lines[-2] = put(lines[-2], 17, "00000004")
    lines[-1] = put(lines[-1], 17, "00000006")
    (tx,) = parsed(lines).transactions
    assert (tx.kind, tx.work.title, tx.work.submitter_work_id) == ("NWR", "THE WORK", "CLAIMDIGITAL01")
    assert tx.accepted
    assert [i.message for i in tx.issues] == [
        "the ACK carries no work records: the work is known by its title and number only"
    ]


def test_unknown_ack_status_rejects_the_transaction() -> None:
    lines = ack_file()
    lines[2] = put(lines[2], 158, "ZZ")
    (tx,) = parsed(lines).transactions
    assert [(i.line, i.field) for i in errors(tx)] == [(3, "status")]


def test_agreement_transactions_are_counted_not_imported() -> None:
    lines = lines_of(sample("nwrexample2.V21"))
    agreement = "AGREEMENT1".ljust(28) + "OS2018010100000000000000000N00000000D0000000000000000001N"
    assignor = "AS00000000199" + " " * 13 + "2RDRB3FHX" + "DOE".ljust(45) + "JOHN".ljust(30)
    acquirer = "AC00000000297" + " " * 13 + "HCJ3EBJT6" + "THE PUBLISHER".ljust(45) + " " * 30
    agr_group = [
        "GRHAGR0000202.100000000000  ",
        "AGR0000000000000000" + agreement,
        "TER0000000000000001I2136",
        "IPA0000000000000002" + assignor + "0100500003401000   00000",
        "IPA0000000000000003" + acquirer + "0100500003409000   00000",
        "GRT000020000000100000006",
    ]
    lines[11:11] = agr_group
    lines[1] = put(lines[1], 12, "02.10")
    cwr = parsed(recount(lines))
    assert len(cwr.transactions) == 1 and cwr.skipped_transactions == 1
    assert [(g.transaction_type, g.counted_transactions, g.counted_records) for g in cwr.groups] == [
        ("NWR", 1, 10),
        ("AGR", 1, 6),
    ]
    assert [i.message for i in cwr.issues] == ["agreement (AGR) transaction not imported"]
