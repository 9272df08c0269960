"""What the audit checks, declared as plain values: three kinds of check.

- `BodyCheck(kind, expected, ids=..., ignore=..., prefetch=...)`: `expected(session, entity_id)`
  builds the body the LATEST recorded version of `entity_id` must state, from the database rows
  as they are now (None: no row exists for it). Usually the very builder the service records
  with, e.g. `work_body`. The audit compares the two key by key. `ids(session)` lists the entity
  ids whose rows must have an entry (rows with no entry are reported), `ignore` the body keys
  that do not come from the rows (e.g. "source"), and `prefetch(session, entity ids)` loads a
  batch of rows at once (speed only).
- `EntryCheck(kind, problems)`: `problems(entry)` lists what is wrong with EVERY version of the
  kind on its own (e.g. an evidence id derived from its hash).
- `RunCheck(name, runs=..., check=...)`: whole-run invariants, e.g. distribution conservation:
  `runs(session)` lists the run ids, `check(session, run_id)` returns a list of problems (empty:
  the run is sound). Each problem becomes a finding naming the run.

Each entry kind declares its body and entry checks in its declaration (registry/kinds/<kind>.py);
checks that span kinds (a run's conservation, a contract's signatures) are declared in
registry/audit/checks/. registry.audit.checks.CHECKS adds both up: the audit reads that list,
nothing is discovered at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ledger.entry import Entry

ExpectedBody = Callable[[Session, str], Mapping[str, Any] | None]
EntityIds = Callable[[Session], Iterable[str]]
Prefetch = Callable[[Session, list[str]], object]
EntryProblems = Callable[[Entry], list[str]]
RunIds = Callable[[Session], Iterable[Any]]
RunProblems = Callable[[Session, Any], list[str]]


@dataclass(frozen=True)
class BodyCheck:
    kind: str
    expected: ExpectedBody
    ids: EntityIds | None = None
    ignore: frozenset[str] = frozenset()
    prefetch: Prefetch | None = None


@dataclass(frozen=True)
class EntryCheck:
    kind: str
    problems: EntryProblems


@dataclass(frozen=True)
class RunCheck:
    name: str
    runs: RunIds
    check: RunProblems


@dataclass(frozen=True)
class Checks:
    """The checks of one area, or of all (areas are added with +)."""

    body: tuple[BodyCheck, ...] = ()
    entry: tuple[EntryCheck, ...] = ()
    run: tuple[RunCheck, ...] = ()

    def __add__(self, other: Checks) -> Checks:
        return Checks(self.body + other.body, self.entry + other.entry, self.run + other.run)

    def body_kinds(self) -> set[str]:
        return {check.kind for check in self.body}

    def entry_problems(self) -> dict[str, list[EntryProblems]]:
        """kind -> the functions run on each of its versions."""
        out: dict[str, list[EntryProblems]] = {}
        for check in self.entry:
            out.setdefault(check.kind, []).append(check.problems)
        return out
