"""Every declared crash point is passed by a job and crashed at by a test group."""

from __future__ import annotations

import re

from anchor.faults import ANCHORING, CWR_IMPORT, DISTRIBUTION, USAGE_IMPORT, CrashPoint
from tests.paths import REPO


def test_every_crash_point_is_in_one_group_and_passed_by_the_code() -> None:
    groups = [*ANCHORING, *CWR_IMPORT, *USAGE_IMPORT, *DISTRIBUTION, CrashPoint.AFTER_COMMIT]
    assert sorted(groups) == sorted(CrashPoint), "a point is in no group, or in two"
    code = "\n".join(
        path.read_text() for top in ("anchor", "registry") for path in (REPO / top).rglob("*.py")
    )
    passed = set(re.findall(r"CrashPoint\.([A-Z_]+)", code))
    missing = {p.name for p in CrashPoint if p is not CrashPoint.AFTER_COMMIT} - passed
    assert not missing, f"declared but never passed by a job: {sorted(missing)}"
