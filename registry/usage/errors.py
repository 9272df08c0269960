"""Named errors of usage ingest and claims."""

from __future__ import annotations

from registry.errors import RegistryError


class UsageError(RegistryError):
    """A usage request that cannot be carried out as given (bad period, source, claim...)."""


class UsageStructureError(UsageError):
    """The report's structure is broken (bad FOOT counts, an unknown record type, a truncated
    file, a missing header...), so none of it is ingested. Names the file, the 1-based line and
    the problem."""

    def __init__(self, name: str, line: int, problem: str) -> None:
        self.name = name
        self.line = line
        self.problem = problem
        super().__init__(f"{name}: line {line}: {problem}")
