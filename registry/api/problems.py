"""Errors as RFC 9457 problem details (application/problem+json), for every error the API gives:
its own, FastAPI's validation errors (naming the field), Starlette's 404/405, and the registry's
named errors. A server error says only that it happened; the traceback goes to the log."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from payloads.problems import FieldProblem, Problem, problem_type
from registry.cwr.errors import CwrStructureError
from registry.errors import RegistryError, VersionConflict
from registry.identifiers import InvalidIdentifier
from registry.services.anchoring.proofs import NotYetProvable, UnknownEntry

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("rightsledger.api")


class ApiProblem(Exception):
    """Raised by routes and dependencies: becomes a problem response."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.slug = status, detail, slug
        self.title = title or HTTPStatus(status).phrase
        self.headers = dict(headers or {})


def problem_response(
    request: Request,
    status: int,
    detail: str | None,
    *,
    slug: str | None = None,
    title: str | None = None,
    errors: Sequence[FieldProblem] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        type=problem_type(slug),
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=list(errors) if errors else None,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def not_found(what: str) -> ApiProblem:
    return ApiProblem(404, what, slug="not-found")


# The registry's named errors and the status they answer with.
_REGISTRY_STATUS: tuple[tuple[type[Exception], int, str], ...] = (
    (UnknownEntry, 404, "not-found"),
    (NotYetProvable, 409, "not-yet-provable"),
    (VersionConflict, 409, "version-conflict"),
    (InvalidIdentifier, 422, "invalid-identifier"),
)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        return problem_response(
            request, exc.status, exc.detail, slug=exc.slug, title=exc.title, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            FieldProblem(field=_where(e.get("loc", ())), message=str(e.get("msg", ""))) for e in exc.errors()
        ]
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors) or "the request is not valid"
        return problem_response(
            request, 422, detail, slug="validation-error", title="Invalid request", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no resource at {request.url.path}"
        return problem_response(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(CwrStructureError)
    async def _cwr(request: Request, exc: CwrStructureError) -> JSONResponse:
        return problem_response(request, 422, str(exc), slug="cwr-structure", title="The CWR file is broken")

    @app.exception_handler(RegistryError)
    async def _registry(request: Request, exc: RegistryError) -> JSONResponse:
        errors = _field_at_fault(exc)
        for kind, status, slug in _REGISTRY_STATUS:
            if isinstance(exc, kind):
                return problem_response(request, status, str(exc), slug=slug, errors=errors)
        return problem_response(
            request, 422, str(exc), slug="rejected", title="The registry refused the request", errors=errors
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, "an unexpected error occurred; it has been logged")


def _field_at_fault(exc: Exception) -> list[FieldProblem] | None:
    """A registry error naming the input at fault (`field`, e.g. LicensingError's): that field of
    the request's body, as validation problems name it."""
    field = getattr(exc, "field", None)
    return [FieldProblem(field=f"body.{field}", message=str(exc))] if isinstance(field, str) else None


def _where(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    return ".".join(parts) if parts else "request"


# For route declarations: what each error status looks like in the OpenAPI document.
def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": HTTPStatus(status).phrase}
        for status in statuses
    }
