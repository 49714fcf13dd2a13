#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// A small static file server for dist/, on 127.0.0.1 only. Usage: node scripts/serve.mjs DIR [PORT]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const dir = resolve(process.argv[2] ?? 'dist');
let port = Number(process.argv[3] ?? 8000);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.css': 'text/css' };

const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path === '/') path = '/oms-aid.html';
  const file = normalize(join(dir, path));
  if (file !== dir && !file.startsWith(dir + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store',
      'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});

server.on('error', (e) => {
  if (e.code === 'EADDRINUSE' && port < 8100) {
    console.error(`port ${port} is busy, trying ${port + 1}`);
    port += 1;
    server.listen(port, '127.0.0.1');
  } else {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  }
});
server.listen(port, '127.0.0.1', () => {});
server.on('listening', () => {
  console.log(`Serving ${dir}`);
  console.log(`Open the page at: http://127.0.0.1:${port}/oms-aid.html   (Ctrl-C to stop)`);
});
