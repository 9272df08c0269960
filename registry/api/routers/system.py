"""Health (the process answers), readiness (database at the schema's head, chain reachable) and
Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from payloads.system import Health, Readiness
from registry.api.deps import Db
from registry.api.problems import ApiProblem, problem_responses

router = APIRouter(tags=["system"])


@router.get("/v1/health", response_model=Health)
async def health() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/v1/ready", response_model=Readiness, responses=problem_responses(503))
def ready(request: Request, db: Db) -> Readiness:
    """Ready to serve: the database answers at the schema this code expects, the chain answers."""
    probe = request.app.state.readiness
    database = probe.database(db)
    chain = probe.chain()
    if database != "ok" or chain != "ok":
        raise ApiProblem(503, f"database: {database}; chain: {chain}", slug="not-ready")
    return Readiness(status="ready", database=database, chain=chain)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.metrics_registry), media_type=CONTENT_TYPE_LATEST)
