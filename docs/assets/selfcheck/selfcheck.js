// The self-check page's behaviour: wire the build-time quiz to the Python rules.
//
// This file holds no rule and no French text. Which questions show, whether an
// answer is valid, the verdict and every sentence of it come from
// `eligibility.protocol` in the worker (../runtime/); the fixed French
// messages come from the page's HTML (data-msg-* on the status line, the
// reason <template>). Python-provided strings are only ever set as textContent.
//
// Answers stay in the browser: they go to the worker and to sessionStorage
// (so that a reload keeps them), never to the network.

import { CommuneCombobox } from "../commune-search/commune-combobox.js";
import { RuntimeForm, bindOnEveryPage, formPairs } from "../runtime/runtime-form.js";

class SelfCheck extends RuntimeForm {
  constructor(root) {
    // data-selfcheck mirrors the runtime state: the page's public contract.
    super(root, { stateAttributes: ["selfcheck"], storageKey: "clause-sociale:auto-evaluation:reponses" });
    this.reasonTemplate = root.querySelector("#selfcheck-reason-template");
    this.questions = [...this.form.querySelectorAll("[data-question]")];
    this.firstPaintHidden = new Set(this.questions.filter((q) => q.hidden).map((q) => q.dataset.question));
    this.applicableSeq = 0;
    // The commune question: suggestions from the Python rules (find_communes), once they run.
    const communeBox = this.form.querySelector("[data-commune-combobox]");
    if (communeBox) {
      new CommuneCombobox(communeBox, {
        search: (query) => this.runtime.request("communes", { query }).then((reply) => (reply.ok ? reply.communes : [])),
      });
    }
    root.querySelector("[data-selfcheck-restart]").addEventListener("click", () => this.restart());
    root.querySelector("[data-selfcheck-print]").addEventListener("click", () => window.print());
    this.start();
  }

  /** Before "ready": show the questions that apply to answers restored after a reload. */
  whenReady() {
    return this.refreshApplicable();
  }

  async ask() {
    await this.refreshApplicable();
    return this.runtime.request("evaluate_form", { form: formPairs(this.form) });
  }

  onInput(event) {
    super.onInput(event);
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
    if (appeared.length && this.state === "ready") this.say("msgNewQuestion", appeared.join(" "));
  }

  /** Fill the result area with the verdict's texts, show it and move focus to it. */
  showResult({ verdict }) {
    const slot = (name) => this.result.querySelector(`[data-result="${name}"]`);
    this.result.dataset.verdict = verdict.eligible ? "eligible" : "not-eligible";
    slot("headline").textContent = verdict.headline;
    const reasons = slot("reasons");
    reasons.replaceChildren(...verdict.reasons.map((reason) => this.reasonItem(reason)));
    reasons.hidden = verdict.reasons.length === 0;
    this.showContacts(verdict);
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

  /** The cards in the order Python gives, the visitor's service marked "Votre contact", and why. */
  showContacts({ contacts = [], your_contact: yours = null }) {
    const list = this.result.querySelector(".contact-cards");
    const cards = new Map([...list.children].map((card) => [card.dataset.contact, card]));
    list.replaceChildren(...contacts.map((id) => cards.get(id)).filter(Boolean), ...[...cards.values()].filter(
      (card) => !contacts.includes(card.dataset.contact)));
    for (const card of cards.values()) {
      const mine = yours !== null && card.dataset.contact === yours.id;
      card.classList.toggle("contact-card--yours", mine);
      card.querySelector(".contact-card__yours").hidden = !mine;
    }
    const note = this.result.querySelector('[data-result="contact-note"]');
    note.textContent = yours?.note ?? "";
    note.hidden = yours === null;
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
    this.clear();
    delete this.result.dataset.verdict;
    this.showQuestions(new Set(this.questions.map((q) => q.dataset.question).filter((id) => !this.firstPaintHidden.has(id))));
    this.say("msgCleared");
    this.form.querySelector("input").focus();
  }
}

bindOnEveryPage("#selfcheck[data-runtime]", (root) => new SelfCheck(root));
