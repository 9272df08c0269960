"""The AI declaration as `work` and `recording` entries state it: stated once made (an entry of a
work never declared has no `ai` key, so entries written before declarations existed still match
their rows)."""

from __future__ import annotations

from typing import Any, Protocol

FIELD_DOC = (
    "optional, once declared: `involvement` (none | assisted | generated), `tool` (the AI tool "
    "named, or null), `human_share` (the human authors' share, hundredths of a percent)"
)


class Declared(Protocol):
    ai_involvement: str | None
    ai_tool: str | None
    human_share: int | None


def ai_fact(row: Declared) -> dict[str, Any] | None:
    if row.ai_involvement is None:
        return None
    return {"involvement": row.ai_involvement, "tool": row.ai_tool, "human_share": row.human_share}
