#!/usr/bin/env node
// A small static server for the demo pages and their browser tests. No dependencies.
//
//   node www/serve.mjs [port] [--gzip] [--csp POLICY]     (or PORT=8080; port 0 picks a free one)
//
//   --gzip          gzip text, JavaScript and WebAssembly when the browser accepts it, as partner
//                   hosts do (level 9, the level the size figures use)
//   --csp POLICY    send `Content-Security-Policy: POLICY` with every response (the strict-CSP tests)
//
// Binds 127.0.0.1 only. Serves, from the repository root:
//   /pkg/...       pkg/web/            (the wasm-pack `web` build)
//   /dist/...      dist/               (the widgets, built by scripts/build-dist.sh)
//   /examples/...  examples/, then www/examples/
//   /...           www/
// /examples/index.json, unless a file of that name exists, lists the example documents.
// Prints "Serving http://127.0.0.1:PORT/" once it listens: the browser tests read the port there.

import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** URL prefix → folders tried in order. The longest prefix wins. */
const mounts = [
  ["/pkg/", [path.join(repo, "pkg", "web")]],
  ["/dist/", [path.join(repo, "dist")]],
  ["/examples/", [path.join(repo, "examples"), path.join(repo, "www", "examples")]],
  ["/", [path.join(repo, "www")]],
];

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

/** The file under `root` that `rest` (a decoded URL path below the mount) names, or null. */
function inside(root, rest) {
  const file = path.resolve(root, "." + path.posix.normalize("/" + rest));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function findFile(pathname) {
  const [prefix, roots] = mounts.find(([p]) => pathname.startsWith(p));
  const rest = pathname.slice(prefix.length);
  for (const root of roots) {
    let file = inside(root, rest);
    if (!file) return null;
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, "index.html");
        info = await stat(file);
      }
      if (info.isFile()) return file;
    } catch {
      // Not in this root: try the next.
    }
  }
  return null;
}

/** The example documents: `[{"file": "kent-medway-stroke.timeline.json"}, ...]`, sorted. */
async function exampleIndex() {
  const names = new Set();
  for (const root of mounts.find(([p]) => p === "/examples/")[1]) {
    try {
      for (const name of await readdir(root)) {
        // A survey's published summary (NAME.summary.json) is a result, not a document to check.
        if (name.endsWith(".json") && name !== "index.json" && !name.endsWith(".summary.json")) names.add(name);
      }
    } catch {
      // A missing folder has no examples.
    }
  }
  return JSON.stringify([...names].sort().map((file) => ({ file })));
}

/** Options after the port: --gzip, --csp POLICY. */
const args = process.argv.slice(2);
const options = { gzip: args.includes("--gzip"), csp: args.includes("--csp") ? args[args.indexOf("--csp") + 1] : null };
if (args.includes("--csp") && !options.csp) {
  console.error("serve.mjs: --csp needs a policy");
  process.exit(2);
}
const COMPRESSIBLE = /^(text\/|application\/(json|wasm)|image\/svg)/;

function send(res, status, type, body, head, req) {
  const headers = { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
  if (options.csp) headers["Content-Security-Policy"] = options.csp;
  if (options.gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(req?.headers["accept-encoding"] ?? "")) {
    body = gzipSync(body, { level: 9 });
    headers["Content-Encoding"] = "gzip";
    headers.Vary = "Accept-Encoding";
  }
  headers["Content-Length"] = Buffer.byteLength(body);
  res.writeHead(status, headers);
  res.end(head ? undefined : body);
}

async function handle(req, res) {
  const head = req.method === "HEAD";
  if (req.method !== "GET" && !head) {
    res.setHeader("Allow", "GET, HEAD");
    return send(res, 405, "text/plain; charset=utf-8", "Method not allowed\n", head);
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
  } catch {
    return send(res, 400, "text/plain; charset=utf-8", "Bad request\n", head);
  }
  if (pathname.includes("\0") || pathname.includes("\\")) {
    return send(res, 400, "text/plain; charset=utf-8", "Bad request\n", head);
  }
  const file = await findFile(pathname);
  if (!file) {
    if (pathname === "/examples/index.json") {
      return send(res, 200, types[".json"], await exampleIndex(), head, req);
    }
    return send(res, 404, "text/plain; charset=utf-8", "Not found\n", head);
  }
  const type = types[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  return send(res, 200, type, await readFile(file), head, req);
}

const portArg = args[0]?.startsWith("--") ? undefined : args[0];
const port = Number(portArg ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve.mjs: not a port: ${portArg ?? process.env.PORT}`);
  process.exit(2);
}

const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(`serve.mjs: ${req.method} ${req.url}: ${err.message}`);
    if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "Server error\n", false);
    else res.destroy();
  });
});
server.listen(port, "127.0.0.1", () => {
  console.log(`Serving http://127.0.0.1:${server.address().port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
