// The benchmark's floor: a module worker that only runs loadPyodide() from a
// runtime folder of the site (the page's `?runtime=`: the site's own, or npm's
// files as published). Nothing else on the page, nothing else in the worker.
const status = document.querySelector("[data-floor]");
const worker = new URL("floor-worker.mjs", import.meta.url);
worker.search = new URLSearchParams({ runtime: new URLSearchParams(location.search).get("runtime") ?? "" });
const floor = new Worker(worker, { type: "module" });
floor.onmessage = (event) => {
  if (event.data === "ready") {
    performance.mark("floor-ready");
    status.dataset.floor = "ready";
  } else {
    status.dataset.floor = "error";
    status.textContent = String(event.data);
  }
};
