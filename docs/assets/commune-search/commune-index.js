// The commune search of the content pages, without the DOM: the build's index
// (sitebuild/commune_index.py, made by the Python rules) and how a typed text
// is looked up in it. The same steps as eligibility.territory's normalise()
// and find_communes(); tests/test_commune_search.py runs this file under Node
// and proves that it agrees with Python on every commune and on generated text.
//
// No rule here: which service a commune calls first is in the index, as
// Python computed it.

const ABBREVIATIONS = { st: "saint", ste: "sainte" };
const SPECIAL_LETTERS = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss" };

/** Lower case, no accents, words split on anything but ASCII letters and digits, "st"/"ste" spelt out. */
export function normalise(text) {
  const decomposed = String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const spelt = decomposed.replace(/[œŒæÆß]/g, (letter) => SPECIAL_LETTERS[letter]);
  const lowered = spelt.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  return lowered
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(" ");
}

/** 0: the exact name; 1: a name starting with the query; 2: a later word starting with it. */
function rank(key, query) {
  if (key === query) return 0;
  if (key.startsWith(query)) return 1;
  if (key.includes(` ${query}`)) return 2;
  return null;
}

export class CommuneIndex {
  /** @param {{max_hits: number, notes: Object<string, string>, communes: Array}} data the build's index */
  constructor(data) {
    this.maxHits = data.max_hits;
    this.notes = data.notes;
    // Rows come in the rules' tie order: a stable sort by rank keeps it.
    this.communes = data.communes.map(([code, name, label, postalCodes, contact]) => ({
      code,
      name,
      label,
      postalCodes: postalCodes ? postalCodes.split(" ") : [],
      contact,
      key: normalise(name),
    }));
  }

  /** The communes matching what a visitor typed, best first (at most maxHits). */
  find(query) {
    if (typeof query !== "string") return [];
    const text = normalise(query);
    if (text === "") return [];
    if (/^[0-9]{5}$/.test(text)) {
      return this.communes.filter((commune) => commune.postalCodes.includes(text)).slice(0, this.maxHits);
    }
    const ranked = [];
    this.communes.forEach((commune, position) => {
      const found = rank(commune.key, text);
      if (found !== null) ranked.push([found, position, commune]);
    });
    ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return ranked.slice(0, this.maxHits).map(([, , commune]) => commune);
  }

  /** What the page says once ``commune`` is chosen: its service's sentence, with its name. */
  note(commune) {
    return (this.notes[commune.contact] ?? "").replaceAll("{commune}", commune.name);
  }
}
