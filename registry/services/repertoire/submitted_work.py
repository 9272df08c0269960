"""A submitted work as the review queue keeps it: plain JSON (what the template row said, or what
a clerk corrected it to), checked field by field, and turned into the registration it asks for.

The JSON's shape (also the API's `SubmittedWork`):
    {"submitter_work_id", "title", "iswc", "language", "duration_seconds", "alt_titles": [...],
     "writers": [{"name", "ipi_name", "role", "pr_share", "mr_share", "sr_share"}],
     "publishers": [...same...], "recordings": [{"isrc", "title", "artist", "duration_seconds"}],
     "ai": {"involvement", "tool", "human_share"} | null}
Shares are hundredths of a percent; writers' and publishers' shares of a right add up to 0 (not
claimed) or 100.00%.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from registry.errors import RegistryError
from registry.identifiers import normalise_isrc, normalise_iswc
from registry.models import FULL_SHARE
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.ai_declarations import AiDeclaration, AiDeclarationError, check
from registry.services.repertoire.registration import RecordingInput, ShareInput, WorkInput

RIGHTS = (("pr_share", "PR"), ("mr_share", "MR"), ("sr_share", "SR"))
WRITER_ROLES = ("CA", "C", "A", "AR", "AD", "SA", "SR", "TR")
PUBLISHER_ROLES = ("E", "SE", "AM", "PA", "ES")


class SubmissionError(RegistryError):
    """A submitted (or corrected) work that does not hold together; `field` names the culprit."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def from_template(work: Any) -> dict[str, Any]:
    """The JSON of a parsed template row (registry.works_template.TemplateWork)."""
    ai = None
    if work.ai_involvement:
        ai = {"involvement": work.ai_involvement, "tool": work.ai_tool, "human_share": work.human_share}
    return {
        "submitter_work_id": work.submitter_work_id,
        "title": work.title,
        "iswc": work.iswc,
        "language": work.language,
        "duration_seconds": work.duration_seconds,
        "alt_titles": list(work.alt_titles),
        "writers": [_party(p) for p in work.writers],
        "publishers": [_party(p) for p in work.publishers],
        "recordings": [
            {"isrc": r.isrc, "title": r.title, "artist": r.artist, "duration_seconds": r.duration_seconds}
            for r in work.recordings
        ],
        "ai": ai,
    }


def _party(party: Any) -> dict[str, Any]:
    return {
        "name": party.name,
        "ipi_name": party.ipi_name,
        "role": party.role,
        "pr_share": party.pr_share,
        "mr_share": party.mr_share,
        "sr_share": party.sr_share,
    }


def checked(work: Mapping[str, Any]) -> dict[str, Any]:
    """`work` with its identifiers in their normal form, or SubmissionError naming the field."""
    out = dict(work)
    if not str(out.get("title") or "").strip():
        raise SubmissionError("the work has no title", field="title")
    if not str(out.get("submitter_work_id") or "").strip():
        raise SubmissionError("the submitter's work number is missing", field="submitter_work_id")
    out["title"] = str(out["title"]).strip()
    if out.get("iswc"):
        try:
            out["iswc"] = normalise_iswc(str(out["iswc"]))
        except ValueError as exc:
            raise SubmissionError(str(exc), field="iswc") from None
    recordings = []
    for n, recording in enumerate(out.get("recordings") or (), start=1):
        recording = dict(recording)
        if recording.get("isrc"):
            try:
                recording["isrc"] = normalise_isrc(str(recording["isrc"]))
            except ValueError as exc:
                raise SubmissionError(str(exc), field=f"recordings[{n}].isrc") from None
        recordings.append(recording)
    out["recordings"] = recordings
    _check_parties(out.get("writers") or (), "writers", WRITER_ROLES)
    _check_parties(out.get("publishers") or (), "publishers", PUBLISHER_ROLES)
    parties = [*(out.get("writers") or ()), *(out.get("publishers") or ())]
    for key, right in RIGHTS:
        total = sum(int(p.get(key) or 0) for p in parties)
        if total not in (0, FULL_SHARE):
            raise SubmissionError(f"the {right} shares add up to {total / 100:.2f}%, not 100%", field=key)
    declared = ai_declaration(out)
    if declared is not None:  # refused now, not half-way through accepting many
        try:
            check(declared)
        except AiDeclarationError as exc:
            raise SubmissionError(f"AI declaration: {exc}", field=f"ai.{exc.field}") from None
    return out


def _check_parties(parties: Sequence[Mapping[str, Any]], group: str, roles: tuple[str, ...]) -> None:
    for n, party in enumerate(parties, start=1):
        where = f"{group}[{n}]"
        if not str(party.get("name") or "").strip():
            raise SubmissionError(f"{where} has no name", field=f"{where}.name")
        if party.get("role") not in roles:
            raise SubmissionError(
                f"{where}'s role {party.get('role')!r} is not one of {', '.join(roles)}",
                field=f"{where}.role",
            )
        for key, _ in RIGHTS:
            share = party.get(key)
            if not isinstance(share, int) or not 0 <= share <= FULL_SHARE:
                raise SubmissionError(
                    f"{where}'s {key} must be 0..10000 hundredths of a percent, got {share!r}",
                    field=f"{where}.{key}",
                )
        ipi = party.get("ipi_name")
        if ipi and not (str(ipi).isdigit() and len(str(ipi)) == 11):
            raise SubmissionError(f"{where}'s IPI {ipi!r} is not 11 digits", field=f"{where}.ipi_name")


def registration(work: Mapping[str, Any], submitter: str, source: str) -> WorkInput:
    """The registration the (checked) work asks for, in `submitter`'s name."""
    shares = [line for p in work.get("writers") or () for line in _lines(p, "person")]
    shares += [line for p in work.get("publishers") or () for line in _lines(p, "company")]
    return WorkInput(
        submitter=submitter,
        submitter_work_id=str(work["submitter_work_id"]),
        title=str(work["title"]),
        iswc=work.get("iswc"),
        language=work.get("language"),
        alt_titles=[(title, "AT", None) for title in work.get("alt_titles") or ()],
        duration_seconds=work.get("duration_seconds"),
        shares=shares,
        recordings=[
            RecordingInput(
                title=r.get("title") or str(work["title"]),
                isrc=r.get("isrc"),
                artist=r.get("artist"),
                duration_seconds=r.get("duration_seconds"),
            )
            for r in work.get("recordings") or ()
        ],
        source=source,
    )


def _lines(party: Mapping[str, Any], kind: str) -> tuple[ShareInput, ...]:
    name, _, first = str(party["name"]).partition(",")
    ref = PartyRef(
        name=name.strip() if kind == "person" else str(party["name"]).strip(),
        first_name=(first.strip() or None) if kind == "person" else None,
        ipi_name=party.get("ipi_name") or None,
        kind=kind,
    )
    return tuple(
        ShareInput(party=ref, role=str(party["role"]), right_type=right, share=int(party.get(key) or 0))
        for key, right in RIGHTS
    )


def ai_declaration(work: Mapping[str, Any]) -> AiDeclaration | None:
    ai = work.get("ai")
    if not ai:
        return None
    return AiDeclaration(
        involvement=ai["involvement"], tool=ai.get("tool"), human_share=ai.get("human_share")
    )
