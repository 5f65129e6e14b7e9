// Worker side: keep a memory snapshot of the freshly started Python in the
// browser's Cache Storage, so that the next visit restores it instead of
// booting Python again.
//
// Why: booting the interpreter is most of the page's waiting time (seconds of
// CPU); restoring a snapshot takes a fraction of it (bench/ATTEMPTS.md). The
// snapshot is made by this browser, right after Python has started and before
// any package is loaded or any request handled: it holds the interpreter's
// own state and nothing the visitor typed. Nothing is downloaded for it.
//
// Why not ship a snapshot with the site: it would add about 4 MB (Brotli) to
// every first visit, for people who may pay for their data.
//
// Everything here is best effort: no Cache Storage (plain-HTTP hosts, some
// private modes), a full quota, a corrupt or stale entry all mean "boot
// normally", never a failure of the self-check.

const CACHE_NAME = "clause-sociale-pyodide";

/** One entry per runtime build: Pyodide refuses a snapshot of another build anyway. */
function entryUrl(indexURL, version) {
  return new URL(`snapshot-${encodeURIComponent(version)}.bin`, indexURL).href;
}

function storage() {
  return typeof caches === "object" && caches ? caches : null;
}

/**
 * The stored snapshot for this runtime version: null when there is none, else
 * ``{bytes}``, a promise of its bytes still being decompressed (so that
 * Pyodide fetches and compiles its wasm meanwhile). The promise is wrapped so
 * that ``await`` does not wait for it, and marked as handled: if the entry
 * turns out corrupt, the rejection reaches loadPyodide (which falls back), not
 * the worker's "unhandledrejection" failure report.
 */
export async function findSnapshot(indexURL, version) {
  const store = storage();
  if (!store || typeof DecompressionStream !== "function") return null;
  try {
    const cache = await store.open(CACHE_NAME);
    const response = await cache.match(entryUrl(indexURL, version));
    if (!response?.body) return null;
    const inflated = response.body.pipeThrough(new DecompressionStream("gzip"));
    const bytes = new Response(inflated).arrayBuffer().then((buffer) => new Uint8Array(buffer));
    bytes.catch(() => {});
    return { bytes };
  } catch {
    return null;
  }
}

/** Drop every stored snapshot (after a failed restore). */
export async function forgetSnapshots() {
  try {
    await storage()?.delete(CACHE_NAME);
  } catch {
    // Nothing stored, or storage unavailable: nothing to forget.
  }
}

/**
 * Store ``snapshot`` gzip-compressed (30 MB of heap, mostly zeros: about
 * 6 MB) for this runtime version, replacing snapshots of other versions.
 */
export async function saveSnapshot(indexURL, version, snapshot) {
  const store = storage();
  if (!store || typeof CompressionStream !== "function") return;
  try {
    const body = new Blob([snapshot]).stream().pipeThrough(new CompressionStream("gzip"));
    const compressed = await new Response(body).blob();
    const cache = await store.open(CACHE_NAME);
    const url = entryUrl(indexURL, version);
    for (const request of await cache.keys()) {
      if (request.url !== url) await cache.delete(request);
    }
    await cache.put(url, new Response(compressed, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch {
    // Quota exceeded or storage refused: the next visit boots normally.
  }
}
