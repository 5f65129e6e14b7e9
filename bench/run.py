"""`make bench`: the self-check against the bare-Pyodide floor, page weight,
answer latency, Lighthouse and build time, measured side by side in one run.

Writes ``bench/results.json`` and ``bench/results.md`` and refreshes the table
between the ``<!-- bench:start -->`` / ``<!-- bench:end -->`` markers of the
README. Timings are medians (and p95 where it matters) of one run on this
machine; compare ratios within a run, not absolute values across machines.

The floor is ``bench/floor/``: a page whose module worker only runs
``loadPyodide()`` from the site's own runtime files. It is copied next to the
built site for the run only; it is never deployed.
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from scripts.chromium import CHROMIUM_ARGS, launch_args, system_chromium  # noqa: E402
from scripts.static_server import serve  # noqa: E402

SELFCHECK = "/auto-evaluation/"
PAGES = {"accueil": "/", "page du mémo": "/memo/clause-sociale/", "auto-évaluation": SELFCHECK}
READY_TIMEOUT_MS = 120_000

# rAF runs just before each frame is painted: the first frame in which the
# first quiz input has a box and is enabled is when it becomes usable.
FIRST_INPUT_PROBE = """
(() => {
  const check = () => {
    const input = document.querySelector("[data-selfcheck] form input:not([type=hidden])");
    if (input && input.getClientRects().length && !input.disabled
        && getComputedStyle(input).visibility !== "hidden") {
      performance.mark("bench-first-input");
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();
"""

SUBMIT_AND_TIME = """
(expected) => new Promise((resolve, reject) => {
  const done = () => {
    const box = document.querySelector("[data-verdict]");
    return box && box.getAttribute("data-verdict") === expected && !box.closest("[hidden]");
  };
  const t0 = performance.now();
  const observer = new MutationObserver(() => {
    if (done()) { observer.disconnect(); resolve(performance.now() - t0); }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  setTimeout(() => { observer.disconnect(); reject(new Error("no result after 10 s")); }, 10000);
  document.querySelector("[data-selfcheck] form button[type=submit]").click();
})
"""


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index], 1)


def mark_time(page: Page, name: str) -> float:
    return page.evaluate(f"performance.getEntriesByName({json.dumps(name)})[0].startTime")


def time_ready(browser: Browser, url: str, selector: str, mark: str, runs: int) -> dict[str, Any]:
    """Navigation start → ``mark``: cold (fresh context each run) and warm (reloads)."""
    cold = []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(selector, state="attached", timeout=READY_TIMEOUT_MS)
        cold.append(mark_time(page, mark))
        context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(selector, state="attached", timeout=READY_TIMEOUT_MS)
    warm = []
    for _ in range(runs):
        page.reload()
        page.wait_for_selector(selector, state="attached", timeout=READY_TIMEOUT_MS)
        warm.append(mark_time(page, mark))
    context.close()
    return {"cold_ms": median(cold), "warm_ms": median(warm), "cold_all": cold, "warm_all": warm}


def time_first_input(browser: Browser, url: str, runs: int) -> dict[str, Any]:
    values = []
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(FIRST_INPUT_PROBE)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("[data-selfcheck] form input", state="visible")
        page.wait_for_timeout(50)
        values.append(mark_time(page, "bench-first-input"))
        context.close()
    return {"median_ms": median(values), "all": values}


def answer_latency(browser: Browser, url: str, submits: int) -> dict[str, Any]:
    """Submit → result in the DOM, alternating a not-eligible and an eligible answer set."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector('[data-selfcheck="ready"]', state="attached", timeout=READY_TIMEOUT_MS)
    page.fill("input[name=age]", "30")
    page.check("input[name=job_seeker][value=false]")
    page.check("input[name=benefits][value=none]")
    values = []
    for i in range(submits):
        eligible = i % 2 == 1
        page.check(f"input[name=disabled_worker][value={'true' if eligible else 'false'}]")
        values.append(page.evaluate(SUBMIT_AND_TIME, "eligible" if eligible else "not-eligible"))
    context.close()
    return {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95), "n": len(values)}


def kind_of(url: str, content_type: str) -> str:
    path = url.split("?")[0]
    if "/pyodide/" in path:
        return "pyodide"
    for suffix, kind in ((".css", "css"), (".js", "js"), (".mjs", "js"), (".json", "json"), (".svg", "image"),
                         (".png", "image"), (".ico", "image"), (".woff2", "font"), (".woff", "font")):
        if path.endswith(suffix):
            return kind
    return "html" if "html" in content_type or path.endswith("/") else "other"


def page_weight(browser: Browser, url: str, wait_ready: bool) -> dict[str, Any]:
    """Every response body of one cold load, raw and gzip-9, split by kind."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    if wait_ready:
        page.wait_for_selector('[data-selfcheck="ready"]', state="attached", timeout=READY_TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"raw": 0, "gzip": 0, "files": 0})
    for response in responses:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        kind = kind_of(response.url, response.headers.get("content-type", ""))
        by_kind[kind]["raw"] += len(body)
        by_kind[kind]["gzip"] += len(gzip.compress(body, 9))
        by_kind[kind]["files"] += 1
    context.close()
    total_raw = sum(k["raw"] for k in by_kind.values())
    return {
        "by_kind": dict(by_kind),
        "raw": total_raw,
        "gzip": sum(k["gzip"] for k in by_kind.values()),
        "pyodide_raw": by_kind.get("pyodide", {}).get("raw", 0),
        "non_pyodide_raw": total_raw - by_kind.get("pyodide", {}).get("raw", 0),
    }


def lighthouse(url: str, out_dir: Path) -> dict[str, int] | str:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return "lighthouse missing (make deps)"
    chrome = system_chromium()
    env = {**os.environ, **({"CHROME_PATH": chrome} if chrome else {})}
    report = out_dir / f"lh-{abs(hash(url))}.json"
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
    failing = sorted(
        audit_id for audit_id, audit in data["audits"].items()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") in ("binary", "numeric")
        and any(audit_id in {r["id"] for r in cat["auditRefs"] if r.get("weight")} for cat in data["categories"].values())
    )
    return {**scores, "failing_audits": failing}


def build_times(runs: int) -> dict[str, Any]:
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["make", "--no-print-directory", "site"], cwd=ROOT, check=True, capture_output=True)
        values.append(round(time.perf_counter() - start, 2))
    return {"median_s": round(statistics.median(values), 2), "all_s": values}


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB".replace(",", " ")


def to_markdown(r: dict[str, Any]) -> str:
    f, s = r["floor"], r["selfcheck"]
    lines = [
        f"Measured on {r['machine']} ({r['date']}), medians of {r['runs']} runs; `make bench` reproduces it.",
        "",
        "| Measure | Cold | Warm | Target |",
        "|---|---:|---:|---|",
        f"| Floor: bare `loadPyodide()` in a module worker | {f['cold_ms']:.0f} ms | {f['warm_ms']:.0f} ms | — |",
        f"| Self-check ready (`selfcheck-ready` mark) | {s['cold_ms']:.0f} ms | {s['warm_ms']:.0f} ms | — |",
        f"| Ratio ready / floor | {r['ratio']['cold']:.2f} | {r['ratio']['warm']:.2f} | ≤ 1.10 |",
        f"| First question usable | {r['first_input']['median_ms']:.0f} ms | | ≤ 300 ms |",
        f"| Answer latency p50 / p95 ({r['latency']['n']} submits) | {r['latency']['p50_ms']:.1f} / "
        f"{r['latency']['p95_ms']:.1f} ms | | p95 ≤ 50 ms |",
        f"| Build time of `make site` | {r['build']['median_s']:.1f} s | | — |",
        "",
        "| Page | Raw | Gzip | Pyodide bytes | Everything else (raw) | Lighthouse perf / a11y / best pr. / SEO |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, weight in r["weight"].items():
        lh = r["lighthouse"].get(name)
        lh_text = (f"{lh['performance']} / {lh['accessibility']} / {lh['best-practices']} / {lh['seo']}"
                   if isinstance(lh, dict) else str(lh))
        lines.append(f"| {name} | {kb(weight['raw'])} | {kb(weight['gzip'])} | {kb(weight['pyodide_raw'])} | "
                     f"{kb(weight['non_pyodide_raw'])} | {lh_text} |")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold and warm loads per measure (≥ 5)")
    parser.add_argument("--submits", type=int, default=60, help="submits for the answer latency (≥ 50)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-readme", action="store_true", help="do not refresh the README table")
    args = parser.parse_args()

    print("Building (make site)…", flush=True)
    build = build_times(3)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    served = work / "site"
    shutil.copytree(ROOT / "site", served)
    shutil.copytree(ROOT / "bench" / "floor", served / "_bench")
    server, base = serve(served)
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Chromium {system_chromium() or 'Playwright'}",
        "runs": args.runs,
        "build": build,
    }
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_args())
            print("Floor and self-check readiness…", flush=True)
            results["floor"] = time_ready(browser, base + "/_bench/", '[data-floor="ready"]', "floor-ready", args.runs)
            results["selfcheck"] = time_ready(browser, base + SELFCHECK, '[data-selfcheck="ready"]',
                                              "selfcheck-ready", args.runs)
            results["ratio"] = {
                t: round(results["selfcheck"][f"{t}_ms"] / results["floor"][f"{t}_ms"], 2) for t in ("cold", "warm")
            }
            print("First question, answer latency, page weight…", flush=True)
            results["first_input"] = time_first_input(browser, base + SELFCHECK, args.runs)
            results["latency"] = answer_latency(browser, base + SELFCHECK, args.submits)
            results["weight"] = {name: page_weight(browser, base + path, path == SELFCHECK)
                                 for name, path in PAGES.items()}
            browser.close()
        results["lighthouse"] = {}
        if not args.no_lighthouse:
            for name, path in PAGES.items():
                print(f"Lighthouse: {name}…", flush=True)
                results["lighthouse"][name] = lighthouse(base + path, work)
    finally:
        server.shutdown()
    table = to_markdown(results)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (ROOT / "bench" / "results.md").write_text(table)
    if not args.no_readme:
        update_readme(table)
    print(table)


if __name__ == "__main__":
    main()
