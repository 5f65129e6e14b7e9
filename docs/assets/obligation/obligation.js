// The buyers' check "must my contract provide a social condition?": wire the
// build-time form to the Python rules.
//
// This file holds no rule, no threshold and no French text. The entries go, as
// typed, to `eligibility.protocol` in the rules' worker (request "obligation",
// through ../runtime/); the check of each entry, the answer and every sentence
// and article of it come back from the tested Python code. Fixed French texts
// come from the page's HTML (data-msg-* on the status line, the article
// <template>). Python-provided strings are only ever set as textContent, and
// an article's address only as the href of the template's link.
//
// The entries go to the worker and to this tab's sessionStorage (so that a
// reload keeps them; data/browser-storage.yml), never to the network.

import { RuntimeForm, bindOnEveryPage, formPairs } from "../runtime/runtime-form.js";

class ObligationCheck extends RuntimeForm {
  constructor(root) {
    super(root, { storageKey: "clause-sociale:mon-marche:reponses", clearErrorOnInput: true });
    this.articleTemplate = root.querySelector("#obligation-article-template");
    this.start();
  }

  ask() {
    return this.runtime.request("obligation", { form: formPairs(this.form) });
  }

  slot(name) {
    return this.result.querySelector(`[data-result="${name}"]`);
  }

  /** Replace a list's items with one per text. */
  fill(name, texts) {
    const list = this.slot(name);
    list.replaceChildren(
      ...texts.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }),
    );
    list.hidden = texts.length === 0;
  }

  articleItem(cited) {
    const item = this.articleTemplate.content.firstElementChild.cloneNode(true);
    const link = item.querySelector("a");
    link.href = cited.href;
    link.dataset.article = cited.number;
    item.querySelector('[data-slot="label"]').textContent = cited.label;
    item.querySelector('[data-slot="about"]').textContent = cited.about;
    return item;
  }

  /** Fill the result area with the answer's texts, show it and move focus to it. */
  showResult({ obligation: answer }) {
    this.result.dataset.required = String(answer.required);
    this.result.dataset.outcome = answer.outcome;
    this.result.dataset.threshold = answer.threshold_ht == null ? "" : String(answer.threshold_ht);
    this.slot("headline").textContent = answer.headline;
    this.fill("reasons", answer.reasons);
    const derogations = this.result.querySelector('[data-result-block="derogations"]');
    this.slot("derogations").textContent = answer.derogations ?? "";
    derogations.hidden = !answer.derogations;
    this.fill("notes", answer.notes);
    this.slot("articles").replaceChildren(...answer.articles.map((cited) => this.articleItem(cited)));
    this.fill("steps", answer.next_steps);
    this.revealResult();
  }
}

bindOnEveryPage("#obligation[data-runtime]", (root) => new ObligationCheck(root));
