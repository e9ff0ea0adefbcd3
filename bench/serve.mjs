// A tiny read-only static server for the browser cold-start page (scripts/serve.mjs serves only
// www/ and pkg/, and www/ is not the benchmark's). Loopback only. `mounts` maps URL prefixes to
// directories, longest prefix first, e.g. {"/pkg/": ".../pkg", "/": ".../bench/web"}.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json", ".wasm": "application/wasm",
};

export function startStaticServer(mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (!prefix || req.method !== "GET") throw new Error("not found");
      const dir = mounts[prefix];
      let file = normalize(join(dir, path.slice(prefix.length) || "index.html"));
      if (!file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) throw new Error("outside");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
