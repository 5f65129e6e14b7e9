// Material's search index, fetched when the visitor goes to the search box.
//
// Why: every page fetched its 100 KB index, Material's search worker and the
// French stemmer at load, about a third of a content page's bytes, and built
// the index in a worker, CPU that on a phone's two cores slows the page
// (bench/ATTEMPTS.md, sixth round). Few visitors search; those who do wait a
// moment at their first search on a page, while Material says it is preparing
// the search (later pages take the index from the browser's cache).
//
// How: Material 9.8 requests search/search_index.json with XMLHttpRequest as
// soon as its bundle runs, with no setting to defer it. This script runs just
// before the bundle (overrides/main.html) and holds the send() of that one
// request until the search box has the focus (a click, a tap on the search
// icon, Tab, or Material's keys / s f), then puts XMLHttpRequest back as it
// was. Material's worker loads with the index (workers/search-on-demand.js).
"use strict";

(() => {
  const index = new URL(document.currentScript.dataset.index, document.baseURI).href;
  const SEARCH_BOX = '[data-md-component="search-query"]';
  const { open, send, abort } = XMLHttpRequest.prototype;
  const forIndex = new WeakSet();
  const held = new Map(); // request -> the arguments of its send()

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (new URL(url, document.baseURI).href === index) forIndex.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!forIndex.has(this)) return send.apply(this, body);
    held.set(this, body);
  };
  XMLHttpRequest.prototype.abort = function () {
    held.delete(this);
    return abort.call(this);
  };

  function go() {
    document.removeEventListener("focusin", onFocus);
    Object.assign(XMLHttpRequest.prototype, { open, send, abort });
    for (const [request, body] of held) send.apply(request, body);
    held.clear();
  }
  function onFocus(event) {
    if (event.target instanceof Element && event.target.matches(SEARCH_BOX)) go();
  }
  // The box cannot have the focus yet: Material hides it until its bundle runs (.no-js .md-search).
  document.addEventListener("focusin", onFocus);
})();
