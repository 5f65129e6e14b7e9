// The benchmark's floor: a module worker that only runs loadPyodide() from the
// site's own runtime files. Nothing else on the page, nothing else in the worker.
const status = document.querySelector("[data-floor]");
const worker = new Worker(new URL("floor-worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  if (event.data === "ready") {
    performance.mark("floor-ready");
    status.dataset.floor = "ready";
  } else {
    status.dataset.floor = "error";
    status.textContent = String(event.data);
  }
};
