// The commune search's starter, on every page with the fragment
// (overrides/fragments/commune-search.html; sitebuild/page_scripts.py adds
// this script). It only shows the field, which is useless without
// JavaScript, and loads the search itself (commune-combobox.js) and its index
// when a visitor first goes to it: a page that is only read loads nothing more.

for (const root of document.querySelectorAll("[data-commune-search]")) {
  root.querySelector(".commune-search__field").hidden = false;
  root.addEventListener(
    "focusin",
    () => import("./commune-combobox.js").then(({ CommuneSearch }) => new CommuneSearch(root)),
    { once: true },
  );
}
