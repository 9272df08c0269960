"""The portal's benchmarks of issue 18, in Debian's Chromium, one after the other:

    python bench/portal_bench.py [statements|lookups ...]

- `portal_statements_bench.py`: a member's statement of 5,000 lines (table visible, verify every
  line, the PDF built once), beside the code before;
- `portal_lookups_bench.py`: the public look-ups (license, work, verify by id) at 100,000 venues,
  beside the code before.

Each prints its own figures and ratios to its targets; run one directly for its options.
Figures only: it never passes or fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHES = {"statements": "portal_statements_bench.py", "lookups": "portal_lookups_bench.py"}


def main() -> int:
    wanted = sys.argv[1:] or list(BENCHES)
    unknown = [name for name in wanted if name not in BENCHES]
    if unknown:
        print(f"unknown bench {', '.join(unknown)}; choose from {', '.join(BENCHES)}", file=sys.stderr)
        return 2
    for name in wanted:
        print(f"== {name} ({BENCHES[name]})", flush=True)
        subprocess.run([sys.executable, str(HERE / BENCHES[name])], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
