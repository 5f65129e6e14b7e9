// Material's search worker, started once the page's Python runtime is ready.
//
// Why: building the search index is about 100 ms of CPU that, on a phone's
// two cores, would compete with Python's start-up (bench/ATTEMPTS.md, 17). On
// the pages that run the rules, the URL Material creates its search worker
// from is this script's (sitebuild/search_after_runtime.py). It holds
// Material's messages until the page says go (docs/assets/runtime/runtime.js:
// the runtime is ready or has failed, or the visitor went to the search box),
// then loads Material's worker here, in the same folder so that its relative
// paths hold, and hands the messages over.
"use strict";

const GO_CHANNEL = "clause-sociale-search";
const BACKSTOP_MS = 10_000; // if the page's script never runs at all

const material = new URL(self.location.href).searchParams.get("worker");
const held = [];
const hold = (event) => held.push(event.data);
self.addEventListener("message", hold);

let channel = null;
let started = false;

function start() {
  if (started) return;
  started = true;
  channel?.close();
  self.removeEventListener("message", hold);
  importScripts(new URL(material, self.location.href).href);
  for (const data of held) self.dispatchEvent(new MessageEvent("message", { data }));
}

if (typeof BroadcastChannel === "function") {
  channel = new BroadcastChannel(GO_CHANNEL);
  channel.addEventListener("message", start);
  setTimeout(start, BACKSTOP_MS);
} else {
  start();
}
