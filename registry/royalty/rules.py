"""The distribution rules of each source (karaoke, online, background music, broadcast).

Rates and splits are integers in basis points (10000 = 100%), money in fen. The defaults are
the CMO's published rules; a TOML file can replace them per source:

    [karaoke]
    admin_rate = 1500         # administrative deduction, basis points of the pool
    recording_side = 6000     # recordings' part of the identified money; works get the rest
    work_rights = { performing = 5000, mechanical = 5000 }   # the works side per right type
    minimum_payout = 10000    # fen; below it a member's total is carried forward
    weigh_by = "plays"        # or "revenue": the revenue the usage reports state, when all do
    ai_generated = "pay"      # or "exclude": usage of AI-generated works/recordings earns nothing
    ai_assisted = "pay"       # or "human_share": AI-assisted ones earn their declared human share

The AI policy reads the AI declaration of each work and recording (registry.services.repertoire.
ai_declarations; undeclared counts as "none"); registry.royalty.allocate applies it, and
docs/royalty.md says where the money not paid goes (the other usage of the same side).

The rules used are written into each distribution summary, so the run can be reproduced.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from registry.errors import RegistryError

WHOLE = 10_000
WORK_RIGHTS = ("performing", "mechanical", "synchronisation")
WEIGHTS = ("plays", "revenue")
AI_GENERATED = ("pay", "exclude")  # what usage of a work or recording declared `generated` earns
AI_ASSISTED = ("pay", "human_share")  # ... and one declared `assisted` (with its human share)


class RulesError(RegistryError):
    """Distribution rules that cannot be applied: unknown source, rate out of range..."""


@dataclass(frozen=True, slots=True)
class SourceRules:
    admin_rate: int
    recording_side: int
    work_rights: Mapping[str, int] = field(default_factory=lambda: {"performing": WHOLE})
    minimum_payout: int = 10_000
    weigh_by: str = "plays"
    currency: str = "CNY"
    ai_generated: str = "pay"
    ai_assisted: str = "pay"

    def __post_init__(self) -> None:
        for name in ("admin_rate", "recording_side"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= WHOLE:
                raise RulesError(f"{name} must be basis points 0..{WHOLE}, got {value!r}")
        if not isinstance(self.minimum_payout, int) or self.minimum_payout < 0:
            raise RulesError(f"minimum_payout must be fen >= 0, got {self.minimum_payout!r}")
        if self.weigh_by not in WEIGHTS:
            raise RulesError(f"weigh_by must be one of {', '.join(WEIGHTS)}, got {self.weigh_by!r}")
        for name, allowed in (("ai_generated", AI_GENERATED), ("ai_assisted", AI_ASSISTED)):
            value = getattr(self, name)
            if not isinstance(value, str) or value not in allowed:
                raise RulesError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
        unknown = set(self.work_rights) - set(WORK_RIGHTS)
        if unknown:
            raise RulesError(f"unknown work right types {sorted(unknown)}; known: {', '.join(WORK_RIGHTS)}")
        if any(not isinstance(v, int) or v < 0 for v in self.work_rights.values()):
            raise RulesError(f"work_rights must be basis points >= 0, got {dict(self.work_rights)}")
        if sum(self.work_rights.values()) != WHOLE:
            raise RulesError(f"work_rights must add up to {WHOLE} basis points, got {dict(self.work_rights)}")

    def to_body(self) -> dict[str, Any]:
        """For the distribution summary: plain JSON, right types in a fixed order; the AI policy
        always stated (also its defaults), so a member sees which one the run applied."""
        body = asdict(self)
        body["work_rights"] = {r: self.work_rights[r] for r in WORK_RIGHTS if r in self.work_rights}
        return body


DEFAULT_RULES: dict[str, SourceRules] = {
    # karaoke VOD: the recording (the music video) carries most of the use.
    "karaoke": SourceRules(1500, 6000, {"performing": 5000, "mechanical": 5000}, weigh_by="plays"),
    "online": SourceRules(1200, 5000, {"performing": 5000, "mechanical": 5000}, weigh_by="revenue"),
    "background_music": SourceRules(2000, 5000, {"performing": WHOLE}),
    "broadcast": SourceRules(1500, 5000, {"performing": WHOLE}),
}


def rules_for(source: str, rules: Mapping[str, SourceRules] | None = None) -> SourceRules:
    table = DEFAULT_RULES if rules is None else rules
    if source not in table:
        raise RulesError(f"no distribution rules for source {source!r}; known sources: {', '.join(table)}")
    return table[source]


def load_rules(path: Path) -> dict[str, SourceRules]:
    """The defaults, with the sources a TOML file names replaced (missing fields: the default's)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path}: cannot read distribution rules: {exc}") from None
    table = dict(DEFAULT_RULES)
    for source, values in data.items():
        if not isinstance(values, dict):
            raise RulesError(f"{path}: [{source}] must be a table of rules")
        base = asdict(table[source]) if source in table else {}
        unknown = set(values) - set(SourceRules.__dataclass_fields__)
        if unknown:
            raise RulesError(f"{path}: [{source}] unknown rules {sorted(unknown)}")
        merged = {**base, **values}
        try:
            table[source] = SourceRules(**merged)
        except TypeError as exc:
            raise RulesError(f"{path}: [{source}] {exc}") from None
        except RulesError as exc:
            raise RulesError(f"{path}: [{source}] {exc}") from None
    return table
