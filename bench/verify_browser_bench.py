"""The Verify page's client-side verdict: the time from a proof's upload to the verdict on screen,
in Debian's Chromium (Playwright), the portal checking in the reader's browser against a real
Anvil. Median of 20 uploads of the same valid proof; target <= 1 s.

    python bench/verify_browser_bench.py             # 20 uploads
    python bench/verify_browser_bench.py --uploads 5

Starts its own Anvil (node_modules) and portal (streamlit), with the small anchored log the
browser tests use (tests/portal/anvil_log.py). Prints figures: it never passes or fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for folder in (REPO, REPO / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from common import Row, add, fmt_s, print_table, verdict  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from anchor.chain import connect  # noqa: E402
from tests.chains import free_port, running_node  # noqa: E402
from tests.portal.anvil_log import anvil_portal, build_anvil_log, upload_in_browser  # noqa: E402
from tests.serving import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TARGET = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rl-verify-browser-") as scratch:
        workdir = Path(scratch)
        with running_node("anvil", workdir) as node, connect(node.url, workdir / "writer") as conn:
            log = build_anvil_log(conn, node.url)
            proof = workdir / "license.rlproof"
            proof.write_text(log.proofs["license.rlproof"], encoding="utf-8")
            with anvil_portal(log, workdir, port=free_port()) as portal, sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"{portal}/verify?lang=en")
                page.frame_locator("iframe").first.locator("#rl-file").wait_for(
                    state="attached", timeout=60_000
                )
                upload_in_browser(page, proof)  # warm-up: compiled code, the connection to the node
                times = []
                for _ in range(args.uploads):
                    seconds_verdict = upload_in_browser(page, proof)
                    assert seconds_verdict[0] == "proven", seconds_verdict
                    times.append(seconds_verdict[1])
                browser.close()
    median = statistics.median(times)
    add(
        Row(
            "browser",
            f"upload -> client-side verdict, median of {len(times)}",
            fmt_s(median),
            target=f"<= {TARGET:.0f} s",
            verdict=verdict(median <= TARGET),
        )
    )
    add(Row("browser", "slowest upload", fmt_s(max(times))))
    print_table("Verification in the reader's browser (Chromium, Anvil)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
