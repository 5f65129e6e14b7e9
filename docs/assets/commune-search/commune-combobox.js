// "Which service for my commune?": the commune field of overrides/fragments/commune-search.html
// (loaded by commune-search.js when a visitor first goes to it; imported by
// the self-check for its commune question).
//
// CommuneCombobox follows the WAI-ARIA Authoring Practices' "editable combobox
// with list autocomplete": DOM focus stays on the input; Down/Up move the
// visual focus through the suggestions (aria-activedescendant, aria-selected),
// wrapping; Alt+Down opens the list; Enter picks the option shown as focused;
// Escape closes the list, or clears the field if it is closed; other keys
// edit the text. A polite live region says how many communes are proposed.
// Where the suggestions come from is given: the build's index on content
// pages (commune-index.js), the Python rules in the worker on the self-check.
//
// No rule and no French sentence here: the messages are the fragment's
// data-msg-*, each commune's label and service come from the index, which
// Python made. Text is only ever set as textContent.

import { CommuneIndex, normalise } from "./commune-index.js";

const INDEX_URL = new URL("communes.json", import.meta.url);

export class CommuneCombobox {
  /**
   * @param {HTMLElement} box the [data-commune-combobox] element
   * @param {{search: (query: string) => Promise<Array<{name: string, label: string}>>,
   *          onChoose?: (hit: object) => void, onChange?: () => void, enterPicksAlone?: boolean}} options
   *   search: the suggestions for a text; onChoose: a commune was picked;
   *   onChange: the text changed after a pick; enterPicksAlone: Enter with no
   *   option focused picks the only (or exactly named) suggestion. Else Enter
   *   is left to the page (a form submits: Python reads the typed name).
   */
  constructor(box, { search, onChoose = () => {}, onChange = () => {}, enterPicksAlone = false }) {
    this.input = box.querySelector("[role=combobox]");
    this.listbox = box.querySelector("[role=listbox]");
    this.count = box.querySelector("[data-commune-count]");
    this.messages = box.dataset;
    this.search = search;
    this.onChoose = onChoose;
    this.onChange = onChange;
    this.enterPicksAlone = enterPicksAlone;
    this.hits = [];
    this.active = -1;
    this.sequence = 0;
    this.chosen = null;
    this.input.addEventListener("input", () => this.update());
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    this.input.addEventListener("blur", () => this.close());
    // Keep the focus in the input when an option is clicked or touched.
    this.listbox.addEventListener("mousedown", (event) => event.preventDefault());
    this.listbox.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) this.choose(Number(option.dataset.index));
    });
  }

  get open() {
    return !this.listbox.hidden;
  }

  say(text) {
    this.count.textContent = text;
  }

  /** Ask for the suggestions of the text as it is now; older answers are dropped. */
  async update() {
    const sequence = ++this.sequence;
    const query = this.input.value;
    if (this.chosen && query !== this.chosen.name) {
      this.chosen = null;
      this.onChange();
    }
    let hits;
    try {
      hits = await this.search(query);
    } catch {
      if (sequence === this.sequence) {
        this.show([]);
        this.say(this.messages.msgUnavailable ?? "");
      }
      return;
    }
    if (sequence !== this.sequence) return;
    this.show(hits);
    if (query.trim() === "") this.say("");
    else if (hits.length === 0) this.say(this.messages.msgNone);
    else this.say(`${hits.length} ${hits.length === 1 ? this.messages.msgOne : this.messages.msgMany}`);
  }

  show(hits) {
    this.hits = hits;
    this.listbox.replaceChildren(
      ...hits.map((hit, index) => {
        const option = document.createElement("li");
        option.id = `${this.listbox.id}-${index}`;
        option.className = "commune-combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.index = String(index);
        option.textContent = hit.label;
        return option;
      }),
    );
    this.setActive(-1);
    this.setOpen(hits.length > 0 && document.activeElement === this.input);
  }

  setOpen(open) {
    this.listbox.hidden = !open;
    this.input.setAttribute("aria-expanded", String(open));
    if (!open) this.setActive(-1);
  }

  close() {
    if (this.open) this.setOpen(false);
  }

  /** Show option ``index`` as focused (-1: none, the visual focus is back in the text). */
  setActive(index) {
    this.active = index;
    for (const option of this.listbox.children) {
      option.setAttribute("aria-selected", String(Number(option.dataset.index) === index));
    }
    const option = this.listbox.children[index];
    if (option) {
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  move(step) {
    if (!this.hits.length) return;
    this.setOpen(true);
    const count = this.hits.length;
    const from = this.active < 0 ? (step > 0 ? -1 : count) : this.active;
    this.setActive((from + step + count) % count);
  }

  onKey(event) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (event.altKey) this.setOpen(this.hits.length > 0);
        else this.move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        if (this.open && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        } else if (this.enterPicksAlone) {
          event.preventDefault();
          const alone = this.hits.length === 1 ? 0 : this.hits.findIndex(
            (hit) => normalise(hit.name) === normalise(this.input.value));
          if (alone >= 0) this.choose(alone);
          else this.close();
        } else {
          this.close();
        }
        break;
      case "Escape":
        if (this.open) {
          event.preventDefault();
          this.close();
        } else if (this.input.value !== "") {
          event.preventDefault();
          this.input.value = "";
          this.input.dispatchEvent(new Event("input", { bubbles: true }));
        }
        break;
      case "Home":
      case "End":
      case "ArrowLeft":
      case "ArrowRight":
        this.setActive(-1);
        break;
      default:
        break;
    }
  }

  /** Put the suggestion's name in the field (what a form sends) and say it was picked. */
  choose(index) {
    const hit = this.hits[index];
    if (!hit) return;
    this.sequence++; // a search still on its way must not reopen the list
    this.input.value = hit.name;
    this.chosen = hit;
    this.close();
    this.say("");
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.onChoose(hit);
  }
}

/** The commune search of a content page: suggestions from the build's index, the commune's card first. */
export class CommuneSearch {
  constructor(root) {
    this.root = root;
    this.cards = root.querySelector(".contact-cards");
    this.printed = [...this.cards.children];
    this.answer = root.querySelector("[data-commune-answer]");
    this.index = null;
    this.combobox = new CommuneCombobox(root.querySelector("[data-commune-combobox]"), {
      search: async (query) => (await this.load()).find(query),
      onChoose: (commune) => this.showService(commune),
      onChange: () => this.showPrinted(),
      enterPicksAlone: true,
    });
    this.load().catch(() => {});
    if (this.combobox.input.value !== "") this.combobox.update(); // typed while this module loaded
  }

  load() {
    this.index ??= fetch(INDEX_URL)
      .then((response) => {
        if (!response.ok) throw new Error(`${INDEX_URL}: ${response.status}`);
        return response.json();
      })
      .then((data) => new CommuneIndex(data));
    this.index.catch(() => {
      this.index = null; // try again on the next keystroke
    });
    return this.index;
  }

  /** The commune's service first, marked "Votre contact", and the sentence saying why. */
  async showService(commune) {
    const index = await this.load();
    const card = this.cards.querySelector(`[data-contact="${CSS.escape(commune.contact)}"]`);
    this.showPrinted();
    if (!card) return;
    this.cards.prepend(card);
    card.classList.add("contact-card--yours");
    card.querySelector(".contact-card__yours").hidden = false;
    this.answer.textContent = index.note(commune);
  }

  /** The cards as printed, none marked. */
  showPrinted() {
    this.cards.replaceChildren(...this.printed);
    for (const card of this.printed) {
      card.classList.remove("contact-card--yours");
      card.querySelector(".contact-card__yours").hidden = true;
    }
    this.answer.textContent = "";
  }
}
