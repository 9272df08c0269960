"""AI declarations, as the service records them and the audit checks them: a declaration checked
for what holds together (naming the field), stated in the work's or recording's next entry and
not again when repeated, entries of works never declared unchanged, and a declaration changed in
a row behind the ledger's back named by the audit."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from ledger.note import Signer
from registry.audit.run import audit
from registry.crypto import FieldCipher
from registry.identifiers import generate_isrc, generate_iswc
from registry.ledger_writer import latest_entry
from registry.services.repertoire.ai_declarations import (
    AiDeclaration,
    AiDeclarationError,
    UnknownSubject,
    declare,
)
from registry.services.repertoire.registration import RecordingInput
from tests.society.members import add_member, ref
from tests.society.repertoire import sole_work

VERIFIER = Signer.generate("ai.test/log").verifier()
CIPHER = FieldCipher(bytes(range(32)))


def _findings(session: Session) -> list[str]:
    session.expire_all()
    return [f.line() for f in audit(session, verifier=VERIFIER).findings]


def _work(session: Session, n: int = 1) -> str:
    member = add_member(session, CIPHER, "Chen", first_name="Yu", ipi=7100 + n)
    session.flush()
    work = sole_work(
        session,
        ref(member),
        f"AI-{n}",
        f"Song {n}",
        iswc=generate_iswc(7100 + n),
        recording=RecordingInput(title=f"Song {n}", isrc=generate_isrc("CN", "A12", 26, 7100 + n)),
    )
    session.flush()
    return work.ledger_id


def test_a_declaration_is_the_works_next_entry_and_only_once(session: Session) -> None:
    work = _work(session)
    before = latest_entry(session, "work", work)
    assert before is not None and "ai" not in before.body  # never declared: no key
    _, entry = declare(
        session, work, AiDeclaration(involvement="assisted", tool=" Suno  v4 ", human_share=6000)
    )
    assert entry is not None and entry.version == before.version + 1
    assert entry.body["ai"] == {"involvement": "assisted", "tool": "Suno v4", "human_share": 6000}
    _, again = declare(session, work, AiDeclaration(involvement="assisted", tool="Suno v4", human_share=6000))
    assert again is None
    _, made = declare(session, work, AiDeclaration(involvement="none"))
    assert made is not None and made.body["ai"] == {"involvement": "none", "tool": None, "human_share": 10000}
    assert _findings(session) == []


@pytest.mark.parametrize(
    ("declared", "field"),
    [
        (AiDeclaration(involvement="maybe"), "involvement"),
        (AiDeclaration(involvement="none", tool="Suno"), "tool"),
        (AiDeclaration(involvement="none", human_share=5000), "human_share"),
        (AiDeclaration(involvement="assisted"), "human_share"),
        (AiDeclaration(involvement="assisted", human_share=10001), "human_share"),
        (AiDeclaration(involvement="generated", human_share=-1), "human_share"),
    ],
)
def test_a_declaration_that_does_not_hold_together_names_its_field(
    session: Session, declared: AiDeclaration, field: str
) -> None:
    work = _work(session)
    with pytest.raises(AiDeclarationError) as refused:
        declare(session, work, declared)
    assert refused.value.field == field


def test_unknown_or_merged_subjects_are_refused(session: Session) -> None:
    with pytest.raises(UnknownSubject):
        declare(session, "W-999999", AiDeclaration(involvement="none"))
    with pytest.raises(UnknownSubject):
        declare(session, "X-1", AiDeclaration(involvement="none"))


def test_a_declaration_changed_behind_the_ledger_is_named(session: Session) -> None:
    work = _work(session, 1)
    other = _work(session, 2)
    declare(session, work, AiDeclaration(involvement="generated", tool="Udio"))
    session.flush()
    session.execute(text("UPDATE work SET human_share = 9000 WHERE id = :i"), {"i": int(work[2:])})
    session.execute(text("UPDATE work SET ai_involvement = 'none' WHERE id = :i"), {"i": int(other[2:])})
    lines = _findings(session)
    assert any(f"work {work}" in line for line in lines), lines
    assert any(f"work {other}" in line for line in lines), lines
