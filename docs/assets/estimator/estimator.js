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

import { RuntimeForm, bindOnEveryPage, formPairs } from "../selfcheck/runtime-form.js";

class Estimator extends RuntimeForm {
  constructor(root) {
    super(root, "estimator");
    this.form.addEventListener("input", (event) => this.clearError(event.target.closest("[data-field]")));
    this.start();
  }

  ask() {
    return this.runtime.request("hours", { form: formPairs(this.form) });
  }

  /** Fill the result area with the estimate's texts, show it and move focus to it. */
  showResult({ hours: estimate }) {
    for (const name of ["summary", "calculation", "note"]) {
      this.result.querySelector(`[data-result="${name}"]`).textContent = estimate[name];
    }
    this.result.dataset.hours = String(estimate.hours);
    this.result.dataset.fte = String(estimate.fte);
    this.revealResult();
  }
}

bindOnEveryPage("[data-estimator]", (root) => new Estimator(root));
