// Build step (run by overrides/hooks/pyodide_runtime.py): Pyodide's standard
// library with the modules the site's worker imports precompiled to bytecode.
// The work is done in Python, by Pyodide's own interpreter: see
// precompile_stdlib.py for what and why.
//
// Usage: node precompile_stdlib.mjs PYODIDE_DIR ARTEFACTS_DIR OUTPUT_ZIP
//   PYODIDE_DIR   the npm package's files (pyodide.mjs, python_stdlib.zip...)
//   ARTEFACTS_DIR the site's pyodide-lock.json and the eligibility wheel it lists
//   OUTPUT_ZIP    where to write the new python_stdlib.zip

import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, artefactsDir, outputZip] = process.argv.slice(2).map((p) => resolve(p));
if (!outputZip) {
  console.error("usage: node precompile_stdlib.mjs PYODIDE_DIR ARTEFACTS_DIR OUTPUT_ZIP");
  process.exit(2);
}

const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + "/",
  lockFileURL: join(artefactsDir, "pyodide-lock.json"),
  packageCacheDir: artefactsDir, // the wheel is here: never fetched from a CDN
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
});
await pyodide.loadPackage("eligibility", { messageCallback: () => {}, errorCallback: (m) => console.error(m) });

// The standard library is mounted as a zip on sys.path (/lib/python314.zip).
const sys = pyodide.pyimport("sys");
const stdlibRoot = sys.path.toJs().find((entry) => entry.endsWith(".zip"));
if (!stdlibRoot) throw new Error(`no zip on Pyodide's sys.path: ${sys.path}`);

// Imported like the worker imports the rules (pyimport, not runPython, which
// would import its own helpers and have them compiled for nothing). The
// working directory, /home/pyodide, is on sys.path as "".
const here = new URL(".", import.meta.url);
pyodide.FS.writeFile("precompile_stdlib.py", readFileSync(new URL("precompile_stdlib.py", here)));
pyodide.FS.writeFile("/tmp/python_stdlib.zip", readFileSync(join(pyodideDir, "python_stdlib.zip")));
const compiled = pyodide.pyimport("precompile_stdlib").precompile("/tmp/python_stdlib.zip", "/tmp/out.zip", stdlibRoot);
writeFileSync(outputZip, pyodide.FS.readFile("/tmp/out.zip"));
console.log(`${compiled.length} modules precompiled into ${outputZip}`);
