// Build step (run by sitebuild/pyodide_bundle.py): which modules of Pyodide's
// standard library the site's worker imports, those modules compiled to
// bytecode, and the eligibility wheel with its modules compiled. The work is
// done in Python, by Pyodide's own interpreter: see precompile.py for what and why.
//
// Usage: node precompile.mjs PYODIDE_DIR ARTEFACTS_DIR OUTPUT_DIR
//   PYODIDE_DIR   the npm package's files (pyodide.mjs, python_stdlib.zip...)
//   ARTEFACTS_DIR a pyodide-lock.json and the eligibility wheel (source) it lists
//   OUTPUT_DIR    where to write imports.json, compiled-stdlib.zip and the compiled wheel

import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, artefactsDir, outputDir] = process.argv.slice(2).map((p) => resolve(p));
if (!outputDir) {
  console.error("usage: node precompile.mjs PYODIDE_DIR ARTEFACTS_DIR OUTPUT_DIR");
  process.exit(2);
}

const lockFile = join(artefactsDir, "pyodide-lock.json");
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + "/",
  lockFileURL: lockFile,
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
pyodide.FS.writeFile("precompile.py", readFileSync(new URL("precompile.py", here)));
const precompile = pyodide.pyimport("precompile");

pyodide.FS.writeFile("/tmp/python_stdlib.zip", readFileSync(join(pyodideDir, "python_stdlib.zip")));
pyodide.FS.mkdir("/tmp/stdlib");
precompile.precompile("/tmp/python_stdlib.zip", "/tmp/stdlib", stdlibRoot);
for (const name of ["compiled-stdlib.zip", "imports.json"]) {
  writeFileSync(join(outputDir, name), pyodide.FS.readFile(`/tmp/stdlib/${name}`));
}

// The wheel the lock file lists, compiled for where Pyodide installed it.
const wheelName = JSON.parse(readFileSync(lockFile, "utf8")).packages.eligibility.file_name;
const sitePackages = dirname(dirname(pyodide.pyimport("eligibility").__file__));
pyodide.FS.mkdir("/tmp/wheel");
pyodide.FS.writeFile(`/tmp/wheel/${wheelName}`, readFileSync(join(artefactsDir, wheelName)));
pyodide.FS.mkdir("/tmp/compiled");
const wheel = precompile.compile_wheel(`/tmp/wheel/${wheelName}`, "/tmp/compiled", sitePackages);
writeFileSync(join(outputDir, basename(wheel)), pyodide.FS.readFile(wheel));
console.log(`${basename(wheel)} written`);
