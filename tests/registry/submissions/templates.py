"""Works templates for the tests: CSV text in the template's English headers, a row per work."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

HEADERS = (
    "submitter_work_id",
    "title",
    "iswc",
    "writer_1_name",
    "writer_1_ipi",
    "writer_1_role",
    "writer_1_pr_share",
    "writer_1_mr_share",
    "publisher_1_name",
    "publisher_1_pr_share",
    "publisher_1_mr_share",
    "isrc",
    "artist",
    "ai_involvement",
    "ai_tool",
    "human_share",
)


def template(rows: Sequence[Mapping[str, object]]) -> bytes:
    """A CSV template: each row's values by header, the others empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows([row.get(h, "") for h in HEADERS] for row in rows)
    return out.getvalue().encode()


def row(number: int, title: str | None = None, **more: object) -> dict[str, object]:
    """A work wholly one writer's (100% performing and mechanical)."""
    return {
        "submitter_work_id": f"PUB-{number}",
        "title": title or f"Song Number {number}",
        "writer_1_name": f"Writer{number}, Ann",
        "writer_1_role": "CA",
        "writer_1_pr_share": 100,
        "writer_1_mr_share": 100,
        **more,
    }
