"""The one error of the CWR parser: the file as a whole cannot be trusted.

Problems inside a transaction never raise: they become `Issue`s of that transaction, which is then
accepted or rejected on its own (see model.py)."""

from __future__ import annotations


class CwrStructureError(ValueError):
    """The file breaks the CWR envelope (HDR, GRH/GRT, TRL, record lengths, control counts), so
    none of it is imported. The message names the file, the 1-based line and the problem."""

    def __init__(self, name: str, line: int, problem: str) -> None:
        self.name = name
        self.line = line
        self.problem = problem
        super().__init__(f"{name}: line {line}: {problem}")
