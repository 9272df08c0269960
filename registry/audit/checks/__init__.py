"""The audit checks of every business area, one module each (see registry.audit.declarations):
a new area's checks are one more module here and one more term of CHECKS."""

from __future__ import annotations

from registry.audit.checks import distribution, evidence, licensing, members, repertoire, usage
from registry.audit.declarations import Checks

CHECKS: Checks = (
    distribution.CHECKS
    + evidence.CHECKS
    + licensing.CHECKS
    + members.CHECKS
    + repertoire.CHECKS
    + usage.CHECKS
)
