"""The long schemathesis run: at least 5,000 generated requests over every operation of the API,
anonymous and as each role, in rounds with fresh seeds until the count is reached. No server
error, the documented content types, bodies that match their schemas. Marked slow; CI runs it
(about a minute or two)."""

from __future__ import annotations

import time
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.api.conftest import World, sqlite_society, sqlite_world  # noqa: F401 - the module-scoped world

CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
CALLERS = ("public", "alice", "venue", "auditor", "admin")
TARGET = 5_000
BUDGET_SECONDS = 170  # stop a round early rather than run CI long; the assertion says if short


@pytest.mark.slow
def test_five_thousand_generated_requests_without_a_server_error(sqlite_world: World) -> None:  # noqa: F811
    schema = schemathesis.openapi.from_asgi("/openapi.json", sqlite_world.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    sent = 0
    per_operation: dict[str, int] = {}
    start = time.monotonic()
    round_no = 0

    def one_run(operation: Any, headers: dict[str, str], run_seed: int) -> None:
        label = operation.label

        @seed(run_seed)
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            nonlocal sent
            sent += 1
            per_operation[label] = per_operation.get(label, 0) + 1
            case.call_and_validate(headers=headers or None, checks=CHECKS)

        run()

    while sent < TARGET and time.monotonic() - start < BUDGET_SECONDS:
        for n, operation in enumerate(operations):
            one_run(operation, sqlite_world.as_(CALLERS[(n + round_no) % len(CALLERS)]), 1000 * round_no + n)
        round_no += 1
    elapsed = time.monotonic() - start
    print(f"schemathesis: {sent} requests, {len(operations)} operations, {elapsed:.0f} s, {round_no} rounds")
    assert sent >= TARGET, f"only {sent} requests in {elapsed:.0f} s"
    assert len(per_operation) == len(operations)
