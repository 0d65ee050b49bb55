// Trunk post-build hook: adds a Content-Security-Policy meta tag to the built index.html that allows only
// the page's own origin. Trunk's inline module script (the wasm loader) is allowed by its SHA-256 hash, so
// no 'unsafe-inline' is needed; 'wasm-unsafe-eval' lets the page compile its own WebAssembly.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) { console.error('csp.mjs: TRUNK_STAGING_DIR (or a directory argument) is required'); process.exit(2); }
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/g, '');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(file, html);
