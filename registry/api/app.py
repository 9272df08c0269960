"""The FastAPI application: `create_app(settings)`.

One router per audience and subject (registry/api/routers/); routes are thin and call the
registry's services. Each subject (licenses, distributions and reports, members' payouts and
claims, a licensee's business, admin writes) is a router of its own, listed in ROUTERS.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from prometheus_client import CollectorRegistry

from registry.api import docs, problems
from registry.api.config import ApiSettings
from registry.api.deps import AppState
from registry.api.gatekeeper import Gatekeeper
from registry.api.license_answers import LicenseAnswers
from registry.api.middleware import BodyLimit, Metrics, SecurityHeaders
from registry.api.ratelimit import TokenBuckets
from registry.api.readiness import Readiness
from registry.api.remembered_lookups import RememberedLookups
from registry.api.routers import (
    admin_anchoring,
    admin_business,
    admin_finance,
    admin_licensees,
    admin_members,
    admin_proposals,
    admin_registry,
    admin_review,
    admin_submissions,
    audit,
    auth,
    distributions,
    licensee,
    licenses,
    log,
    me,
    payouts,
    proofs,
    recordings,
    system,
    works,
)
from registry.api.tokens import TokenIssuer
from registry.db import make_engine, make_session_factory
from registry.services.access.proof_access import ProofService
from registry.services.anchoring.log_epoch import LogEpoch

ROUTERS: tuple[APIRouter, ...] = (
    system.router,
    auth.router,
    log.router,
    proofs.router,
    works.router,
    recordings.router,
    licenses.router,
    distributions.router,
    me.router,
    payouts.router,
    licensee.router,
    audit.router,
    admin_registry.router,
    admin_review.router,
    admin_submissions.router,
    admin_proposals.router,
    admin_business.router,
    admin_finance.router,
    admin_members.router,
    admin_licensees.router,
    admin_anchoring.router,
)
UPLOAD_PATHS = (
    admin_registry.UPLOADS + admin_business.UPLOADS + admin_finance.UPLOADS + admin_submissions.UPLOADS
)


def create_app(settings: ApiSettings) -> FastAPI:
    engine = make_engine(
        settings.db_url,
        pool_size=settings.db_pool_size,
        max_overflow=2 * settings.db_pool_size,
        pool_pre_ping=True,
    )
    readiness = Readiness(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        readiness.close()
        engine.dispose()

    app = FastAPI(
        title="RightsLedger API",
        version="1",
        summary="A music rights society's registry whose every fact is verifiable.",
        description="Public lookups, member and licensee views, auditor and admin endpoints. "
        "Errors are RFC 9457 problem details; lists are pages (limit <= 500, offset).",
        lifespan=lifespan,
        docs_url=None,  # served by registry/api/docs.py from local assets, not a CDN
        redoc_url=None,
    )
    epoch = LogEpoch(settings.proof_epoch_seconds)  # one epoch for all remembered answers
    app.state.rl = AppState(
        settings=settings,
        sessions=make_session_factory(engine),
        tokens=TokenIssuer(settings.token_key_path, settings.token_minutes, settings.log_origin),
        buckets=TokenBuckets(settings.rate_per_second, settings.rate_burst),
        proofs=ProofService(settings.proof_cache_size, epoch),
        licenses=LicenseAnswers(epoch, settings.proof_cache_size),
    )
    app.state.readiness = readiness
    app.state.verifier_key = _verifier_key(settings)
    app.state.metrics_registry = CollectorRegistry()
    problems.install(app)
    docs.install(app)
    for router in ROUTERS:
        app.include_router(router)

    # Each add wraps what is there: requests meet Metrics, SecurityHeaders, CORS, Gatekeeper,
    # BodyLimit, RememberedLookups, routes. No body is read before the Gatekeeper let it in.
    app.add_middleware(RememberedLookups, state=app.state.rl)
    app.add_middleware(
        BodyLimit,
        limit_for=lambda path: settings.max_upload_bytes if path in UPLOAD_PATHS else settings.max_body_bytes,
    )
    app.add_middleware(
        Gatekeeper, state=app.state.rl, routes=[r for router in ROUTERS for r in router.routes]
    )
    if settings.portal_origins:  # CORS for the portal's origin only; none configured, none allowed
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.portal_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key"],
            max_age=600,
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(Metrics, registry=app.state.metrics_registry)
    return app


def _verifier_key(settings: ApiSettings) -> str | None:
    path = settings.verifier_key_file
    if path is None or not path.exists():
        return None
    return path.read_text().strip()
