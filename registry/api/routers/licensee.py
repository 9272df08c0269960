"""A licensee's own business: its licenses, invoices (with what is still owed) and contracts,
and signing a contract with its own key. Another licensee's numbers answer 404, like unknown ones."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from payloads.licensing import ContractOut, InvoiceOut, LicenseOut
from payloads.paging import Page
from registry.api import views
from registry.api.deps import NO_NUL, PERIOD, Db, Pages, require
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.api.schemas import SignatureIn
from registry.api.unit_of_work import unit_of_work
from registry.services.access.users import Principal
from registry.services.licensing import lookups as licensing_lookups
from registry.services.licensing.econtracts import add_signature
from registry.services.licensing.signing_keys import unb64
from registry.services.reporting import lookups

router = APIRouter(prefix="/v1/me", tags=["licensee"], responses=problem_responses(401, 403))
Licensee = Annotated[Principal, Depends(require("licensee"))]
Number = Annotated[str, Path(max_length=40, pattern=NO_NUL)]


def _licensee(caller: Principal) -> int:
    if caller.licensee_id is None:
        raise ApiProblem(403, "your account names no licensee: ask the society")
    return caller.licensee_id


@router.get("/licenses", response_model=Page[LicenseOut], responses=problem_responses(422))
def my_licenses(caller: Licensee, db: Db, pages: Pages) -> Page[LicenseOut]:
    query = licensing_lookups.LicenseQuery(licensee_id=_licensee(caller))
    page = licensing_lookups.search_licenses(db, query, pages.limit, pages.offset)
    stated = lookups.latest_stated(db, "license", (lic.number for lic in page.items))
    return Page(
        items=[views.license(lic, stated[lic.number]) for lic in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/invoices", response_model=Page[InvoiceOut], responses=problem_responses(422))
def my_invoices(
    caller: Licensee,
    db: Db,
    pages: Pages,
    period: Annotated[str | None, Query(pattern=PERIOD)] = None,
) -> Page[InvoiceOut]:
    """Invoices of the licensee's licenses, each with what was paid and the balance."""
    page = licensing_lookups.licensee_invoices(db, _licensee(caller), pages.limit, pages.offset, period)
    return Page(
        items=[views.invoice(i) for i in page.items], total=page.total, limit=pages.limit, offset=pages.offset
    )


@router.get("/invoices/{number}", response_model=InvoiceOut, responses=problem_responses(404, 422))
def my_invoice(caller: Licensee, db: Db, number: Number) -> InvoiceOut:
    found = licensing_lookups.invoice_of(db, _licensee(caller), number)
    if found is None:
        raise not_found(f"no invoice {number!r}")
    return views.invoice(found)


@router.get("/contracts", response_model=Page[ContractOut], responses=problem_responses(422))
def my_contracts(caller: Licensee, db: Db, pages: Pages) -> Page[ContractOut]:
    page = licensing_lookups.licensee_contracts(db, _licensee(caller), pages.limit, pages.offset)
    return Page(
        items=[views.contract(c) for c in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/contracts/{number}", response_model=ContractOut, responses=problem_responses(404, 422))
def my_contract(caller: Licensee, db: Db, number: Number) -> ContractOut:
    found = licensing_lookups.contract_of(db, _licensee(caller), number)
    if found is None:
        raise not_found(f"no contract {number!r}")
    return views.contract(found)


@router.post(
    "/contracts/{number}/sign", response_model=ContractOut, responses=problem_responses(404, 422, 503)
)
@unit_of_work
def sign(caller: Licensee, db: Db, number: Number, data: SignatureIn) -> ContractOut:
    """Add the licensee's signature, made by its own client with its private key over the
    contract's canonical payload (the `payload` field, as UTF-8 bytes). It is verified against the
    licensee's public key named in the payload; the second signature records the contract entry."""
    found = licensing_lookups.contract_of(db, _licensee(caller), number)
    if found is None:
        raise not_found(f"no contract {number!r}")
    add_signature(db, found, "licensee", unb64(data.signature, where="the signature"))
    out = views.contract(found)
    db.commit()
    return out
