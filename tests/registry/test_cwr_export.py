"""The society's works as a CWR file, on SQLite and PostgreSQL: a publisher's catalogue imported,
then exported and read back by the project's own parser with nothing refused; every work's title,
ISWC, recordings and the shares that count per party and right as the registry holds them;
members as the controlled parties; a Chinese title in UTF-8; one member's works only."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher, field_cipher
from registry.cwr import parse_cwr
from registry.cwr.generate import generate_cwr
from registry.identifiers import generate_ipi_name, generate_iswc
from registry.models import Party, Work
from registry.services.repertoire.cwr_acknowledgements import Society
from registry.services.repertoire.cwr_export import export_works
from registry.services.repertoire.cwr_import import import_cwr
from registry.services.repertoire.registration import ShareInput, WorkInput, register_work
from registry.shares import claims_of, effective_shares
from tests.society.members import add_member, ref

SOCIETY = Society(code=999, name="RightsLedger society")
NOW = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)
FIELDS = {"performing": "pr_share", "mechanical": "mr_share", "synchronisation": "sr_share"}


@pytest.fixture
def cipher(tmp_path) -> FieldCipher:  # type: ignore[no-untyped-def]
    return field_cipher(tmp_path / "keys" / "data.key", environ={})


def _stated(parsed_work) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    """Per party (by IPI name number) and right, the shares the file states."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for holder in (*parsed_work.writers, *parsed_work.publishers):
        for right, name in FIELDS.items():
            if getattr(holder, name):
                out[holder.ipi_name][right] = getattr(holder, name)
    return dict(out)


@pytest.mark.parametrize("version", ["2.1", "2.2"])
def test_the_catalogue_goes_out_as_the_registry_holds_it(session: Session, version: str) -> None:
    import_cwr(session, generate_cwr(12, seed=7), name="CW260001PUB_000.V22")
    session.flush()
    export = export_works(session, SOCIETY, NOW, version=version)
    parsed = parse_cwr(export.data, name=export.name)
    assert export.works == 12 and len(parsed.transactions) == 12
    assert [i for t in parsed.transactions for i in t.issues] == [] and parsed.issues == ()
    assert (parsed.sender_type, parsed.sender_id, parsed.version) == ("SO", "000000999", version)
    works = {w.ledger_id: w for w in session.scalars(select(Work))}
    for tx in parsed.transactions:
        held = works[tx.work.submitter_work_id]
        assert (tx.work.title, tx.work.iswc) == (held.title, held.iswc)
        counted = effective_shares(claims_of(held))
        ipi = {s.party_id: s.party.ipi_name for s in held.shares}
        expected: dict[str, dict[str, int]] = defaultdict(dict)
        for right, by_party in counted.items():
            for party_id, share in by_party.items():
                if share:
                    expected[ipi[party_id]][right] = share
        assert _stated(tx.work) == dict(expected), tx.work.submitter_work_id
        assert {r.isrc for r in tx.work.recordings} == {r.isrc for r in held.recordings}
        # none of the publisher's parties is our member: all are other parties here
        assert not any(p.controlled for p in (*tx.work.writers, *tx.work.publishers))


def test_members_are_controlled_a_chinese_title_is_utf8_and_one_members_works_only(
    session: Session, cipher: FieldCipher
) -> None:
    import_cwr(session, generate_cwr(3, seed=8), name="CW260002PUB_000.V22")
    member = add_member(session, cipher, "邓", first_name="丽君", ipi=6001, roles=("composer",))
    publisher = add_member(session, cipher, "海蝶音乐", kind="company", ipi=6002, roles=("publisher",))
    session.flush()
    register_work(
        session,
        WorkInput(
            submitter="CMO",
            submitter_work_id="CMO-1",
            title="月亮代表我的心",
            iswc=generate_iswc(8201),
            shares=[
                ShareInput(party=ref(member), role="CA", right_type="PR", share=5000),
                ShareInput(party=ref(publisher), role="E", right_type="PR", share=5000),
                ShareInput(party=ref(publisher), role="E", right_type="MR", share=10000),
            ],
        ),
    )
    session.flush()
    export = export_works(session, SOCIETY, NOW, member=member)
    assert export.works == 1 and export.name.endswith(f"_{member.ledger_id}.V22")
    assert b"UTF-8" in export.data.splitlines()[0]
    [tx] = parse_cwr(export.data, name=export.name).transactions
    assert tx.work.title == "月亮代表我的心" and not [i for i in tx.issues if i.severity == "error"]
    [writer] = tx.work.writers
    [pub] = tx.work.publishers
    assert (writer.controlled, writer.designation, writer.pr_share, writer.pr_society) == (
        True,
        "CA",
        5000,
        "999",
    )
    assert (pub.controlled, pub.role, pub.pr_share, pub.mr_share) == (True, "E", 5000, 10000)
    assert [link.publisher_ip_id for link in writer.publisher_links] == [pub.ip_id]
    assert writer.ipi_name == generate_ipi_name(6001)
    assert session.scalar(select(Party.id).where(Party.ipi_name == writer.ipi_name)) == member.id
    everything = export_works(session, SOCIETY, NOW)
    assert everything.works == 4
