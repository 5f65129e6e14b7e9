// The base of every page that asks the Python rules something: a form made at
// build time (overrides/fragments/runtime-form.html), wired to the worker
// (runtime.js).
//
// A RuntimeForm shows the status line while Python starts, the text fallback
// when it is slow or fails, the busy submit button, the package's error at
// the field it names, and the result; it can keep the form's entries in
// sessionStorage so that a reload keeps them. A page's own script subclasses
// it to say which request a submit sends and how to show the reply. No rule
// and no French text here: the fixed messages come from the page's HTML
// (data-msg-* on the status line), everything else from Python, always set as
// textContent.
//
// The markup, for a form named N (the shell's macro writes it): a root #N
// with data-runtime (loading | ready | error), a form with one submit button
// (data-busy-label), #N-form-error, one [data-field] wrapper per field with a
// .runtime__error slot, #N-result and #N-fallback (each with a focusable h2),
// and the status line [role=status].

import { getRuntime } from "./runtime.js";

/** Show the text fallback if the runtime is still not ready after this long. */
const WATCHDOG_MS = 10_000;

/** The form's entries as [name, value] pairs: exactly what the package's form parsers read. */
export function formPairs(form) {
  return [...new FormData(form)].map(([name, value]) => [name, String(value)]);
}

/** Entries kept for this tab only (sessionStorage); nothing ever leaves the browser. */
class SavedEntries {
  constructor(key) {
    this.key = key;
  }

  save(form) {
    try {
      sessionStorage.setItem(this.key, JSON.stringify(formPairs(form)));
    } catch {
      // Storage disabled or full: the entries simply won't survive a reload.
    }
  }

  /** Put the saved [name, value] pairs back into the form's controls. */
  restore(form) {
    let pairs;
    try {
      pairs = JSON.parse(sessionStorage.getItem(this.key) ?? "[]");
    } catch {
      return;
    }
    if (!Array.isArray(pairs)) return;
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

  forget() {
    try {
      sessionStorage.removeItem(this.key);
    } catch {
      // Nothing stored then.
    }
  }
}

export class RuntimeForm {
  /**
   * @param {HTMLElement} root the form's wrapper (#name, with data-runtime)
   * @param {{stateAttributes?: string[], storageKey?: string, clearErrorOnInput?: boolean}} options
   *   stateAttributes: other data-* attributes that mirror data-runtime (a page's
   *   public contract); storageKey: keep the entries in sessionStorage under it;
   *   clearErrorOnInput: changing an entry clears that field's error at once.
   */
  constructor(root, { stateAttributes = [], storageKey = null, clearErrorOnInput = false } = {}) {
    this.root = root;
    this.name = root.id;
    this.stateAttributes = ["runtime", ...stateAttributes];
    this.form = root.querySelector("form");
    this.status = root.querySelector("[role=status]");
    this.formError = root.querySelector(`#${this.name}-form-error`);
    this.submit = this.form.querySelector("button[type=submit]");
    this.submitLabel = this.submit.textContent;
    this.result = root.querySelector(`#${this.name}-result`);
    this.fallback = root.querySelector(`#${this.name}-fallback`);
    this.busy = false;
    this.saved = storageKey ? new SavedEntries(storageKey) : null;
    this.clearErrorOnInput = clearErrorOnInput;
    this.saved?.restore(this.form);
    this.runtime = getRuntime();
    this.form.addEventListener("submit", (event) => this.onSubmit(event));
    this.form.addEventListener("input", (event) => this.onInput(event));
    this.form.addEventListener("change", (event) => this.onInput(event));
  }

  /** The request that a submit sends: a promise of the worker's reply. */
  ask() {
    throw new Error("a RuntimeForm says what it asks");
  }

  /** Show a successful reply. */
  showResult(reply) {
    throw new Error(`a RuntimeForm says how to show ${reply}`);
  }

  /** What must be done once the runtime is ready, before the page says so. */
  async whenReady() {}

  /** An entry changed: keep it for a reload (and clear its error if asked to). */
  onInput(event) {
    this.saved?.save(this.form);
    if (this.clearErrorOnInput) this.clearError(event?.target?.closest("[data-field]"));
  }

  /** The wrapper of the visible field named by an error, or null (then the form-level slot is used). */
  fieldFor(name) {
    const wrappers = this.form.querySelectorAll(`[data-field="${CSS.escape(String(name))}"]`);
    return [...wrappers].find((wrapper) => !wrapper.hidden) ?? null;
  }

  get state() {
    return this.root.dataset.runtime;
  }

  set state(state) {
    for (const attribute of this.stateAttributes) this.root.dataset[attribute] = state;
  }

  say(key, extra = "") {
    this.status.textContent = (this.status.dataset[key] ?? "") + extra;
  }

  /** Wait for the runtime; show the text fallback meanwhile if it is slow. */
  start() {
    if (this.runtime.state === "error") {
      this.showFailure(false);
      return;
    }
    this.state = "loading";
    this.say("msgLoading");
    const watchdog = setTimeout(() => {
      if (this.runtime.state === "loading") {
        this.say("msgSlow");
        this.showFallback("slow");
      }
    }, WATCHDOG_MS);
    this.runtime.ready
      .then(() => this.whenReady())
      .then(
        () => {
          clearTimeout(watchdog);
          if (!this.root.isConnected) return;
          this.fallback.hidden = true;
          this.state = "ready";
          if (!this.busy) this.say("msgReady");
          performance.mark(`${this.name}-ready`);
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

  /** The runtime will not answer: say so, and show the facts and contacts as text. */
  showFailure(moveFocus) {
    this.state = "error";
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
      reply = await this.ask();
    } catch {
      this.showFailure(true);
      return;
    }
    this.setBusy(false);
    this.say("msgReady");
    if (reply.ok) this.showResult(reply);
    else this.showError(reply.error ?? {});
  }

  clearError(wrapper) {
    const slot = wrapper?.querySelector(".runtime__error");
    if (!slot) return;
    slot.hidden = true;
    slot.textContent = "";
    wrapper.removeAttribute("aria-invalid");
    for (const control of wrapper.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  }

  clearErrors() {
    this.formError.hidden = true;
    this.formError.textContent = "";
    for (const slot of this.form.querySelectorAll(".runtime__error")) {
      slot.hidden = true;
      slot.textContent = "";
    }
    for (const invalid of this.form.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
  }

  /** The package's French message at the field it names, which gets the focus. */
  showError({ field, message }) {
    this.result.hidden = true;
    const wrapper = field == null ? null : this.fieldFor(field);
    if (!wrapper) {
      this.formError.textContent = message ?? "";
      this.formError.hidden = false;
      this.formError.focus();
      return;
    }
    const slot = wrapper.querySelector(".runtime__error");
    slot.textContent = message ?? "";
    slot.hidden = false;
    const controls = [...wrapper.querySelectorAll("input")];
    for (const control of controls) control.setAttribute("aria-invalid", "true");
    if (wrapper.tagName === "FIELDSET") wrapper.setAttribute("aria-invalid", "true");
    (controls.find((c) => c.checked) ?? controls[0]).focus();
  }

  /** Show the result area (filled by the subclass) and move focus to its heading. */
  revealResult() {
    this.result.hidden = false;
    this.result.querySelector("h2").focus();
  }

  /** Forget the saved entries and empty the form (a "start again" button). */
  clear() {
    this.saved?.forget();
    this.form.reset();
    this.clearErrors();
    this.result.hidden = true;
  }
}

/**
 * Make one `create(root)` per page element matching `selector`, on this page
 * and, under Material's instant navigation (which swaps pages without
 * reloading modules and announces each on document$), on every later one.
 */
export function bindOnEveryPage(selector, create) {
  const bound = new WeakSet();
  const bind = () => {
    const root = document.querySelector(selector);
    if (!root || bound.has(root)) return;
    bound.add(root);
    create(root);
  };
  if (window.document$?.subscribe) window.document$.subscribe(bind);
  else bind();
}
