"""The royalty engine's pure core: apportioning money in fen, the rules per source, and the
allocation of a period's pool to right holders. No database here: registry.services.distribution.runs
loads the inputs, calls `allocate` and records the result."""

from registry.royalty.allocate import Allocation, Repertoire, allocate
from registry.royalty.apportion import apportion, split
from registry.royalty.rules import DEFAULT_RULES, SourceRules, load_rules, rules_for

__all__ = [
    "DEFAULT_RULES",
    "Allocation",
    "Repertoire",
    "SourceRules",
    "allocate",
    "apportion",
    "load_rules",
    "rules_for",
    "split",
]
