"""Where each kind of business plugs into the audit, with one function each.

Three registration points:

- `body_check(kind)`: a function `(session, entity_id) -> body or None` that builds the body the
  LATEST recorded version of `entity_id` must state, from the database rows as they are now
  (None: no row exists for it). Usually the very builder the service records with, e.g.
  `work_body`. The audit compares the two key by key. Options: `ids=` a function
  `(session) -> iterable of entity ids` whose rows must have an entry (rows with no entry are
  reported), `ignore=` body keys that do not come from the rows (e.g. "source"), and
  `prefetch=` a function `(session, entity ids)` loading a batch of rows at once (speed only).
- `entry_check(kind)`: a function `(entry) -> list of problems` run on EVERY version of the kind,
  for facts an entry must satisfy on its own (e.g. an evidence id derived from its hash).
- `run_check(name, runs=..., check=...)`: whole-run invariants, e.g. distribution conservation:
  `runs(session)` lists the run ids, `check(session, run_id)` returns a list of problems (empty:
  the run is sound). Each problem becomes a finding naming the run.

To plug a new kind in, add a module to `registry/audit/checks/` (one file per business area):
every module there is imported when an audit starts, so no other file needs to change. Example
for the distribution area (registry/audit/checks/distribution.py):

    from registry.audit.plugins import body_check, run_check
    from registry.services.distribution.runs import check_conservation, distribution_run_ids, summary_body

    run_check("distribution conservation", runs=distribution_run_ids, check=check_conservation)

    @body_check("distribution_summary", ids=...)
    def _summary(session, entity_id):
        return summary_body(session, entity_id)
"""

from __future__ import annotations

import importlib
import pkgutil
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
class RunCheck:
    name: str
    runs: RunIds
    check: RunProblems


BODY_CHECKS: dict[str, BodyCheck] = {}
ENTRY_CHECKS: dict[str, list[EntryProblems]] = {}
RUN_CHECKS: dict[str, RunCheck] = {}


def body_check(
    kind: str,
    *,
    ids: EntityIds | None = None,
    ignore: Iterable[str] = (),
    prefetch: Prefetch | None = None,
) -> Callable[[ExpectedBody], ExpectedBody]:
    """Register the builder of `kind`'s expected latest body (a decorator)."""

    def register(expected: ExpectedBody) -> ExpectedBody:
        BODY_CHECKS[kind] = BodyCheck(kind, expected, ids, frozenset(ignore), prefetch)
        return expected

    return register


def entry_check(kind: str) -> Callable[[EntryProblems], EntryProblems]:
    """Register a check run on every version of `kind` (a decorator)."""

    def register(check: EntryProblems) -> EntryProblems:
        ENTRY_CHECKS.setdefault(kind, [])
        if check not in ENTRY_CHECKS[kind]:
            ENTRY_CHECKS[kind].append(check)
        return check

    return register


def run_check(name: str, *, runs: RunIds, check: RunProblems) -> None:
    """Register a whole-run invariant such as a distribution's conservation."""
    RUN_CHECKS[name] = RunCheck(name, runs, check)


def load_checks() -> None:
    """Import every module of registry/audit/checks (they register themselves); idempotent."""
    from registry.audit import checks

    for module in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{module.name}")
