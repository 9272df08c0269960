"""AI declarations: whether and how AI was involved in a work or a recording, as its rights holder
declares it to the society. Stated publicly in the thing's entry (its next version), so anyone can
see what was declared and when, and usable by distribution rules.

- none: made by people alone; the human share is the whole (100%).
- assisted: people made it with an AI tool's help; they state their share of the authorship.
- generated: an AI tool generated it; a human share above 0 only for what people added.

The human share is in hundredths of a percent, like every share of the registry."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry import entity_ids
from registry.errors import RegistryError
from registry.models import FULL_SHARE, Recording, Work
from registry.services.repertoire.entries import record_recording, record_work

INVOLVEMENTS = ("none", "assisted", "generated")


class AiDeclarationError(RegistryError):
    """A declaration that does not hold together; `field` names the input at fault."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class UnknownSubject(RegistryError):
    """No current work or recording with that id."""


@dataclass(frozen=True, kw_only=True)
class AiDeclaration:
    involvement: str
    tool: str | None = None
    human_share: int | None = None  # hundredths of a percent; None: the involvement's default


def declare(session: Session, subject: str, data: AiDeclaration) -> tuple[Work | Recording, Entry | None]:
    """Record the declaration on a work (W-n) or recording (R-n); returns it and the entry of its
    next version (None when the same declaration was made before)."""
    involvement, tool, human = _checked(data)
    row = _subject(session, subject)
    row.ai_involvement, row.ai_tool, row.human_share = involvement, tool, human
    entry = record_work(session, row) if isinstance(row, Work) else record_recording(session, row)
    return row, entry


def check(data: AiDeclaration) -> None:
    """Raise AiDeclarationError (naming the field) unless the declaration holds together."""
    _checked(data)


def _checked(data: AiDeclaration) -> tuple[str, str | None, int]:
    if data.involvement not in INVOLVEMENTS:
        raise AiDeclarationError(
            f"involvement {data.involvement!r}: expected one of {', '.join(INVOLVEMENTS)}",
            field="involvement",
        )
    tool = " ".join((data.tool or "").split()) or None
    human = data.human_share
    if human is not None and (
        isinstance(human, bool) or not isinstance(human, int) or not 0 <= human <= FULL_SHARE
    ):
        raise AiDeclarationError(
            f"human_share {human!r}: a whole number of hundredths of a percent, 0 to {FULL_SHARE}",
            field="human_share",
        )
    if data.involvement == "none":
        if tool is not None:
            raise AiDeclarationError("a work made without AI names no AI tool", field="tool")
        if human not in (None, FULL_SHARE):
            raise AiDeclarationError("without AI the human share is the whole (10000)", field="human_share")
        return "none", None, FULL_SHARE
    if data.involvement == "assisted":
        if human is None or human == 0:
            raise AiDeclarationError(
                "an AI-assisted work states the human authors' share, above 0", field="human_share"
            )
        return "assisted", tool, human
    return "generated", tool, 0 if human is None else human


def _subject(session: Session, subject: str) -> Work | Recording:
    text = subject.strip().upper()
    row: Work | Recording | None = None
    if (n := entity_ids.WORK.parse(text)) > 0:
        row = session.get(Work, n)
    elif (n := entity_ids.RECORDING.parse(text)) > 0:
        row = session.get(Recording, n)
    if row is None or row.merged_into_id is not None:
        raise UnknownSubject(f"no current work or recording {subject!r}")
    return row
