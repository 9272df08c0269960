"""What the audit checks: every entry kind's own checks (registry.kinds, declared with each kind)
and the checks that span kinds, one module per business area here."""

from __future__ import annotations

from registry.audit.checks import distribution, licensing
from registry.kinds import kind_checks
from registry.kinds.checks import Checks

CHECKS: Checks = kind_checks() + distribution.CHECKS + licensing.CHECKS
