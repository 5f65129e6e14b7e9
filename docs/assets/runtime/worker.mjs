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

import { loadPyodide } from "../../pyodide/pyodide.mjs";

const INDEX_URL = new URL("../../pyodide/", import.meta.url).href;
const OLD_SNAPSHOT_CACHE = "clause-sociale-pyodide";

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

async function start() {
  // The wheel is fetched while Python starts; Pyodide checks its sha256 against the lock file.
  const pyodide = await loadPyodide({ indexURL: INDEX_URL, packages: ["eligibility"] });
  const handle = pyodide.pyimport("eligibility.protocol").handle;
  const probe = JSON.parse(handle(PROBE));
  if (!probe.ok) throw new Error(`probe failed: ${JSON.stringify(probe)}`);
  return handle;
}

const ready = start();

ready.then(() => settle({ lifecycle: "ready" }), fail);

// Earlier versions of this page kept a memory snapshot of Python in Cache
// Storage (about 6 MB per browser). Since the standard library is precompiled
// it no longer pays for itself (bench/ATTEMPTS.md): free the space it took.
ready.then(() => globalThis.caches?.delete(OLD_SNAPSHOT_CACHE)).catch(() => {});

addEventListener("message", async (event) => {
  let handle;
  try {
    handle = await ready;
  } catch {
    return; // the page already got {lifecycle: "failed"}
  }
  postMessage(handle(typeof event.data === "string" ? event.data : ""));
});
