// Module worker: runs the `eligibility` package under the site's own Pyodide.
//
// Why a worker: starting Python takes seconds of CPU; here it never blocks the
// page, which stays answerable meanwhile. Why no logic here: every reply is
// what `eligibility.protocol.handle` returned for the request text, so the
// browser shows exactly what the tested Python code produced.
//
// Everything is fetched from the site itself: the runtime, the standard
// library, the lock file and the eligibility wheel, whose sha256 the lock file
// pins (Pyodide checks it before installing). They live in
// `../../pyodide/<hash>/`, a folder named after their content
// (sitebuild/pyodide_bundle.py), which the page names in this script's URL
// (`worker.mjs?runtime=<hash>`, overrides/runtime-page.html): a host can then
// let browsers keep them for a year.

const RUNTIME = new URL(import.meta.url).searchParams.get("runtime") ?? "";
const INDEX_URL = new URL(`../../pyodide/${encodeURIComponent(RUNTIME)}/`, import.meta.url).href;
const OLD_SNAPSHOT_CACHE = "clause-sociale-pyodide";

/** A round trip that must succeed before the page is told "ready" (the build
 * answers the same one to learn what the worker imports: sitebuild/precompile.py). */
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

// Pyodide reports a broken lock file, and a wheel that does not match the
// sha256 the lock file pins, only once Python has booted (seconds of CPU,
// during which this thread handles nothing else): read a copy of each response
// as soon as it arrives, so that such a runtime is reported at once.
const LOCK_FILE = "pyodide-lock.json";
let pinnedWheel = null; // the sha256 the lock file pins for the rules' wheel, once read

function checkLockFile(response) {
  pinnedWheel = response.json().then(
    (lock) => {
      const rules = lock?.packages?.eligibility;
      if (typeof rules?.sha256 !== "string") fail(`${LOCK_FILE} does not list the eligibility wheel`);
      return rules?.sha256;
    },
    (error) => fail(`${LOCK_FILE} is not JSON: ${error}`),
  );
}

async function checkWheel(response) {
  if (!globalThis.crypto?.subtle) return; // not a secure context: Pyodide still checks, later
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  const actual = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const pinned = await pinnedWheel;
  if (pinned && actual !== pinned) fail(`the eligibility wheel does not have the sha256 ${LOCK_FILE} pins`);
}

// Every file this worker fetches (lock file, standard library, wasm, wheel) is
// needed: the first one that fails (blocked, missing, sha256 mismatch) dooms
// the runtime. Say so now rather than after Python has finished booting.
const originalFetch = globalThis.fetch;
globalThis.fetch = function (...args) {
  return originalFetch.apply(this, args).then(
    (response) => {
      const path = new URL(response.url).pathname;
      if (!response.ok) fail(`HTTP ${response.status} for ${response.url}`);
      else if (path.endsWith(`/${LOCK_FILE}`)) checkLockFile(response.clone());
      else if (/\/eligibility-[^/]+\.whl$/.test(path)) checkWheel(response.clone()).catch(fail);
      return response;
    },
    (error) => {
      fail(`cannot fetch ${args[0]}: ${error}`);
      throw error;
    },
  );
};

async function start() {
  if (!/^[0-9a-f]{16}$/.test(RUNTIME)) throw new Error(`no runtime named in the worker's URL (${RUNTIME})`);
  const { loadPyodide } = await import(`${INDEX_URL}pyodide.mjs`);
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
