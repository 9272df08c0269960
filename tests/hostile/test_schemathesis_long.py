"""The long schemathesis run: at least 5,000 generated requests anonymous and 5,000 as an admin,
over every operation of the API, in rounds with fresh seeds until each count is reached, with
every check schemathesis has (no server error, only documented status codes, content types and
headers, bodies that match their schemas, negative data rejected, missing auth refused...) but
one: `positive_data_acceptance` expects any schema-valid request to succeed, and the registry
refuses some with a documented 422 that no schema can express (an unknown licensee or invoice,
an ISRC with a wrong check digit, a period before the society's first, `end` below `start`).
The schema declares no OpenAPI links, so there are no stateful sequences to run.

Failures are collected (not shrunk, which would take minutes) and all named at the end. Marked
slow; CI runs it: about two to three minutes on two cores."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.conftest import World, sqlite_society, sqlite_world  # noqa: F401 - the module-scoped world

CALLERS = ("public", "admin")
TARGET = 5_000  # requests per caller
BUDGET_SECONDS = 240  # stop rather than run CI long; the assertions say if short
EXAMPLES = 25  # per operation and round
ROUND = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.mark.slow
def test_five_thousand_requests_anonymous_and_as_admin_all_as_documented(sqlite_world: World) -> None:  # noqa: F811
    schema = schemathesis.openapi.from_asgi("/openapi.json", sqlite_world.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40
    links = [
        o.label for o in operations for r in o.definition.raw.get("responses", {}).values() if r.get("links")
    ]
    assert links == []  # else: run schema.as_state_machine() here too
    sent: Counter[str] = Counter()
    failures: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    start = time.monotonic()

    def one_run(operation: Any, caller: str, run_seed: int) -> None:
        headers = sqlite_world.as_(caller) or None

        @seed(run_seed)
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            sent[caller] += 1
            try:
                case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
            except (AssertionError, BaseExceptionGroup) as exc:  # schemathesis' failures
                key = (caller, operation.label, str(exc).strip().splitlines()[0][:200])
                failures[key] += 1
                examples.setdefault(key, str(exc)[:2000])

        run()

    round_no = 0
    while min(sent[c] for c in CALLERS) < TARGET and time.monotonic() - start < BUDGET_SECONDS:
        for n, operation in enumerate(operations):
            for caller in CALLERS:
                if sent[caller] < TARGET or round_no == 0:
                    one_run(operation, caller, 100_000 * round_no + 2 * n + CALLERS.index(caller))
        round_no += 1
    elapsed = time.monotonic() - start
    print(
        f"schemathesis: {sent['public']} requests anonymous, {sent['admin']} as admin, "
        f"{len(operations)} operations, {round_no} rounds, {elapsed:.0f} s, "
        f"{sum(failures.values())} failures"
    )
    for key, count in failures.most_common():
        print(count, key, examples[key], sep="\n")
    assert not failures, f"{sum(failures.values())} failures: {sorted(failures)}"
    assert all(sent[c] >= TARGET for c in CALLERS), f"only {dict(sent)} requests in {elapsed:.0f} s"
