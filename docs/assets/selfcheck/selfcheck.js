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

import { RuntimeForm, bindOnEveryPage, formPairs } from "./runtime-form.js";

const STORAGE_KEY = "clause-sociale:auto-evaluation:reponses";

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

class SelfCheck extends RuntimeForm {
  constructor(root) {
    super(root, "selfcheck");
    this.reasonTemplate = root.querySelector("#selfcheck-reason-template");
    this.questions = [...this.form.querySelectorAll("[data-question]")];
    this.firstPaintHidden = new Set(this.questions.filter((q) => q.hidden).map((q) => q.dataset.question));
    this.applicableSeq = 0;

    restoreAnswers(this.form, loadAnswers());
    this.form.addEventListener("input", () => this.onAnswer());
    this.form.addEventListener("change", () => this.onAnswer());
    root.querySelector("[data-selfcheck-restart]").addEventListener("click", () => this.restart());
    root.querySelector("[data-selfcheck-print]").addEventListener("click", () => window.print());

    this.start();
  }

  /** Before "ready": show the questions that apply to answers restored after a reload. */
  whenReady() {
    return this.refreshApplicable();
  }

  /** Only the question shown on screen can hold the error. */
  fieldFor(name) {
    return this.questions.find((q) => q.dataset.question === name && !q.hidden) ?? null;
  }

  async ask() {
    await this.refreshApplicable();
    return this.runtime.request("evaluate_form", { form: formPairs(this.form) });
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

  /** Fill the result area with the verdict's texts, show it and move focus to it. */
  showResult({ verdict }) {
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
    this.revealResult();
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

// The quiz wrapper only: the estimator page also carries the data-selfcheck
// runtime-state marker.
bindOnEveryPage("#selfcheck[data-selfcheck]", (root) => new SelfCheck(root));
