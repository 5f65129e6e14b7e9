// Material's search worker, loaded with the first message Material sends it.
//
// Why: Material creates its search worker as soon as a page loads, and the
// worker's 40 KB would be fetched on every page although few visitors search.
// The first message Material posts is the search index, which the page asks
// for only when the visitor goes to the search box (../search-on-demand.js).
// This stand-in, whose URL is the one in the page's config
// (sitebuild/search_on_demand.py), then loads Material's worker here, in the
// same folder so that its relative paths (its lunr languages) hold, and hands
// it that message. Later messages wait in the worker's queue meanwhile:
// importScripts() is synchronous.
"use strict";

const material = new URL(self.location.href).searchParams.get("worker");

self.addEventListener("message", function first(event) {
  self.removeEventListener("message", first);
  importScripts(new URL(material, self.location.href).href);
  self.dispatchEvent(new MessageEvent("message", { data: event.data }));
});
