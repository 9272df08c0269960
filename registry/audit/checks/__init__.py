"""The audit checks of every business area, one module each (see registry.audit.declarations):
a new area's checks are one more module here and one more term of CHECKS."""

from __future__ import annotations

from registry.audit.checks import (
    access,
    distribution,
    evidence,
    licensing,
    members,
    money,
    repertoire,
    usage,
)
from registry.audit.declarations import Checks

CHECKS: Checks = (
    access.CHECKS
    + distribution.CHECKS
    + evidence.CHECKS
    + licensing.CHECKS
    + members.CHECKS
    + money.CHECKS
    + repertoire.CHECKS
    + usage.CHECKS
)
