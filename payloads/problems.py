"""Errors as RFC 9457 problem details (application/problem+json): what every error answer holds."""

from __future__ import annotations

from pydantic import BaseModel, Field


def problem_type(slug: str | None) -> str:
    return f"urn:rightsledger:problem:{slug}" if slug else "about:blank"


# "No such thing" (a missing route is about:blank): clients tell the two apart by it.
NOT_FOUND_TYPE = problem_type("not-found")
# Recorded, but no published checkpoint holds it yet: provable after the next anchoring.
NOT_YET_PROVABLE_TYPE = problem_type("not-yet-provable")


class FieldProblem(BaseModel):
    field: str = Field(description="where: e.g. query.limit, path.entry_id, body.password")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field("about:blank", description="a URI naming the kind of problem")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldProblem] | None = Field(
        None, description="for validation problems: each field at fault"
    )
