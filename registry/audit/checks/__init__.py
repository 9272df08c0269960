"""What the audit checks: every entry kind's own checks (registry.kinds, declared with each kind)
and the checks that span kinds, one module per business area here."""

from __future__ import annotations

from registry.audit.checks import access, distribution, licensing, money, usage
from registry.kinds import kind_checks
from registry.kinds.checks import Checks

# Every kind's own checks, then the checks that span kinds or whose body builders live in services
# (a run's conservation, a contract's signatures, money movements, API accounts, usage totals).
CHECKS: Checks = (
    kind_checks() + distribution.CHECKS + licensing.CHECKS + money.CHECKS + access.CHECKS + usage.CHECKS
)
