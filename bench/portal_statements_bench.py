"""The portal at real size, in Debian's Chromium (Playwright): a member's statement of 5,000 lines.

    python bench/portal_statements_bench.py                    # 5,000 lines, 10 runs each, with the baseline
    python bench/portal_statements_bench.py --runs 3 --lines 1000 --no-baseline

Builds an anchored ledger on the embedded chain (a member with 2,500 works held for the
performing and mechanical rights: two karaoke lines each), starts the API (uvicorn, in a thread)
and the portal (streamlit), then measures, medians of --runs, each run a fresh browser session:

- statement table: from "Log in" on My payouts to the lines table on screen (target 2 s), and,
  logged in on an earlier short statement, from choosing the long one to its table (the same
  target without the login's password hashing and page change);
- verify every line: from the click to the verdict of all lines (target 5 s);
- PDF statement: the build (in-process, target 3 s), and a second download that must not build
  it again (the portal logs each build);

and the same measures for the code before this change (--base, default the branch's base commit:
a `git worktree` of it runs its own portal; its measures are capped and printed "> N s").
Figures only: it never passes or fails. Each measure is a function; `main` runs them.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for folder in (REPO, REPO / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from common import Row, add, fmt_s, note, print_table, verdict  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from portal.api_client import ApiClient  # noqa: E402
from portal.i18n import translate  # noqa: E402
from portal.statement_pdf import WORDS, Holder, statement_pdf  # noqa: E402
from portal.statements import payout_lines  # noqa: E402
from registry.api import create_app  # noqa: E402
from registry.crypto import field_cipher  # noqa: E402
from rightsledger.commands.serve import api_settings  # noqa: E402
from rightsledger.context import initialise, open_chain, publisher, sessions, unit_of_work  # noqa: E402
from rightsledger.settings import Settings, load_settings  # noqa: E402
from tests.conftest import application_env  # noqa: E402
from tests.portal.conftest import free_port  # noqa: E402
from tests.serving import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.society.access import add_users  # noqa: E402
from tests.society.anchoring import start_anchoring  # noqa: E402
from tests.society.licensing import karaoke_tariff  # noqa: E402
from tests.society.members import add_member, ref  # noqa: E402
from tests.society.repertoire import add_work, shares  # noqa: E402
from tests.society.usage import REPORT_SHA256, distribute_karaoke, usage_frame  # noqa: E402

ORIGIN = "cmo.example/bench-log"
PERIOD, SOURCE = "2026-03", "karaoke"
EARLIER = "2026-02"  # a statement of 4 lines
PASSWORD = "member-password"
TABLE_TARGET, VERIFY_TARGET, PDF_TARGET = 2.0, 5.0, 3.0
BASE_COMMIT = "43f9ba1"  # the branch's base: the code before the statements change


@dataclass
class Ledger:
    settings: Settings
    contract: str
    vkey: str
    lines: int

    def portal_env(self, api_url: str, port: int) -> dict[str, str]:
        return {
            **application_env(),
            "RIGHTS_PORTAL_DATA_DIR": str(self.settings.data_dir.resolve()),
            "RIGHTS_PORTAL_CONTRACT_ADDRESS": self.contract,
            "RIGHTS_PORTAL_LOG_VKEY": self.vkey,
            "RIGHTS_PORTAL_LOG_ORIGIN": ORIGIN,
            "RIGHTS_PORTAL_API_URL": api_url,
            "RIGHTS_PORTAL_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "RIGHTS_PORTAL_API_TIMEOUT": "120",
        }


# --- the ledger ---------------------------------------------------------------------------------
def build_ledger(base: Path, lines: int) -> Ledger:
    """A member holding lines/2 works (performing and mechanical: two karaoke lines each), one
    karaoke distribution of PERIOD over their plays, anchored on the embedded chain."""
    settings = load_settings(
        data_dir=base / "data",
        database_url=None,
        log_key_path=None,
        chain_url=None,
        contract_address=None,
        log_vkey=None,
        log_origin=ORIGIN,
    )
    signer = initialise(settings)
    factory = sessions(settings)
    cipher = field_cipher(settings.data_dir / "keys" / "data.key")
    started = time.perf_counter()
    with open_chain(settings) as conn:
        anchoring = start_anchoring(factory, conn, publisher(settings, conn), signer, ORIGIN)
        with unit_of_work(settings) as session:
            member = add_member(session, cipher, "Deng", first_name="Lijun", ipi=7001)
            karaoke_tariff(session)
            add_users(session, PASSWORD, members={"member": member.id})
            work_ids = []
            for n in range(lines // 2):
                work = add_work(
                    session,
                    f"B-{n}",
                    f"Song {n:05d} 歌曲",
                    shares=shares(ref(member), "CA", ("PR", "MR"), 10_000),
                )
                work_ids.append(work.id)
                if n % 500 == 499:
                    print(f"  built {n + 1} works", file=sys.stderr, flush=True)
        with unit_of_work(settings) as session:
            usage = usage_frame([(None, w, 1 + (w * 7919) % 97, True) for w in work_ids])
            result = distribute_karaoke(
                session, PERIOD, usage, 500_000_000, [(REPORT_SHA256, f"plays-{PERIOD}.csv", len(work_ids))]
            )
        with unit_of_work(settings) as session:  # an earlier, short statement to open the long one from
            usage = usage_frame([(None, w, 3, True) for w in work_ids[:2]])
            reports = [(REPORT_SHA256, f"plays-{EARLIER}.csv", 2)]
            distribute_karaoke(session, EARLIER, usage, 1_000_000, reports)
        anchoring.anchor()
    factory.kw["bind"].dispose()
    stated = result.lines.height
    note(f"ledger: {stated} statement lines for one member, built in {time.perf_counter() - started:.0f} s")
    return Ledger(settings, anchoring.contract, signer.verifier().vkey, stated)


# --- servers ------------------------------------------------------------------------------------
@contextmanager
def api_server(settings: Settings) -> Iterator[str]:
    app_settings = api_settings(settings).model_copy(update={"rate_per_second": 0, "proof_epoch_seconds": 0})
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(app_settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def portal_server(code: Path, env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    """`streamlit run <code>/portal/app.py`, its own code first on the path."""
    command = [
        sys.executable, "-m", "streamlit", "run", str(code / "portal" / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    out = log.open("w")
    process = subprocess.Popen(
        command,
        env={**env, "PYTHONPATH": str(code)},
        cwd=log.parent,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=1).text == "ok":
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the portal did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        out.close()


# --- measures -------------------------------------------------------------------------------------
def en(key: str, **values: object) -> str:
    return translate(key, "en", **values)


def open_statement(page: Page, portal: str, lines: int, cap: float) -> float:
    """Log in on My payouts (the latest statement opens) and wait for its lines table."""
    page.goto(f"{portal}/payouts?lang=en")
    page.get_by_label(en("login.username")).fill("member")
    page.get_by_role("textbox", name=en("login.password")).fill(PASSWORD)
    started = time.perf_counter()
    page.get_by_role("button", name=en("login.submit")).click()
    page.get_by_text(en("payouts.shown", shown=lines, n=lines)).wait_for(timeout=cap * 1000)
    page.locator("[data-testid=stDataFrame]").last.wait_for(timeout=cap * 1000)
    return time.perf_counter() - started


def choose_statement(page: Page, portal: str, lines: int, cap: float) -> float:
    """Logged in on the short earlier statement, choose the long one from the list: from the
    choice to its lines table on screen (opening a statement, the login apart)."""
    page.goto(f"{portal}/payouts?lang=en&period={EARLIER}&source={SOURCE}")
    page.get_by_label(en("login.username")).fill("member")
    page.get_by_role("textbox", name=en("login.password")).fill(PASSWORD)
    page.get_by_role("button", name=en("login.submit")).click()
    page.get_by_text(en("payouts.shown", shown=4, n=4)).wait_for(timeout=cap * 1000)
    started = time.perf_counter()
    page.get_by_role("combobox", name=en("payouts.pick")).click()
    page.get_by_role("option", name=f"{PERIOD} · {en(f'payouts.source.{SOURCE}')}").click()
    page.get_by_text(en("payouts.shown", shown=lines, n=lines)).wait_for(timeout=cap * 1000)
    page.locator("[data-testid=stDataFrame]").last.wait_for(timeout=cap * 1000)
    return time.perf_counter() - started


def verify_every_line(page: Page, lines: int, cap: float) -> float:
    started = time.perf_counter()
    page.get_by_role("button", name=en("payouts.verify_all")).click()
    page.get_by_text(f"All {lines} lines verified").wait_for(timeout=cap * 1000)
    return time.perf_counter() - started


def measure_statement(browser: Browser, portal: str, ledger: Ledger, runs: int) -> dict[str, list[float]]:
    """Each run a fresh session: open the statement, then verify every line."""
    times: dict[str, list[float]] = {"table": [], "verify": [], "chosen": []}
    for run in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        page = context.new_page()
        times["table"].append(open_statement(page, portal, ledger.lines, 120))
        times["verify"].append(verify_every_line(page, ledger.lines, 120))
        context.close()
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        times["chosen"].append(choose_statement(context.new_page(), portal, ledger.lines, 120))
        context.close()
        print(
            f"  run {run + 1}: table {times['table'][-1]:.2f} s, verify {times['verify'][-1]:.2f} s, "
            f"chosen {times['chosen'][-1]:.2f} s",
            file=sys.stderr,
        )
    return times


def measure_pdf_build(ledger: Ledger, api_url: str, runs: int) -> list[float]:
    """The PDF statement built in-process from the API's statement, as the page builds it."""
    with ApiClient(api_url, timeout=120) as client:
        token = client.login("member", PASSWORD).access_token
    with ApiClient(api_url, token=token, timeout=120) as client:
        fetched = client.statement(PERIOD, SOURCE)
    lines = payout_lines(fetched)
    words = {w: en(f"pdf.{w}") for w in WORDS}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        statement_pdf(
            holder=Holder("Lijun Deng", "M-1"),
            statements=fetched,
            lines=lines,
            public_url="http://x",
            words=words,
        )
        times.append(time.perf_counter() - started)
    return times


def measure_second_download(
    browser: Browser, portal: str, ledger: Ledger, log: Path
) -> tuple[float, int, bool]:
    """A new session prepares the PDF (the seconds from the click to its download button) and
    downloads it twice: how many builds the portal logged, and whether both files are the same."""
    before = log.read_text().count("statement PDF built")
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    open_statement(page, portal, ledger.lines, 120)
    started = time.perf_counter()
    page.get_by_role("button", name=en("payouts.pdf_prepare")).click()
    page.get_by_role("button", name=en("payouts.pdf")).wait_for(timeout=120_000)
    prepared = time.perf_counter() - started
    files = []
    for _ in range(2):
        with page.expect_download(timeout=120_000) as got:
            page.get_by_role("button", name=en("payouts.pdf")).click()
        files.append(Path(got.value.path()).read_bytes())
    context.close()
    return prepared, log.read_text().count("statement PDF built") - before, files[0] == files[1]


# --- the code before this change ------------------------------------------------------------------
def measure_old_page(browser: Browser, portal: str, ledger: Ledger, cap: float) -> dict[str, float | None]:
    """The old page: its lines as expanders, after a PDF with one QR per line; verify-all fetched
    and checked one proof per line. None: not done within `cap` seconds."""
    out: dict[str, float | None] = {"table": None, "verify": None}
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.goto(f"{portal}/payouts?lang=en")
    page.get_by_label(en("login.username")).fill("member")
    page.get_by_role("textbox", name=en("login.password")).fill(PASSWORD)
    started = time.perf_counter()
    page.get_by_role("button", name=en("login.submit")).click()
    try:
        page.get_by_role("button", name="Verify every line").wait_for(timeout=cap * 1000)
        page.locator("[data-testid=stExpander]").last.wait_for(timeout=cap * 1000)
        out["table"] = time.perf_counter() - started
        started = time.perf_counter()
        page.get_by_role("button", name="Verify every line").click()
        page.get_by_text(f"All {ledger.lines} lines verify.").wait_for(timeout=cap * 1000)
        out["verify"] = time.perf_counter() - started
    except Exception as exc:  # a timeout: the cap is the figure
        note(f"old page: stopped after {cap:.0f} s ({type(exc).__name__})")
    context.close()
    return out


def measure_old_pdf(base: Path, ledger: Ledger, api_url: str, cap: float) -> float | None:
    """The old PDF (one QR per line) built in a subprocess from the old code, stopped at `cap`."""
    script = f"""
import time, sys
sys.path.insert(0, {str(base)!r})
from portal.api_client import ApiClient
from portal.statement_pdf import statement_pdf
from portal.statements import payout_lines
with ApiClient({api_url!r}, timeout=120) as c:
    token = c.login("member", {PASSWORD!r}).access_token
with ApiClient({api_url!r}, token=token, timeout=120) as c:
    lines = payout_lines(c.statement({PERIOD!r}, {SOURCE!r}))
words = dict(title="t", member="m", period="p", source="s", total="t", what="w", amount="a", scan="s")
t = time.perf_counter()
statement_pdf(member="member", period={PERIOD!r}, source={SOURCE!r}, lines=lines,
              public_url="http://x", words=words)
print(time.perf_counter() - t)
"""
    try:
        done = subprocess.run(
            [sys.executable, "-c", script],
            env={**application_env(), "PYTHONPATH": str(base)},
            capture_output=True,
            text=True,
            timeout=cap,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout.strip().splitlines()[-1])


@contextmanager
def base_worktree(commit: str, scratch: Path) -> Iterator[Path]:
    path = scratch / "base"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(path), commit],
        check=True,
        capture_output=True,
    )
    try:
        yield path
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(path)],
            check=False,
            capture_output=True,
        )


# --- the table ------------------------------------------------------------------------------------
def figure(values: list[float] | float | None, cap: float | None) -> str:
    if cap is None:
        return "not run"
    if values is None:
        return f"> {cap:.0f} s"
    if isinstance(values, list):
        return fmt_s(statistics.median(values))
    return fmt_s(values)


def report_statement(
    times: dict[str, list[float]],
    pdf: list[float],
    rebuilt: tuple[float, int, bool],
    old: dict[str, float | None],
    old_pdf: float | None,
    cap: float | None,
    runs: int,
) -> None:
    table, verify = statistics.median(times["table"]), statistics.median(times["verify"])
    build = statistics.median(pdf)
    n = f"median of {runs}"
    add(Row("statement", f"table visible after opening ({n})", fmt_s(table), figure(old["table"], cap),
            target=f"<= {TABLE_TARGET:.0f} s", verdict=verdict(table <= TABLE_TARGET)))  # fmt: skip
    chosen = statistics.median(times["chosen"])
    add(Row("statement", f"table visible after choosing it, logged in ({n})", fmt_s(chosen), "not measured",
            target=f"<= {TABLE_TARGET:.0f} s", verdict=verdict(chosen <= TABLE_TARGET)))  # fmt: skip
    old_verify = figure(old["verify"], cap) if old["table"] is not None or cap is None else "page not shown"
    add(Row("statement", f"verify every line ({n})", fmt_s(verify), old_verify,
            target=f"<= {VERIFY_TARGET:.0f} s", verdict=verdict(verify <= VERIFY_TARGET)))  # fmt: skip
    add(Row("statement", f"PDF statement built ({n})", fmt_s(build), figure(old_pdf, cap),
            target=f"<= {PDF_TARGET:.0f} s", verdict=verdict(build <= PDF_TARGET)))  # fmt: skip
    prepared, builds, same = rebuilt
    add(Row("statement", "PDF prepared in the browser (click to download button, one run)", fmt_s(prepared),
            target=f"<= {PDF_TARGET:.0f} s", verdict=verdict(prepared <= PDF_TARGET)))  # fmt: skip
    add(Row("statement", "PDF builds for two downloads (new session)", str(builds), "each rerun",
            target="<= 1, same bytes", verdict=verdict(builds <= 1 and same)))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cap", type=float, default=180.0, help="seconds before an old measure stops")
    parser.add_argument("--base", default=BASE_COMMIT, help="the commit measured as before")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rl-portal-bench-") as scratch_dir:
        scratch = Path(scratch_dir)
        ledger = build_ledger(scratch, args.lines)
        with api_server(ledger.settings) as api_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            port = free_port()
            log = scratch / "portal.log"
            with portal_server(REPO, ledger.portal_env(api_url, port), port, log) as portal:
                times = measure_statement(browser, portal, ledger, args.runs)
                rebuilt = measure_second_download(browser, portal, ledger, log)
            pdf = measure_pdf_build(ledger, api_url, args.runs)
            old: dict[str, float | None] = {"table": None, "verify": None}
            old_pdf = None
            if not args.no_baseline:
                with base_worktree(args.base, scratch) as base:
                    old_pdf = measure_old_pdf(base, ledger, api_url, args.cap)
                    port = free_port()
                    env = ledger.portal_env(api_url, port)
                    with portal_server(base, env, port, scratch / "old-portal.log") as portal:
                        old = measure_old_page(browser, portal, ledger, args.cap)
                note(f"before: commit {args.base}, one run each (capped at {args.cap:.0f} s)")
            browser.close()
        cap = None if args.no_baseline else args.cap
        report_statement(times, pdf, rebuilt, old, old_pdf, cap, args.runs)
    print_table(f"The portal at real size: a member's statement of {ledger.lines} lines (Chromium)")
    return 0


MEASURES: dict[str, Callable[..., object]] = {  # another measure (public look-ups) goes beside these
    "statement": measure_statement,
    "pdf build": measure_pdf_build,
    "second download": measure_second_download,
}


if __name__ == "__main__":
    raise SystemExit(main())
