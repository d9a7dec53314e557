// Builds the web client into the server's wwwroot: the page sources as they are (plain ES modules need no
// bundling) plus the browser builds of the official SignalR client and its MessagePack protocol from node_modules,
// so nothing third-party is committed. Run by the server project's build; `node build.mjs --out <dir>` writes elsewhere.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(here, '..', 'VirtualMeet.Server', 'wwwroot'));

const vendored = [
  ['@microsoft/signalr/dist/browser/signalr.min.js', 'lib/signalr.min.js'],
  ['@microsoft/signalr/dist/browser/signalr.min.js.map', 'lib/signalr.min.js.map'],
  ['@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js', 'lib/signalr-protocol-msgpack.min.js'],
  ['@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js.map', 'lib/signalr-protocol-msgpack.min.js.map'],
];

// Copied over, never deleted first: builds of the server may run side by side, and a served folder stays whole.
await cp(join(here, 'src'), out, { recursive: true });
await mkdir(join(out, 'lib'), { recursive: true });
for (const [from, to] of vendored) {
  await cp(join(here, 'node_modules', from), join(out, to));
}
// The server build compares this stamp with the sources to skip an unchanged client.
await writeFile(join(out, '.build-stamp'), new Date().toISOString() + '\n');
console.log(`web client built into ${out}`);
