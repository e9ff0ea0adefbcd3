// A small static server for the admin page: www/ at /, the built package at /pkg/.
// Loopback only by default; read-only; no directory listings.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const host = arg("host", "127.0.0.1");
const port = Number(arg("port", "8080"));
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
};

function resolve(urlPath) {
  const [base, rest] = urlPath.startsWith("/pkg/") ? ["pkg", urlPath.slice(5)] : ["www", urlPath.slice(1)];
  const dir = join(root, base);
  const file = normalize(join(dir, rest || "index.html"));
  return file.startsWith(dir + sep) ? file : null;
}

const server = createServer(async (req, res) => {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
  } catch {
    res.writeHead(400).end("bad request");
    return;
  }
  let file = resolve(pathname);
  try {
    if (file && (await stat(file)).isDirectory()) file = join(file, "index.html");
    if (!file || (req.method !== "GET" && req.method !== "HEAD")) throw new Error("not found");
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "cache-control": "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
  }
});
// `--port 0` picks a free port; the line below names the real one (tests wait for it).
server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`admin page: http://${host.includes(":") ? `[${host}]` : host}:${actual}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
