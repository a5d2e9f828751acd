// A static host for the browser tests: serves a built site under its base path with clean URLs
// (`/x/` → `/x/index.html`) and 404.html for what is missing, as GitHub Pages or Netlify do.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  url: string;
  /** Bytes sent for each request path, to measure what a page costs. */
  sent: Map<string, number>;
  close: () => Promise<void>;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const sent = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(base)) return notFound(res);
    rel = rel.slice(base.length);
    let file = path.join(root, rel);
    if (!file.startsWith(root)) return notFound(res);
    if (rel === '' || rel.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (error, body) => {
      if (error) {
        if (!rel.endsWith('/') && fs.existsSync(path.join(root, rel, 'index.html'))) {
          res.writeHead(301, { Location: `${url.pathname}/` });
          return res.end();
        }
        return notFound(res);
      }
      sent.set(url.pathname, (sent.get(url.pathname) ?? 0) + body.length);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    });
  });
  const notFound = (res: http.ServerResponse) => {
    const page = path.join(root, '404.html');
    res.writeHead(404, { 'Content-Type': TYPES['.html']! });
    res.end(fs.existsSync(page) ? fs.readFileSync(page) : 'not found');
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${base}`, sent, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
