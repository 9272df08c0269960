"""Property tests against the OpenAPI schema (schemathesis): whatever a client sends within or
around the schema, the API answers without a server error, with the documented content types and
bodies that match their schemas; anonymous and as each signed-in role. A moderate number of
examples per operation here; the long run belongs to the load tests.

(Driven through Hypothesis directly: schemathesis' own pytest plugin does not run on pytest 9.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from registry.api import ApiSettings, create_app
from tests.api.conftest import World

CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
EXAMPLES = settings(
    max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)


def _operations() -> list[str]:
    """The operations of the schema, read once from an app over no data (for test ids)."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(ApiSettings(db_url=f"sqlite:///{tmp}/schema.db", data_dir=Path(tmp)))
        spec = schemathesis.openapi.from_asgi("/openapi.json", app)
        return sorted(result.ok().label for result in spec.get_all_operations())


OPERATIONS = _operations()


@pytest.fixture(scope="module")
def api_schema(sqlite_world: World) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", sqlite_world.app)


def test_every_operation_is_covered() -> None:
    assert len(OPERATIONS) >= 20 and "GET /v1/proofs/{entry_id}" in OPERATIONS


@pytest.mark.parametrize("caller", ["public", "alice", "admin"])  # the matrix covers the other roles
@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_errors(
    api_schema: schemathesis.BaseSchema, sqlite_world: World, label: str, caller: str
) -> None:
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None
    headers = sqlite_world.as_(caller)

    @given(case=operation.as_strategy())
    @EXAMPLES
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers or None, checks=CHECKS)

    run()
