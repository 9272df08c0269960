"""From registry objects to response models: presentation only, no queries beyond the objects'
own loaded relations."""

from __future__ import annotations

from typing import Any

from payloads.distribution import DistributionOut
from payloads.licensing import ContractOut, InvoiceOut, LicenseOut
from payloads.log import AnchorOut, CheckpointOut, VersionOut
from payloads.repertoire import (
    AiDeclarationOut,
    RecordingDetail,
    RecordingSummary,
    TitleOut,
    WorkDetail,
    WorkSummary,
)
from payloads.users import MandateOut, MemberProfile
from registry.entity_ids import RECORDING, WORK
from registry.identifiers import format_isrc, format_iswc
from registry.kinds.member import member_body
from registry.models import (
    AnchorRecord,
    Checkpoint,
    DistributionRun,
    Invoice,
    License,
    LicenseContract,
    Party,
    Recording,
    Work,
)
from registry.services.licensing.econtracts import contract_summary
from registry.services.licensing.invoices import invoice_summary
from registry.services.licensing.licenses import license_summary
from registry.services.reporting.lookups import Stated, Version


def iswc(value: str | None) -> str | None:
    return format_iswc(value) if value else None


def isrc(value: str | None) -> str | None:
    return format_isrc(value) if value else None


def work_summary(work: Work) -> WorkSummary:
    return WorkSummary(
        id=work.ledger_id,
        iswc=iswc(work.iswc),
        title=work.title,
        alternate_titles=[
            TitleOut(title=t.title, type=t.title_type, language=t.language) for t in work.titles
        ],
        language=work.language,
        duration_seconds=work.duration_seconds,
        status=work.status,
    )


def work_detail(work: Work, recordings: list[str], latest: tuple[int, dict[str, Any]] | None) -> WorkDetail:
    return WorkDetail(
        **work_summary(work).model_dump(),
        merged_into=WORK.make(work.merged_into_id) if work.merged_into_id else None,
        ai=ai_out(work),
        recordings=recordings,
        version=latest[0] if latest else None,
        stated=latest[1] if latest else None,
    )


def recording_summary(recording: Recording) -> RecordingSummary:
    return RecordingSummary(
        id=recording.ledger_id,
        isrc=isrc(recording.isrc),
        title=recording.title,
        artist=recording.artist,
        duration_seconds=recording.duration_seconds,
        status=recording.status,
    )


def recording_detail(recording: Recording, latest: tuple[int, dict[str, Any]] | None) -> RecordingDetail:
    return RecordingDetail(
        **recording_summary(recording).model_dump(),
        merged_into=RECORDING.make(recording.merged_into_id) if recording.merged_into_id else None,
        ai=ai_out(recording),
        works=[w.ledger_id for w in recording.works],
        version=latest[0] if latest else None,
        stated=latest[1] if latest else None,
    )


def ai_out(row: Work | Recording) -> AiDeclarationOut | None:
    if row.ai_involvement is None:
        return None
    return AiDeclarationOut(
        involvement=row.ai_involvement,  # type: ignore[arg-type]  # checked when declared
        tool=row.ai_tool,
        human_share=row.human_share if row.human_share is not None else 0,
    )


def version(v: Version) -> VersionOut:
    return VersionOut(
        version=v.version,
        leaf_hash=v.leaf_hash,
        at=v.at,
        body=v.body,
        leaf_index=v.leaf_index,
        anchored=v.anchored,
        checkpoint_index=v.checkpoint_index,
    )


def checkpoint(cp: Checkpoint, anchored: AnchorRecord | None) -> CheckpointOut:
    return CheckpointOut(
        index=anchored.checkpoint_index if anchored else None,
        tree_size=cp.tree_size,
        root=bytes(cp.root).hex(),
        note=cp.note,
        note_hash=bytes(cp.note_hash).hex(),
        tx_hash=anchored.tx_hash if anchored else None,
        block_number=anchored.block_number if anchored else None,
        anchored_at=anchored.anchored_at if anchored else None,
    )


def anchor(record: AnchorRecord) -> AnchorOut:
    return AnchorOut(
        checkpoint_index=record.checkpoint_index,
        tree_size=record.tree_size,
        root=bytes(record.root).hex(),
        note_hash=bytes(record.note_hash).hex(),
        chain_id=record.chain_id,
        contract=record.contract,
        tx_hash=record.tx_hash,
        block_number=record.block_number,
        gas_used=record.gas_used,
        gas_price_wei=record.gas_price_wei,
        cost_wei=record.cost_wei,
        anchored_at=record.anchored_at,
    )


def member_profile(party: Party, contact: Any) -> MemberProfile:
    facts = member_body(party)
    return MemberProfile(
        id=party.ledger_id,
        kind=facts["kind"],
        name=facts["name"],
        first_name=facts["first_name"],
        roles=facts["roles"],
        ipi_name=facts["ipi_name"],
        ipi_base=facts["ipi_base"],
        isni=facts["isni"],
        status=facts["status"],
        society=facts["society"],
        joined_on=facts["joined_on"],
        left_on=facts["left_on"],
        mandates=[MandateOut(**m) for m in facts["mandates"]],
        contact=contact if isinstance(contact, dict) else None,
        bank_details_on_file=party.bank_sealed is not None,
    )


def license(found: License, stated: Stated) -> LicenseOut:
    """`stated`: the license's latest entry, whose proof backs what is shown."""
    facts = license_summary(found)
    facts.pop("licensee_ref", None)  # the society's internal reference stays inside
    return LicenseOut(
        **facts, version=stated.version, leaf_hash=stated.leaf_hash, address=found.licensee.address
    )


def invoice(found: Invoice) -> InvoiceOut:
    return InvoiceOut(**invoice_summary(found))


def contract(found: LicenseContract) -> ContractOut:
    return ContractOut(**contract_summary(found), payload=bytes(found.payload).decode())


def distribution(run: DistributionRun, state: str) -> DistributionOut:
    return DistributionOut(
        summary_id=run.summary_entry_id,
        period=run.period,
        source=run.source,
        run=run.sequence,
        kind=run.kind,
        state=state,
        version=run.sequence + 1,
        body=dict(run.summary),
    )
