"""The monthly transparency report on a demo's data directory: how long computing it takes (median
of --runs) and the figures a reader looks for first (conflicts opened, distribution per source,
licenses issued). Prints; never fails. Run it with this checkout's code, then with an older one on
PYTHONPATH, to compare before and after:

    .venv/bin/python bench/report_bench.py --data-dir .rightsledger/demo --month 2026-11
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from registry.services.reporting.transparency import monthly_report
from rightsledger.context import sessions
from rightsledger.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--month", required=True)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    settings = load_settings(data_dir=args.data_dir, database_url=None)
    factory = sessions(settings)
    seconds, body = [], {}
    for _ in range(args.runs):
        with factory() as session:
            started = time.perf_counter()
            body = monthly_report(session, args.month)
            seconds.append(time.perf_counter() - started)
    print(f"monthly_report({args.month}): median {statistics.median(seconds) * 1000:.1f} ms over {args.runs}")
    print(f"sections: {', '.join(k for k in body if k != 'month')}")
    print(f"conflicts: {body.get('conflicts')}")
    licensing: dict[str, Any] = body.get("licensing", {})
    print(
        f"licenses issued: {licensing.get('licenses_issued')}; "
        f"at month end: {licensing.get('licenses_at_month_end')}"
    )
    for source, figures in (body.get("distribution") or {}).get("by_source", {}).items():
        print(f"distribution {source}: {figures}")
    print(f"claims: {body.get('claims', 'no section')}")


if __name__ == "__main__":
    main()
