// Loads the built node package (pkg/node, CommonJS) for the tests: `make wasm` builds it.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(repo, "pkg", "node", "engagekit.js");
if (!existsSync(entry)) {
  throw new Error(`${path.relative(repo, entry)} is missing: run \`make wasm\` first`);
}

/** The package's exports, as a node user gets them from require("engagekit"). */
export const engagekit = createRequire(import.meta.url)(entry);

/** Whether `value` is a class (such as `Evaluated`), which is called with `new`. */
const isClass = (value) => typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));

/** The names of the functions the JavaScript API exports (src/wasm.rs), classes left out. */
export const API = Object.keys(engagekit).filter((name) => typeof engagekit[name] === "function" && !isClass(engagekit[name]));

/** The names of the classes it exports (`Evaluated`). */
export const CLASSES = Object.keys(engagekit).filter((name) => isClass(engagekit[name]));

/**
 * Checks that `err` is what every failure of the package must be: a real `Error` (never a
 * WebAssembly trap, never a string) with a string `.code` and `.path`, and no doubled prefix.
 */
export function assertPackageError(assert, err, context = "") {
  const at = context ? ` (${context})` : "";
  assert.ok(!(err instanceof WebAssembly.RuntimeError), `a WebAssembly trap${at}: ${err?.message}`);
  assert.ok(err instanceof Error, `not an Error${at}: ${typeof err} ${String(err)}`);
  assert.equal(typeof err.code, "string", `no string .code${at}: ${err.message}`);
  assert.match(err.code, /^[a-z]+(-[a-z0-9]+)*$/, `.code is not kebab-case${at}`);
  assert.equal(typeof err.path, "string", `no string .path${at}: ${err.message}`);
  assert.ok(err.message.length > 0, `an empty message${at}`);
  // serde-wasm-bindgen's errors display as "Error: ...": one inside a message is a doubled prefix.
  assert.doesNotMatch(err.message, /(^|: )Error: /, `a doubled "Error: " prefix${at}: ${err.message}`);
}
