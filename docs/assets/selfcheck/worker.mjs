// Module worker: runs the `eligibility` package under the site's own Pyodide.
//
// Why a worker: starting Python takes seconds of CPU; here it never blocks the
// page, which stays answerable meanwhile. Why no logic here: every reply is
// what `eligibility.protocol.handle` returned for the request text, so the
// browser shows exactly what the tested Python code produced.
//
// Everything is fetched from the site itself (`../../pyodide/`): the runtime,
// the standard library, the lock file and the eligibility wheel, whose sha256
// the lock file pins (Pyodide checks it before installing).

import { loadPyodide, version } from "../../pyodide/pyodide.mjs";
import { findSnapshot, forgetSnapshots, saveSnapshot } from "./snapshot.mjs";

const INDEX_URL = new URL("../../pyodide/", import.meta.url).href;

/** A round trip that must succeed before the page is told "ready". */
const PROBE = JSON.stringify({ id: "probe", type: "applicable", form: [] });

let settled = false;

/** Tell the page, once, whether the rules can answer. */
function settle(message) {
  if (settled) return;
  settled = true;
  postMessage(message);
}

function fail(error) {
  settle({ lifecycle: "failed", reason: String(error?.message ?? error) });
}

// Pyodide 314 catches a failed WebAssembly instantiation (blocked or corrupt
// pyodide.asm.wasm, wrong MIME type), only logs "wasm instantiation failed!"
// and never settles loadPyodide(). Report such a failure at once instead of
// leaving the page waiting for its deadline.
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  if (typeof original !== "function") continue;
  WebAssembly[name] = function (...args) {
    return original.apply(this, args).catch((error) => {
      fail(`WebAssembly.${name}: ${error}`);
      throw error;
    });
  };
}
addEventListener("unhandledrejection", (event) => fail(event.reason));

// Pyodide reports a broken lock file only once Python has booted (seconds of
// CPU, during which this thread handles nothing else): read a copy of the
// response as soon as it arrives, so that a corrupted or wrong lock file is
// reported at once.
const LOCK_FILE = "pyodide-lock.json";

function checkLockFile(response) {
  response.json().then(
    (lock) => {
      const rules = lock?.packages?.eligibility;
      if (typeof rules?.sha256 !== "string") fail(`${LOCK_FILE} does not list the eligibility wheel`);
    },
    (error) => fail(`${LOCK_FILE} is not JSON: ${error}`),
  );
}

// Every file this worker fetches (lock file, standard library, wasm, wheel) is
// needed: the first one that fails (blocked, missing, sha256 mismatch) dooms
// the runtime. Say so now rather than after Python has finished booting.
const originalFetch = globalThis.fetch;
globalThis.fetch = function (...args) {
  return originalFetch.apply(this, args).then(
    (response) => {
      if (!response.ok) fail(`HTTP ${response.status} for ${response.url}`);
      else if (new URL(response.url).pathname.endsWith(`/${LOCK_FILE}`)) checkLockFile(response.clone());
      return response;
    },
    (error) => {
      fail(`cannot fetch ${args[0]}: ${error}`);
      throw error;
    },
  );
};

/**
 * Python, restored from this browser's snapshot of an earlier visit when
 * there is one (a fraction of the boot time: bench/ATTEMPTS.md), else booted
 * and snapshotted at once, before any package or request reaches it
 * (snapshot.mjs says why that holds nothing the visitor typed).
 */
async function bootPython() {
  const stored = await findSnapshot(INDEX_URL, version);
  if (stored) {
    try {
      return { pyodide: await loadPyodide({ indexURL: INDEX_URL, _loadSnapshot: stored.bytes }), snapshot: null };
    } catch {
      await forgetSnapshots(); // stale or corrupt: boot normally below
    }
  }
  const pyodide = await loadPyodide({ indexURL: INDEX_URL, _makeSnapshot: true });
  return { pyodide, snapshot: pyodide.makeMemorySnapshot() };
}

async function start() {
  const { pyodide, snapshot } = await bootPython();
  // After the snapshot: Pyodide cannot snapshot an interpreter with packages loaded.
  await pyodide.loadPackage("eligibility");
  const handle = pyodide.pyimport("eligibility.protocol").handle;
  const probe = JSON.parse(handle(PROBE));
  if (!probe.ok) throw new Error(`probe failed: ${JSON.stringify(probe)}`);
  // Stored once the page has been told "ready" (this runs after that message).
  if (snapshot) setTimeout(() => saveSnapshot(INDEX_URL, version, snapshot), 0);
  return handle;
}

const ready = start();

ready.then(() => settle({ lifecycle: "ready" }), fail);

addEventListener("message", async (event) => {
  let handle;
  try {
    handle = await ready;
  } catch {
    return; // the page already got {lifecycle: "failed"}
  }
  postMessage(handle(typeof event.data === "string" ? event.data : ""));
});
