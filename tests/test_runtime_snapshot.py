"""The runtime snapshot (docs/assets/selfcheck/snapshot.mjs): the worker keeps
a memory snapshot of the freshly started Python in Cache Storage, and a later
visit restores it instead of booting Python again (bench/ATTEMPTS.md has the
timings; no stopwatch here).

What must hold, whatever the timings: the snapshot is stored after a first
visit, a visit that restores it answers exactly as before, and a snapshot
that cannot be restored is dropped and replaced without the visitor noticing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from eligibility import evaluate, from_form

ROOT = Path(__file__).resolve().parent.parent
SELFCHECK = "/auto-evaluation/"
READY_TIMEOUT_MS = 60_000
CACHE_NAME = "clause-sociale-pyodide"
PYODIDE_VERSION = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
SNAPSHOT_MAGIC = 1886286592  # Pyodide 314's first 32-bit word of a memory snapshot

# Reads the stored snapshot from the page (same origin as the worker):
# null when absent, else its first 32-bit word once decompressed.
READ_SNAPSHOT = """
async ([name, url]) => {
  const cache = await caches.open(name);
  const response = await cache.match(url);
  if (!response) return null;
  try {
    const inflated = response.body.pipeThrough(new DecompressionStream("gzip"));
    const reader = inflated.getReader();
    const { value } = await reader.read();
    reader.cancel();
    return new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true);
  } catch (error) {
    return `unreadable: ${error}`;
  }
}
"""

# Two ways a stored entry can be unusable: bytes that are not gzip at all,
# and gzip of bytes that are not a snapshot.
PUT_GARBAGE = """
async ([name, url, compressed]) => {
  const cache = await caches.open(name);
  let body = new Blob([new Uint8Array(4096).fill(7)]);
  if (compressed) body = await new Response(body.stream().pipeThrough(new CompressionStream("gzip"))).blob();
  await cache.put(url, new Response(body));
}
"""

# An eligible path through the quiz (recognised disabled worker), as form entries.
ELIGIBLE = {"age": "40", "job_seeker": "false", "benefits": "none", "disabled_worker": "true"}


def snapshot_url(site_url: str) -> str:
    return f"{site_url}/pyodide/snapshot-{PYODIDE_VERSION}.bin"


def wait_ready(page: Page) -> None:
    expect(page.locator("#selfcheck")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)


def stored_word(page: Page, site_url: str) -> int | str | None:
    return page.evaluate(READ_SNAPSHOT, [CACHE_NAME, snapshot_url(site_url)])


def wait_for_stored_snapshot(page: Page, site_url: str) -> int | str | None:
    """The worker stores the snapshot just after "ready": poll for it (bounded)."""
    word = None
    for _ in range(150):
        word = stored_word(page, site_url)
        if word == SNAPSHOT_MAGIC:
            break
        page.wait_for_timeout(100)
    return word


def answer_and_submit(page: Page, answers: dict[str, str]) -> None:
    page.fill("input[name=age]", answers["age"])
    for name in ("job_seeker", "benefits", "disabled_worker"):
        page.check(f"input[name={name}][value={answers[name]}]")
    page.click("#selfcheck-form button[type=submit]")


def expected_verdict(answers: dict[str, str]) -> str:
    """What CPython's rules say for the same form entries."""
    return "eligible" if evaluate(from_form(list(answers.items()))).eligible else "not-eligible"


def test_a_first_visit_stores_a_snapshot_of_the_started_python(page: Page, site_url: str) -> None:
    page.goto(site_url + SELFCHECK)
    wait_ready(page)
    assert wait_for_stored_snapshot(page, site_url) == SNAPSHOT_MAGIC


def test_a_visit_that_restores_the_snapshot_answers_like_a_fresh_start(page: Page, site_url: str) -> None:
    page.goto(site_url + SELFCHECK)
    wait_ready(page)
    assert wait_for_stored_snapshot(page, site_url) == SNAPSHOT_MAGIC
    page.reload()  # this load finds the snapshot
    wait_ready(page)
    answer_and_submit(page, ELIGIBLE)
    result = page.locator("#selfcheck-result")
    expect(result).to_have_attribute("data-verdict", expected_verdict(ELIGIBLE))
    expect(result.locator("li[data-criterion]")).to_have_count(1)
    expect(result.locator("li[data-criterion='disabled_worker']")).to_have_count(1)
    # The restored interpreter stored nothing new: the first visit's snapshot stays.
    assert stored_word(page, site_url) == SNAPSHOT_MAGIC


@pytest.mark.parametrize("compressed", [False, True], ids=["not-gzip", "gzip-of-garbage"])
def test_a_snapshot_that_cannot_be_restored_is_replaced_without_an_error(
    page: Page, site_url: str, compressed: bool
) -> None:
    page.goto(site_url + "/")  # same origin, no worker yet
    page.evaluate(PUT_GARBAGE, [CACHE_NAME, snapshot_url(site_url), compressed])
    assert stored_word(page, site_url) != SNAPSHOT_MAGIC
    page.goto(site_url + SELFCHECK)
    wait_ready(page)
    expect(page.locator("#selfcheck-fallback")).to_be_hidden()
    assert wait_for_stored_snapshot(page, site_url) == SNAPSHOT_MAGIC
