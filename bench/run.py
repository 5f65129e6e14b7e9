"""`make bench`: the runtime pages against the bare-Pyodide floor, on loopback
and through two throttled links, page weight, answer latency, Lighthouse and
build time, measured side by side in one run.

Writes ``bench/results.json`` and ``bench/results.md`` and refreshes the table
between the ``<!-- bench:start -->`` / ``<!-- bench:end -->`` markers of the
README. Timings are medians of one run on this machine; compare ratios within
a run, not absolute values across machines or runs.

The floor is ``bench/floor/``: a page whose module worker only runs
``loadPyodide()``. It is copied next to the built site for the run only; it is
never deployed. It is timed on two runtime folders of the same host: the
site's own (``pyodide/<hash>/``: the standard library trimmed to what the
worker imports, compiled; sitebuild/stdlib.py), and the npm package's files as
published (``_npm-pyodide/``: the whole standard library as source, npm's lock
file), with the same precompressed siblings a host would send. The first ratio
says what a page adds on top of its own runtime; the second, where the page
stands against Pyodide as published.

Honesty rules this harness keeps:

- The floor and the self-check are measured interleaved (cold: alternating
  fresh contexts; warm: alternating reloads), so that a burst of load from
  other processes on this 2-core machine hits both, and the ratio compares
  like with like. The load average before and after is recorded.
- The site is served like the README's static host (bench/server.py:
  precompressed siblings, Cache-Control), for every page and for the floor.
- Every figure comes from the browser (performance marks, response bodies,
  Lighthouse's JSON); nothing is adjusted afterwards.

``--variant NAME=DIR`` adds other builds of the site, measured in the same
interleaved loop (used to record each optimisation attempt, bench/ATTEMPTS.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

from bench.server import serve  # noqa: E402
from scripts.chromium import CHROMIUM_ARGS, launch_args, system_chromium  # noqa: E402
from sitebuild.precompress import precompress_site  # noqa: E402
from sitebuild.pyodide_bundle import LOCK_FILE, RUNTIME_FILES  # noqa: E402
from sitebuild.runtime_pages import RUNTIME_PAGES  # noqa: E402

SELFCHECK = "/auto-evaluation/"
RUNTIME = {page.name: "/" + page.path for page in RUNTIME_PAGES}
"""Each runtime page's path, by name (the one list: sitebuild/runtime_pages.py)."""
PAGES = {"accueil": "/", "page du mémo": "/memo/clause-sociale/", **RUNTIME}
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
NPM_FOLDER = "_npm-pyodide"
READY_TIMEOUT_MS = 120_000
LIGHTHOUSE_RUNS = 3
WARM_PAUSE_MS = 3_000

# rAF callbacks run just before a frame is painted: the first frame in which
# the first quiz input has a box, is enabled, visible and focusable is when it
# becomes usable. The probe leaves a mark (the time) and an attribute (so that
# Playwright can wait on a selector: no wait_for_function under a strict CSP).
FIRST_INPUT_PROBE = """
(() => {
  const check = () => {
    const input = document.querySelector("[data-selfcheck] form input:not([type=hidden])");
    if (input && input.getClientRects().length && !input.disabled && input.tabIndex >= 0
        && !input.closest("[hidden], [inert]") && getComputedStyle(input).visibility !== "hidden") {
      performance.mark("bench-first-input");
      document.documentElement.setAttribute("data-bench-first-input", "");
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();
"""

# Submit -> the expected verdict is in the DOM, then the next animation frame
# (the frame that paints it). The expected verdict alternates between submits,
# so a stale result from the previous submit cannot satisfy the wait.
SUBMIT_AND_TIME = """
(expected) => new Promise((resolve, reject) => {
  const done = () => {
    const box = document.querySelector("[data-verdict]");
    return box && box.getAttribute("data-verdict") === expected && !box.closest("[hidden]");
  };
  const t0 = performance.now();
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error("no result after 10 s")); }, 10000);
  const observer = new MutationObserver(() => {
    if (done()) {
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  document.querySelector("[data-selfcheck] form button[type=submit]").click();
})
"""


@dataclass(frozen=True)
class Target:
    """A page whose readiness is timed: navigation start -> ``mark``."""

    name: str
    url: str
    selector: str
    mark: str


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, -(-len(ordered) * p // 100) - 1))
    return round(ordered[int(index)], 1)


def mark_time(page: Page, name: str) -> float:
    return round(page.evaluate("(name) => performance.getEntriesByName(name)[0].startTime", name), 1)


def load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _wait_ready(page: Page, target: Target) -> float:
    page.wait_for_selector(target.selector, state="attached", timeout=READY_TIMEOUT_MS)
    return mark_time(page, target.mark)


def cold_loads(browser: Browser, targets: list[Target], runs: int,
               throttle: dict[str, Any] | None = None) -> dict[str, list[float]]:
    """Readiness of ``runs`` loads of each target, each in a fresh browser context
    (optionally behind Chromium's network throttling), the targets interleaved and
    their order alternated from one round to the next."""
    cold: dict[str, list[float]] = defaultdict(list)
    for round_ in range(runs):
        for target in targets if round_ % 2 == 0 else reversed(targets):
            context = browser.new_context()
            page = context.new_page()
            if throttle:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", throttle)
            page.goto(target.url)
            cold[target.name].append(_wait_ready(page, target))
            context.close()
    return cold


def time_readiness(browser: Browser, targets: list[Target], runs: int, pause_ms: int) -> dict[str, dict[str, Any]]:
    """Cold (a fresh context per load) and warm (reloads in one context) readiness,
    the targets interleaved and their order alternated from one round to the next.

    A warm reload comes ``pause_ms`` after the previous load was ready, as a
    visitor would come back: what browsers and pages do once loaded (V8's
    background optimisation and caching of the wasm code) gets the time to
    finish, for the floor as for the self-check."""
    cold = cold_loads(browser, targets, runs)
    warm: dict[str, list[float]] = defaultdict(list)
    contexts: dict[str, tuple[BrowserContext, Page]] = {}
    for target in targets:  # the first load fills the cache; it is not counted
        context = browser.new_context()
        page = context.new_page()
        page.goto(target.url)
        _wait_ready(page, target)
        contexts[target.name] = (context, page)
    for round_ in range(runs):
        for target in targets if round_ % 2 == 0 else reversed(targets):
            page = contexts[target.name][1]
            page.wait_for_timeout(pause_ms)
            page.reload()
            warm[target.name].append(_wait_ready(page, target))
    for context, _ in contexts.values():
        context.close()
    return {
        t.name: {"cold_ms": median(cold[t.name]), "warm_ms": median(warm[t.name]),
                 "cold_all": cold[t.name], "warm_all": warm[t.name]}
        for t in targets
    }


LINKS = {
    "20 Mbit/s": {"offline": False, "latency": 100, "downloadThroughput": 20e6 / 8, "uploadThroughput": 5e6 / 8},
    "slow 4G": {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8},
}
"""Two links, through Chromium's own throttling (which also applies to the
worker's requests): 20 Mbit/s with 100 ms of latency, and Lighthouse's "slow
4G" (1.6 Mbit/s down, 750 kbit/s up, 150 ms), a rural phone on a prepaid plan.
On loopback the CPU is the bottleneck, on a real link the download is, and what
helps one may not show on the other."""


def time_throttled(browser: Browser, targets: list[Target], runs: int, link: str) -> dict[str, dict[str, Any]]:
    """Cold readiness through ``LINKS[link]``, the targets interleaved as in time_readiness."""
    cold = cold_loads(browser, targets, runs, LINKS[link])
    return {t.name: {"cold_ms": median(cold[t.name]), "cold_all": cold[t.name]} for t in targets}


def time_first_input(browser: Browser, url: str, runs: int) -> dict[str, Any]:
    """Navigation start -> first frame with the first quiz input usable (cold loads)."""
    values = []
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(FIRST_INPUT_PROBE)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("html[data-bench-first-input]", state="attached")
        values.append(mark_time(page, "bench-first-input"))
        context.close()
    return {"median_ms": median(values), "all": values}


def answer_latency(browser: Browser, url: str, submits: int) -> dict[str, Any]:
    """Submit -> result painted, once ready, alternating a not-eligible and an eligible answer set."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector('[data-runtime="ready"]', state="attached", timeout=READY_TIMEOUT_MS)
    page.fill("input[name=age]", "30")
    page.check("input[name=job_seeker][value=false]")
    page.check("input[name=benefits][value=none]")
    values = []
    for i in range(submits):
        eligible = i % 2 == 1
        page.check(f"input[name=disabled_worker][value={'true' if eligible else 'false'}]")
        values.append(round(page.evaluate(SUBMIT_AND_TIME, "eligible" if eligible else "not-eligible"), 1))
    context.close()
    return {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95), "n": len(values), "all": values}


def kind_of(url: str, content_type: str) -> str:
    path = url.split("?")[0]
    if "/pyodide/" in path or f"/{NPM_FOLDER}/" in path:
        return "pyodide"
    for suffix, kind in ((".css", "css"), (".js", "js"), (".mjs", "js"), (".json", "json"), (".svg", "image"),
                         (".png", "image"), (".ico", "image"), (".woff2", "font"), (".woff", "font")):
        if path.endswith(suffix):
            return kind
    return "html" if "html" in content_type or path.endswith("/") else "other"


def page_weight(browser: Browser, url: str, ready: str | None) -> dict[str, Any]:
    """Every response of one cold load (until the ``ready`` selector, if any):
    decoded bytes (raw), gzip -9 of them, and the bytes actually sent (the
    host's precompressed sibling), by kind."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=READY_TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"raw": 0, "gzip": 0, "sent": 0, "files": 0})
    for request in responses:
        response = request.response()
        if response is None or response.status != 200:
            continue
        body = response.body()
        kind = kind_of(response.url, response.headers.get("content-type", ""))
        by_kind[kind]["raw"] += len(body)
        by_kind[kind]["gzip"] += len(gzip.compress(body, 9))
        by_kind[kind]["sent"] += request.sizes()["responseBodySize"]
        by_kind[kind]["files"] += 1
    context.close()
    total = {key: sum(k[key] for k in by_kind.values()) for key in ("raw", "gzip", "sent")}
    pyodide_raw = by_kind.get("pyodide", {}).get("raw", 0)
    return {
        "by_kind": dict(by_kind),
        **total,
        "pyodide_raw": pyodide_raw,
        "non_pyodide_raw": total["raw"] - pyodide_raw,
    }


def _lighthouse_once(url: str, report: Path) -> dict[str, Any] | str:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    chrome = system_chromium()
    env = {**os.environ, **({"CHROME_PATH": chrome} if chrome else {})}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(
        [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={flags}"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0 or not report.exists():
        return f"lighthouse failed: {result.stderr.strip()[-300:]}"
    data = json.loads(report.read_text())
    scores = {key: round((cat["score"] or 0) * 100) for key, cat in data["categories"].items()}
    weighted = {r["id"] for cat in data["categories"].values() for r in cat["auditRefs"] if r.get("weight")}
    failing = sorted(
        audit_id for audit_id, audit in data["audits"].items()
        if audit_id in weighted and audit.get("score") is not None and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    )
    metrics = {key: round(data["audits"][key]["numericValue"])
               for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")}
    return {**scores, "failing_audits": failing, "metrics_ms": metrics}


def lighthouse(url: str, out_dir: Path, runs: int) -> dict[str, Any] | str:
    """Lighthouse ``runs`` times (its own advice for variable machines); the run
    with the median performance score is reported, all runs are kept."""
    if not (ROOT / "node_modules" / ".bin" / "lighthouse").exists():
        return "lighthouse missing (make deps)"
    results = []
    for i in range(runs):
        result = _lighthouse_once(url, out_dir / f"lh-{abs(hash(url))}-{i}.json")
        if isinstance(result, str):
            return result
        results.append(result)
    ordered = sorted(results, key=lambda r: r["performance"])
    return {**ordered[len(ordered) // 2], "performance_all": [r["performance"] for r in results]}


def build_times(runs: int) -> dict[str, Any]:
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["make", "--no-print-directory", "site"], cwd=ROOT, check=True, capture_output=True)
        values.append(round(time.perf_counter() - start, 2))
    return {"median_s": round(statistics.median(values), 2), "all_s": values}


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB".replace(",", " ")


def mbit(n: int) -> str:
    return f"{n / 1e6:.2f} MB"


def to_markdown(r: dict[str, Any]) -> str:
    ready, floor, npm = r["readiness"], r["readiness"]["floor"], r["readiness"]["floor_npm"]
    lines = [
        f"Measured on {r['machine']} ({r['date']}); medians of {r['runs']} interleaved runs on loopback "
        f"(warm: a reload {r['warm_pause_ms'] / 1000:g} s after the previous load was ready) and of "
        f"{r['throttled_runs']} through each link; 1-min load average {r['load_average']['before']} before, "
        f"{r['load_average']['after']} after. Reproduce with `make test && make bench`.",
        "",
        "| On loopback | Cold | Warm | Target |",
        "|---|---:|---:|---|",
        f"| Floor: bare `loadPyodide()` in a module worker, the site's runtime files | {floor['cold_ms']:.0f} ms | "
        f"{floor['warm_ms']:.0f} ms | — |",
        f"| Floor on Pyodide's files as npm publishes them | {npm['cold_ms']:.0f} ms | {npm['warm_ms']:.0f} ms | — |",
    ]
    for name in RUNTIME:
        ratio, ratio_npm = r["ratio"][name], r["ratio_npm"][name]
        lines += [
            f"| `{name}` ready (`{name}-ready` mark) | {ready[name]['cold_ms']:.0f} ms | "
            f"{ready[name]['warm_ms']:.0f} ms | — |",
            f"| `{name}` ratio to the floor on the site's files | {ratio['cold']:.2f} | {ratio['warm']:.2f} | ≤ 1.30 |",
            f"| `{name}` ratio to the floor as npm publishes it | {ratio_npm['cold']:.2f} | "
            f"{ratio_npm['warm']:.2f} | — |",
        ]
    for name, variant in r.get("variants", {}).items():
        lines.append(f"| Variant `{name}`: ready (ratio) | {variant['cold_ms']:.0f} ms ({variant['ratio_cold']:.2f}) | "
                     f"{variant['warm_ms']:.0f} ms ({variant['ratio_warm']:.2f}) | — |")
    if "throttled" in r:
        links = list(r["throttled"])
        lines += [
            "",
            "| Cold, through a link | " + " | ".join(links) + " | Target |",
            "|---|" + "---:|" * len(links) + "---|",
            "| Floor as npm publishes it | "
            + " | ".join(f"{r['throttled'][link]['floor_npm']['cold_ms']:.0f} ms" for link in links) + " | — |",
            "| Floor on the site's files | "
            + " | ".join(f"{r['throttled'][link]['floor']['cold_ms']:.0f} ms" for link in links) + " | — |",
        ]
        for name in RUNTIME:
            lines.append(
                f"| `{name}` ready (ratio to npm's floor) | "
                + " | ".join(f"{r['throttled'][link][name]['cold_ms']:.0f} ms "
                             f"({r['ratio_throttled'][link][name]:.2f})" for link in links)
                + " | ≤ 0.60 at 20 Mbit/s |"
            )
        slow = r["throttled"].get("slow 4G")
        if slow:
            for name in RUNTIME:
                saved = r["weight"]["floor_npm"]["sent"] - r["weight"][name]["sent"]
                lines.append(
                    f"| `{name}`: ahead of npm's floor on slow 4G / time its {mbit(saved)} fewer bytes take "
                    f"at 1.6 Mbit/s | {slow['floor_npm']['cold_ms'] - slow[name]['cold_ms']:.0f} ms / "
                    f"{saved * 8 / 1.6e6 * 1000:.0f} ms | | first ≥ second |"
                )
    lines += [
        "",
        "| Measure | Value | Target |",
        "|---|---:|---|",
        f"| First question usable (`selfcheck`) | {r['first_input']['median_ms']:.0f} ms | ≤ 300 ms |",
        f"| Answer latency p50 / p95 (`selfcheck`, {r['latency']['n']} submits) | {r['latency']['p50_ms']:.1f} / "
        f"{r['latency']['p95_ms']:.1f} ms | p95 ≤ 50 ms |",
        f"| Build time of `make site` (median of {len(r['build']['all_s'])}) | {r['build']['median_s']:.1f} s | — |",
        "",
        "| Page | Raw | Gzip -9 | Sent (br) | Pyodide bytes | Everything else (raw) | "
        "Lighthouse perf / a11y / best pr. / SEO |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, weight in r["weight"].items():
        lh = r["lighthouse"].get(name)
        lh_text = (f"{lh['performance']} / {lh['accessibility']} / {lh['best-practices']} / {lh['seo']}"
                   if isinstance(lh, dict) else str(lh or "not run"))
        label = "floor as npm publishes it" if name == "floor_npm" else name
        lines.append(f"| {label} | {kb(weight['raw'])} | {kb(weight['gzip'])} | {kb(weight['sent'])} | "
                     f"{kb(weight['pyodide_raw'])} | {kb(weight['non_pyodide_raw'])} | {lh_text} |")
    lines += [
        "",
        "Targets: a runtime page's first visit sends ≤ 4.0 MB; content pages fetch 0 Pyodide bytes and ≤ 400 KB "
        "of everything else (raw); Lighthouse (mobile, simulated throttling, median of "
        f"{LIGHTHOUSE_RUNS} runs) 100 for accessibility, best practices and SEO, ≥ 95 for performance on "
        "content pages.",
    ]
    return "\n".join(lines) + "\n"


def update_readme(table: str) -> None:
    readme = ROOT / "README.md"
    if not readme.exists():
        return
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{table}{end}{tail}", encoding="utf-8")


def stage(site: Path, work: Path, name: str) -> Path:
    """A copy of ``site`` in ``work/name`` with the floor page next to it, and
    Pyodide's files as npm publishes them in ``_npm-pyodide/`` (with the
    precompressed siblings a host would send, from the build cache)."""
    served = work / name
    shutil.copytree(site, served)
    shutil.copytree(ROOT / "bench" / "floor", served / "_bench")
    npm = served / NPM_FOLDER
    npm.mkdir()
    for file_name in (*RUNTIME_FILES, LOCK_FILE):
        shutil.copyfile(NPM_PYODIDE / file_name, npm / file_name)
    precompress_site(npm)
    return served


def runtime_folder(site: Path) -> str:
    """The site's runtime folder, ``pyodide/<hash>``."""
    (folder,) = (site / "pyodide").iterdir()
    return f"pyodide/{folder.name}"


def parse_variant(text: str) -> tuple[str, Path]:
    name, _, directory = text.partition("=")
    path = Path(directory)
    if not name or not (path / SELFCHECK.strip("/") / "index.html").is_file():
        raise argparse.ArgumentTypeError(f"expected NAME=DIR with a built site in DIR: {text!r}")
    return name, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 9 by default: on 2 shared cores, medians of 5 moved by 10 % from one run to the next.
    parser.add_argument("--runs", type=int, default=9, help="cold and warm loads per measure on loopback (≥ 5)")
    parser.add_argument("--throttled-runs", type=int, default=5,
                        help="cold loads per measure through each throttled link (≥ 3; a slow 4G load takes 20 s)")
    parser.add_argument("--submits", type=int, default=60, help="submits for the answer latency (≥ 50)")
    parser.add_argument("--warm-pause", type=int, default=WARM_PAUSE_MS, metavar="MS",
                        help="time on the page before a warm reload")
    parser.add_argument("--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-build", action="store_true", help="measure the existing site/ (no make site)")
    parser.add_argument("--readiness-only", action="store_true", help="floors, runtime pages and variants only")
    parser.add_argument("--variant", type=parse_variant, action="append", default=[], metavar="NAME=DIR",
                        help="another build of the site whose self-check is timed in the same loop")
    parser.add_argument("--no-readme", action="store_true", help="do not refresh the README table")
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="where results.json/.md go")
    args = parser.parse_args()
    if args.runs < 5 or args.submits < 50 or args.throttled_runs < 3:
        parser.error("medians need at least 5 runs on loopback, 3 through a link, and 50 submits")
    if args.no_build and not args.readiness_only:
        parser.error("the full table includes the build time: --no-build goes with --readiness-only")

    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "runs": args.runs,
                               "throttled_runs": args.throttled_runs, "warm_pause_ms": args.warm_pause}
    if not args.no_build:
        print("Building (make site ×3)…", flush=True)
        results["build"] = build_times(3)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    servers = []
    try:
        site = stage(ROOT / "site", work, "site")
        main_server, base = serve(site)
        servers.append(main_server)
        floors = [
            Target("floor", f"{base}/_bench/?runtime={runtime_folder(site)}", '[data-floor="ready"]', "floor-ready"),
            Target("floor_npm", f"{base}/_bench/?runtime={NPM_FOLDER}", '[data-floor="ready"]', "floor-ready"),
        ]
        pages = [Target(name, base + path, f'#{name}[data-runtime="ready"]', f"{name}-ready")
                 for name, path in RUNTIME.items()]
        targets = floors + pages
        for name, directory in args.variant:
            server, variant_base = serve(stage(directory, work, f"variant-{len(servers)}"))
            servers.append(server)
            targets.append(Target(f"variant:{name}", variant_base + SELFCHECK, '[data-selfcheck="ready"]',
                                  "selfcheck-ready"))
        results["load_average"] = {"before": load_average()}
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_args())
            results["machine"] = (f"{os.cpu_count()} cores, {platform.machine()}, "
                                  f"Chromium {browser.version}")
            print(f"Readiness: {', '.join(t.name for t in targets)} ({args.runs} interleaved rounds)…", flush=True)
            readiness = time_readiness(browser, targets, args.runs, args.warm_pause)
            results["readiness"] = {t.name: readiness.pop(t.name) for t in floors + pages}

            def ratio(measure: dict[str, Any], kind: str, to: str = "floor") -> float:
                return round(measure[f"{kind}_ms"] / results["readiness"][to][f"{kind}_ms"], 2)

            results["ratio"] = {t.name: {kind: ratio(results["readiness"][t.name], kind) for kind in ("cold", "warm")}
                                for t in pages}
            results["ratio_npm"] = {t.name: {kind: ratio(results["readiness"][t.name], kind, "floor_npm")
                                             for kind in ("cold", "warm")} for t in pages}
            results["variants"] = {
                name.removeprefix("variant:"): {**measure, "ratio_cold": ratio(measure, "cold"),
                                                "ratio_warm": ratio(measure, "warm")}
                for name, measure in readiness.items()
            }
            if not args.readiness_only:
                results["throttled"], results["ratio_throttled"] = {}, {}
                for link in LINKS:
                    print(f"Readiness through the {link} link ({args.throttled_runs} rounds)…", flush=True)
                    timed = time_throttled(browser, floors + pages, args.throttled_runs, link)
                    results["throttled"][link] = timed
                    results["ratio_throttled"][link] = {
                        t.name: round(timed[t.name]["cold_ms"] / timed["floor_npm"]["cold_ms"], 2) for t in pages}
                print("First question, answer latency, page weight…", flush=True)
                results["first_input"] = time_first_input(browser, base + SELFCHECK, args.runs)
                results["latency"] = answer_latency(browser, base + SELFCHECK, args.submits)
                results["weight"] = {name: page_weight(browser, base + path,
                                                       f'#{name}[data-runtime="ready"]' if name in RUNTIME else None)
                                     for name, path in PAGES.items()}
                results["weight"]["floor_npm"] = page_weight(browser, floors[1].url, floors[1].selector)
            browser.close()
        results["lighthouse"] = {}
        if not args.readiness_only and not args.no_lighthouse:
            for name, path in PAGES.items():
                print(f"Lighthouse: {name} (×{args.lighthouse_runs})…", flush=True)
                results["lighthouse"][name] = lighthouse(base + path, work, args.lighthouse_runs)
        results["load_average"]["after"] = load_average()
    finally:
        for server in servers:
            server.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    if args.readiness_only:
        summary = {name: {k: v for k, v in m.items() if not k.endswith("_all")}
                   for name, m in {**results["readiness"], **results["variants"]}.items()}
        print(json.dumps({"ratio": results["ratio"], "ratio_npm": results["ratio_npm"], "readiness": summary,
                          "load_average": results["load_average"]}, indent=1, ensure_ascii=False))
        return
    table = to_markdown(results)
    (args.out / "results.md").write_text(table)
    if not args.no_readme and args.out == ROOT / "bench":
        update_readme(table)
    print(table)


if __name__ == "__main__":
    main()
