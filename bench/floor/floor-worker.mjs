// The floor's worker: loadPyodide() from the runtime folder the page names
// (`?runtime=<folder>`, relative to the site root), and nothing else.
const folder = new URL(import.meta.url).searchParams.get("runtime");
const indexURL = new URL(`../${folder}/`, import.meta.url).href;

try {
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  await loadPyodide({ indexURL });
  postMessage("ready");
} catch (error) {
  postMessage(`error: ${error}`);
}
