// The insertion-hours estimator page: wire the build-time form to the Python rules.
//
// This file holds no rule, no arithmetic and no French text. The entries go,
// as typed, to `eligibility.protocol` in the self-check's worker (request
// "hours", through the shared ../selfcheck/runtime.js); the check of each
// entry, the figure, the full-time equivalent and every sentence come back
// from the tested Python code. Fixed French messages come from the page's HTML
// (data-msg-* on the status line). Python-provided strings are only ever set
// as textContent.
//
// The entries go to the worker only: never to the network, never to storage.

import { getRuntime } from "../selfcheck/runtime.js";

/** Show the formula and contacts if the runtime is still not ready after this long. */
const WATCHDOG_MS = 10_000;
const bound = new WeakSet();

/** The form's entries as [name, value] pairs: exactly what `estimate_from_form` reads. */
function formPairs(form) {
  return [...new FormData(form)].map(([name, value]) => [name, String(value)]);
}

class Estimator {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.status = root.querySelector("[role=status]");
    this.formError = root.querySelector("#estimator-form-error");
    this.submit = this.form.querySelector("button[type=submit]");
    this.submitLabel = this.submit.textContent;
    this.result = root.querySelector("#estimator-result");
    this.fallback = root.querySelector("#estimator-fallback");
    this.fields = [...this.form.querySelectorAll("[data-field]")];
    this.busy = false;
    this.runtime = getRuntime();

    this.form.addEventListener("submit", (event) => this.onSubmit(event));
    this.form.addEventListener("input", (event) => this.clearFieldError(event.target.closest("[data-field]")));

    this.start();
  }

  say(key) {
    this.status.textContent = this.status.dataset[key] ?? "";
  }

  /** Wait for the runtime; show the text fallback meanwhile if it is slow. */
  start() {
    if (this.runtime.state === "error") {
      this.showFailure(false);
      return;
    }
    this.root.dataset.selfcheck = "loading";
    this.say("msgLoading");
    const watchdog = setTimeout(() => {
      if (this.runtime.state === "loading") {
        this.say("msgSlow");
        this.showFallback("slow");
      }
    }, WATCHDOG_MS);
    this.runtime.ready.then(
      () => {
        clearTimeout(watchdog);
        if (!this.root.isConnected) return;
        this.fallback.hidden = true;
        this.root.dataset.selfcheck = "ready";
        if (!this.busy) this.say("msgReady");
        performance.mark("estimator-ready");
      },
      () => {
        clearTimeout(watchdog);
        this.showFailure(this.busy);
      },
    );
  }

  showFallback(when) {
    for (const part of this.fallback.querySelectorAll("[data-when]")) part.hidden = part.dataset.when !== when;
    this.fallback.hidden = false;
  }

  /** The runtime will not answer: say so, and show the formula and contacts as text. */
  showFailure(moveFocus) {
    this.root.dataset.selfcheck = "error";
    this.setBusy(false);
    this.form.hidden = true;
    this.result.hidden = true;
    this.say("msgError");
    this.showFallback("error");
    if (moveFocus) this.fallback.querySelector("h2").focus();
  }

  setBusy(busy) {
    this.busy = busy;
    this.submit.textContent = busy ? this.submit.dataset.busyLabel : this.submitLabel;
    if (busy) this.submit.setAttribute("aria-disabled", "true");
    else this.submit.removeAttribute("aria-disabled");
  }

  async onSubmit(event) {
    event.preventDefault();
    if (this.busy) return;
    this.clearErrors();
    if (this.runtime.state === "error") {
      this.showFailure(true);
      return;
    }
    if (this.runtime.state !== "ready") {
      this.setBusy(true);
      this.say("msgBusy");
    }
    let reply;
    try {
      reply = await this.runtime.request("hours", { form: formPairs(this.form) });
    } catch {
      this.showFailure(true);
      return;
    }
    this.setBusy(false);
    this.say("msgReady");
    if (reply.ok) this.showResult(reply.hours);
    else this.showError(reply.error ?? {});
  }

  clearFieldError(field) {
    if (!field) return;
    const message = field.querySelector(".estimator__error");
    message.hidden = true;
    message.textContent = "";
    field.querySelector("input").removeAttribute("aria-invalid");
  }

  clearErrors() {
    this.formError.hidden = true;
    this.formError.textContent = "";
    for (const field of this.fields) this.clearFieldError(field);
  }

  /** The package's French message at the field it names, which gets the focus. */
  showError({ field, message }) {
    this.result.hidden = true;
    const wrapper = this.fields.find((f) => f.dataset.field === field);
    if (!wrapper) {
      this.formError.textContent = message ?? "";
      this.formError.hidden = false;
      this.formError.focus();
      return;
    }
    const slot = wrapper.querySelector(".estimator__error");
    slot.textContent = message ?? "";
    slot.hidden = false;
    const input = wrapper.querySelector("input");
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  /** Fill the result area with the estimate's texts, show it and move focus to it. */
  showResult(estimate) {
    for (const name of ["summary", "calculation", "note"]) {
      this.result.querySelector(`[data-result="${name}"]`).textContent = estimate[name];
    }
    this.result.dataset.hours = String(estimate.hours);
    this.result.dataset.fte = String(estimate.fte);
    this.result.hidden = false;
    this.result.querySelector("h2").focus();
  }
}

function bind() {
  const root = document.querySelector("[data-estimator]");
  if (!root || bound.has(root)) return;
  bound.add(root);
  new Estimator(root);
}

// Material's instant navigation (if enabled) swaps the page without reloading
// this module: it announces each new page on document$.
if (window.document$?.subscribe) window.document$.subscribe(bind);
else bind();
