// The self-check page's behaviour: wire the build-time form to the Python rules.
//
// This file holds no rule and no French text. Which questions show, whether an
// answer is valid, the verdict and every sentence of it come from
// `eligibility.protocol` in the worker (see runtime.js); the fixed French
// messages come from the page's HTML (data-msg-* on the status line, the
// reason <template>). Python-provided strings are only ever set as textContent.
//
// Answers stay in the browser: they go to the worker and to sessionStorage
// (so that a reload keeps them), never to the network.

import { getRuntime } from "./runtime.js";

/** Show the criteria and contacts if the runtime is still not ready after this long. */
const WATCHDOG_MS = 10_000;
const STORAGE_KEY = "clause-sociale:auto-evaluation:reponses";
const bound = new WeakSet();

/** The form's entries as [name, value] pairs: exactly what `from_form` reads. */
function formPairs(form) {
  return [...new FormData(form)].map(([name, value]) => [name, String(value)]);
}

function saveAnswers(form) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(formPairs(form)));
  } catch {
    // Storage disabled or full: answers simply won't survive a reload.
  }
}

function loadAnswers() {
  try {
    const pairs = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(pairs) ? pairs : [];
  } catch {
    return [];
  }
}

function forgetAnswers() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored then.
  }
}

/** Put saved [name, value] pairs back into the form's controls. */
function restoreAnswers(form, pairs) {
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const [name, value] = pair.map(String);
    for (const control of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (control.type === "checkbox" || control.type === "radio") {
        if (control.value === value) control.checked = true;
      } else {
        control.value = value;
      }
    }
  }
}

class SelfCheck {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.status = root.querySelector("[role=status]");
    this.formError = root.querySelector("#selfcheck-form-error");
    this.submit = this.form.querySelector("button[type=submit]");
    this.submitLabel = this.submit.textContent;
    this.result = root.querySelector("#selfcheck-result");
    this.fallback = root.querySelector("#selfcheck-fallback");
    this.reasonTemplate = root.querySelector("#selfcheck-reason-template");
    this.questions = [...this.form.querySelectorAll("[data-question]")];
    this.firstPaintHidden = new Set(this.questions.filter((q) => q.hidden).map((q) => q.dataset.question));
    this.applicableSeq = 0;
    this.busy = false;
    this.runtime = getRuntime();

    restoreAnswers(this.form, loadAnswers());
    this.form.addEventListener("submit", (event) => this.onSubmit(event));
    this.form.addEventListener("input", () => this.onAnswer());
    this.form.addEventListener("change", () => this.onAnswer());
    root.querySelector("[data-selfcheck-restart]").addEventListener("click", () => this.restart());
    root.querySelector("[data-selfcheck-print]").addEventListener("click", () => window.print());

    this.start();
  }

  say(key, extra = "") {
    this.status.textContent = (this.status.dataset[key] ?? "") + extra;
  }

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
    this.runtime.ready
      .then(() => this.refreshApplicable())
      .then(
        () => {
          clearTimeout(watchdog);
          if (!this.root.isConnected) return;
          this.fallback.hidden = true;
          this.root.dataset.selfcheck = "ready";
          if (!this.busy) this.say("msgReady");
          performance.mark("selfcheck-ready");
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

  /** The runtime will not answer: say so, and show the criteria and contacts as text. */
  showFailure(moveFocus) {
    this.root.dataset.selfcheck = "error";
    this.setBusy(false);
    this.form.hidden = true;
    this.result.hidden = true;
    this.say("msgError");
    this.showFallback("error");
    if (moveFocus) this.fallback.querySelector("h2").focus();
  }

  onAnswer() {
    saveAnswers(this.form);
    if (this.runtime.state === "ready") this.refreshApplicable().catch(() => this.showFailure(false));
  }

  /** Ask Python which questions apply to the answers so far; show exactly those. */
  async refreshApplicable() {
    const seq = ++this.applicableSeq;
    const reply = await this.runtime.request("applicable", { form: formPairs(this.form) });
    if (seq !== this.applicableSeq || !reply.ok) return;
    this.showQuestions(new Set(reply.applicable));
  }

  showQuestions(visible) {
    const appeared = [];
    for (const question of this.questions) {
      const show = visible.has(question.dataset.question);
      if (question.hidden === show) {
        question.hidden = !show;
        if (show) appeared.push(question.querySelector("label, legend").textContent.trim());
      }
    }
    if (appeared.length && this.root.dataset.selfcheck === "ready") this.say("msgNewQuestion", appeared.join(" "));
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
      await this.refreshApplicable();
      reply = await this.runtime.request("evaluate_form", { form: formPairs(this.form) });
    } catch {
      this.showFailure(true);
      return;
    }
    this.setBusy(false);
    this.say("msgReady");
    if (reply.ok) this.showResult(reply.verdict);
    else this.showError(reply.error ?? {});
  }

  clearErrors() {
    this.formError.hidden = true;
    this.formError.textContent = "";
    for (const message of this.form.querySelectorAll(".selfcheck__error")) {
      message.hidden = true;
      message.textContent = "";
    }
    for (const invalid of this.form.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
  }

  /** The package's French message at the field it names, which gets the focus. */
  showError({ field, message }) {
    this.result.hidden = true;
    const question = this.questions.find((q) => q.dataset.question === field && !q.hidden);
    if (!question) {
      this.formError.textContent = message ?? "";
      this.formError.hidden = false;
      this.formError.focus();
      return;
    }
    const slot = question.querySelector(".selfcheck__error");
    slot.textContent = message ?? "";
    slot.hidden = false;
    const controls = [...question.querySelectorAll("input")];
    for (const control of controls) control.setAttribute("aria-invalid", "true");
    if (question.tagName === "FIELDSET") question.setAttribute("aria-invalid", "true");
    (controls.find((c) => c.checked) ?? controls[0]).focus();
  }

  /** Fill the result area with the verdict's texts, show it and move focus to it. */
  showResult(verdict) {
    const slot = (name) => this.result.querySelector(`[data-result="${name}"]`);
    this.result.dataset.verdict = verdict.eligible ? "eligible" : "not-eligible";
    slot("headline").textContent = verdict.headline;
    const reasons = slot("reasons");
    reasons.replaceChildren(...verdict.reasons.map((reason) => this.reasonItem(reason)));
    reasons.hidden = verdict.reasons.length === 0;
    slot("message").textContent = verdict.message;
    slot("steps").replaceChildren(
      ...verdict.next_steps.map((step) => {
        const item = document.createElement("li");
        item.textContent = step;
        return item;
      }),
    );
    this.result.hidden = false;
    this.result.querySelector("h2").focus();
  }

  reasonItem(reason) {
    const item = this.reasonTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.criterion = reason.criterion;
    for (const field of ["label", "text", "proof"]) {
      item.querySelector(`[data-slot="${field}"]`).textContent = reason[field];
    }
    return item;
  }

  restart() {
    forgetAnswers();
    this.form.reset();
    this.clearErrors();
    this.result.hidden = true;
    delete this.result.dataset.verdict;
    this.showQuestions(new Set(this.questions.map((q) => q.dataset.question).filter((id) => !this.firstPaintHidden.has(id))));
    this.say("msgCleared");
    this.form.querySelector("input").focus();
  }
}

function bind() {
  // The quiz wrapper only: the estimator page (issue 7) also carries the
  // data-selfcheck runtime-state marker, and under instant navigation this
  // module stays subscribed on every later page.
  const root = document.querySelector("#selfcheck[data-selfcheck]");
  if (!root || bound.has(root)) return;
  bound.add(root);
  new SelfCheck(root);
}

// Material's instant navigation (if enabled) swaps the page without reloading
// this module: it announces each new page on document$.
if (window.document$?.subscribe) window.document$.subscribe(bind);
else bind();
