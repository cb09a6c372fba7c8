#!/usr/bin/env node
// The language server on a ~15k-item dataset, driven by a real LSP client over stdio:
// - first diagnostics: from `didOpen` of a district file to its published diagnostics;
// - edit: from a `didChange` (a material renamed, then restored) to the diagnostics of that
//   version, the 150 ms debounce included.
// Writes its figures into the "Language server" section of bench/RESULTS.md.
//
//   node bench/lsp.mjs            (npm run bench runs it after bench/run.mjs)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification,
  ShutdownRequest, ExitNotification,
} from 'vscode-languageserver-protocol/node.js';
import { generate } from './generate.mjs';
import { writeSection } from './lib/results.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'bench', 'data', 'lsp');
const EDITS = 20;

const g = generate({ out: DATA, cities: 2, districts: 7, items: 1000, seed: 42, inconsistencies: 0, force: true });
const district = fs.readdirSync(DATA).filter((d) => /^\d{6}$/.test(d) && !d.endsWith('00')).sort()[0];
const file = path.join(DATA, district, fs.readdirSync(path.join(DATA, district)).filter((f) => f.endsWith('.yaml')).sort()[0]);
const uri = pathToFileURL(file).href;
const original = fs.readFileSync(file, 'utf8');
const materialLine = original.split('\n').find((l) => /^ {6}- name: /.test(l));

const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'qingdan-lint.js'), 'lsp', '--stdio'], { cwd: DATA, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
  if (p.uri !== uri) return;
  const w = waiting.get(p.version);
  if (w) {
    waiting.delete(p.version);
    w(p);
  }
});
connection.listen();
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(DATA).href, workspaceFolders: [{ uri: pathToFileURL(DATA).href, name: 'bench' }], capabilities: {} });
await connection.sendNotification(InitializedNotification.type, {});

let t = performance.now();
const first = published(1);
await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: original } });
const opened = await first;
const firstMs = performance.now() - t;
// Whatever the file already has (say, region/name notices on generated names) stays; each edit adds one or removes it.
const base = opened.diagnostics.length;

const times = [];
let version = 1;
for (let i = 0; i < EDITS; i++) {
  version++;
  const text = i % 2 === 0 ? original.replace(materialLine, materialLine + '（副本）') : original;
  const done = published(version);
  t = performance.now();
  await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  const p = await done;
  times.push(performance.now() - t);
  const expected = base + (i % 2 === 0 ? 1 : 0);
  if (p.diagnostics.length !== expected) throw new Error(`edit ${i}: expected ${expected} diagnostics, got ${p.diagnostics.length}`);
}
await connection.sendRequest(ShutdownRequest.type);
await connection.sendNotification(ExitNotification.type);

const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const max = sorted[sorted.length - 1];
const ms = (x) => `${Math.round(x)} ms`;
const section = [
  `Dataset: ${g.files} files, ${g.items} items, ${(g.bytes / 1e6).toFixed(1)} MB; a district file opened and edited ${EDITS} times (a material renamed, then restored), each edit waiting for the diagnostics of its version. The 75 ms debounce is included in every edit time.`,
  '',
  '| measure | time | goal | met |',
  '| --- | ---: | ---: | --- |',
  `| first diagnostics after didOpen | ${ms(firstMs)} | < 2000 ms | ${firstMs < 2000 ? 'yes' : 'no'} |`,
  `| didChange → diagnostics, median | ${ms(median)} | < 300 ms | ${median < 300 ? 'yes' : 'no'} |`,
  `| didChange → diagnostics, slowest | ${ms(max)} | | |`,
].join('\n');
writeSection('Language server', section);
process.stderr.write(`lsp bench: first ${ms(firstMs)}, edit median ${ms(median)}, max ${ms(max)}\n`);
