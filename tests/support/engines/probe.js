// What a page does wrong that a visitor would not see: uncaught errors (the
// page's and those its workers report), rejected promises, console.error, and
// every CSP violation. Installed before any of the page's own scripts runs
// (a BiDi preload script in Firefox; the first script of <head> in WebKit,
// where classic WebDriver has no such hook). `record` is where a complaint goes.
(record) => {
  const say = (kind, text) => {
    try {
      record(JSON.stringify({ kind, text: String(text) }));
    } catch {
      // Recording must never change what the page does.
    }
  };
  addEventListener("securitypolicyviolation", (event) =>
    say("csp", `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`));
  addEventListener("error", (event) => {
    if (event.target && event.target !== window) {
      say("error", `failed to load ${event.target.src || event.target.href || event.target.tagName}`);
    } else {
      say("error", `${event.message} (${event.filename}:${event.lineno})`);
    }
  }, true);
  addEventListener("unhandledrejection", (event) => say("error", `unhandled rejection: ${event.reason}`));
  const consoleError = console.error;
  console.error = (...args) => {
    say("error", `console.error: ${args.map(String).join(" ")}`);
    return consoleError.apply(console, args);
  };
  const PageWorker = window.Worker;
  if (PageWorker) {
    window.Worker = class extends PageWorker {
      constructor(...args) {
        super(...args);
        this.addEventListener("error", (event) => say("error", `worker: ${event.message || "failed to start"}`));
        this.addEventListener("messageerror", () => say("error", "worker: a message could not be read"));
      }
    };
  }
};
