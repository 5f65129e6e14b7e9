// The page's side of the tiny JSON protocol with the Pyodide worker.
//
// It holds no rule and no text, only plumbing (start the worker, match
// replies to requests by id, report readiness or failure): every page that
// asks `eligibility.protocol` something shares it, through runtime-form.js.
//
// Wire format (see eligibility/protocol.py):
//   page -> worker : the request as JSON text, e.g. '{"id":1,"type":"applicable","form":[...]}'
//   worker -> page : the reply as JSON text (what `handle` returned), or a
//                    lifecycle object {lifecycle: "ready"} / {lifecycle: "failed", reason}.

/**
 * The worker's URL, which names the runtime's folder: the page says it
 * (#runtime-config, overrides/runtime-page.html), the same URL its <head>
 * started the worker from.
 */
function workerUrl() {
  const worker = document.getElementById("runtime-config")?.dataset.worker;
  if (!worker) throw new Error("the page does not say where its runtime is (#runtime-config)");
  return new URL(worker, document.baseURI);
}

/** Give up on a runtime that has neither answered nor failed after this long. */
export const DEADLINE_MS = 60_000;

export class Runtime {
  /** @type {"loading" | "ready" | "error"} */
  state = "loading";
  /** Why the runtime failed (for the console; the page shows its own French text). */
  reason = "";
  #worker = null;
  #pending = new Map();
  #nextId = 1;
  #deadline = 0;
  #settle = { resolve: () => {}, reject: () => {} };

  constructor() {
    /** Resolves when the worker can answer; rejects if it never will. */
    this.ready = new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.ready.catch(() => {}); // failure is reported through `state`, not as an unhandled rejection
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      this.#fail("WebAssembly is not available in this browser");
      return;
    }
    const early = adoptEarlyWorker();
    try {
      this.#worker = early?.worker ?? new Worker(workerUrl(), { type: "module", name: "rules" });
    } catch (error) {
      this.#fail(`cannot start the worker: ${error}`);
      return;
    }
    for (const type of ["message", "error", "messageerror"]) {
      this.#worker.addEventListener(type, (event) => this.#onEvent(event));
    }
    this.#deadline = setTimeout(() => this.#fail(`not ready after ${DEADLINE_MS} ms`), DEADLINE_MS);
    for (const event of early?.events ?? []) this.#onEvent(event);
  }

  #onEvent(event) {
    if (event.type === "message") {
      this.#receive(event.data);
    } else if (event.type === "error") {
      event.preventDefault();
      this.#fail(`worker error: ${event.message || "script failed to load"}`);
    } else {
      this.#fail("unreadable message from the worker");
    }
  }

  /**
   * Send one request ({type, ...fields}) and get the parsed reply.
   * Waits for readiness first; rejects if the runtime fails.
   */
  async request(type, fields = {}) {
    await this.ready;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage(JSON.stringify({ ...fields, id, type }));
    });
  }

  #receive(data) {
    if (typeof data === "string") {
      let reply;
      try {
        reply = JSON.parse(data);
      } catch {
        this.#fail("the worker sent a reply that is not JSON");
        return;
      }
      const waiting = this.#pending.get(reply.id);
      if (waiting) {
        this.#pending.delete(reply.id);
        waiting.resolve(reply);
      }
    } else if (data && data.lifecycle === "ready" && this.state === "loading") {
      clearTimeout(this.#deadline);
      this.state = "ready";
      this.#settle.resolve();
    } else if (data && data.lifecycle === "failed") {
      this.#fail(`the worker could not load the rules: ${data.reason}`);
    }
  }

  #fail(reason) {
    if (this.state === "error") return;
    clearTimeout(this.#deadline);
    this.state = "error";
    this.reason = reason;
    console.error(`[runtime] ${reason}`);
    this.#worker?.terminate();
    const error = new Error(reason);
    this.#settle.reject(error);
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }
}

/**
 * The worker that the page's <head> started before this module was even
 * fetched (overrides/partials/early-worker.html), with the events it sent
 * meanwhile; null when there is none (instant navigation, other pages).
 * Taken once: the head's listeners stop recording.
 */
function adoptEarlyWorker() {
  const early = globalThis.runtimeEarlyWorker;
  if (!early) return null;
  delete globalThis.runtimeEarlyWorker;
  early.stop();
  return early;
}

let shared = null;

/**
 * The one runtime of this document, started on first use. It outlives
 * Material's instant navigation, so coming back to the page finds it ready.
 */
export function getRuntime() {
  shared ??= new Runtime();
  return shared;
}
