// The insertion-hours estimator page: wire the build-time form to the Python rules.
//
// This file holds no rule, no arithmetic and no French text. The entries go,
// as typed, to `eligibility.protocol` in the rules' worker (request "hours",
// through ../runtime/); the check of each entry, the figure, the full-time
// equivalent and every sentence come back from the tested Python code. Fixed
// French messages come from the page's HTML (data-msg-* on the status line).
// Python-provided strings are only ever set as textContent.
//
// The entries go to the worker and to this tab's sessionStorage (so that a
// reload keeps them; data/browser-storage.yml), never to the network.

import { RuntimeForm, bindOnEveryPage, formPairs } from "../runtime/runtime-form.js";

class Estimator extends RuntimeForm {
  constructor(root) {
    super(root, { storageKey: "clause-sociale:estimateur:saisies", clearErrorOnInput: true });
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

bindOnEveryPage("#estimator[data-runtime]", (root) => new Estimator(root));
