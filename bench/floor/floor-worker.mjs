import { loadPyodide } from "../pyodide/pyodide.mjs";

try {
  await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
  postMessage("ready");
} catch (error) {
  postMessage(`error: ${error}`);
}
