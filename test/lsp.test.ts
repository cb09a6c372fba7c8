/**
 * The language server driven as an editor drives it: the real `qingdan-lint lsp --stdio` process,
 * spoken to over stdio by the LSP client library (vscode-languageserver-protocol). A district
 * buffer with a changed material gets the consistency diagnostic with the province's location;
 * reverting clears it; an edit to the province buffer republishes the open district; the
 * whitespace quick fix applies; a syntax error is a diagnostic and the server still answers;
 * shutdown and exit end the process with code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const DISTRICT = '350502/市场监管.yaml';
const PROVINCE = '350000/市场监管.yaml';

class Client {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly published: PublishDiagnosticsParams[] = [];
  private waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();

  constructor(readonly dir: string) {
    this.process = spawn(process.execPath, [join(ROOT, 'bin', 'qingdan-lint.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.listen();
  }

  uri(file: string): string {
    return pathToFileURL(join(this.dir, file)).href;
  }

  async initialize(locale = 'zh-cn'): Promise<void> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(this.dir).href,
      workspaceFolders: [{ uri: pathToFileURL(this.dir).href, name: 'data' }],
      capabilities: {},
      locale,
    });
    expect(result.capabilities.codeActionProvider).toBeTruthy();
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(file: string, text = readFileSync(join(this.dir, file), 'utf8')): Promise<void> {
    this.versions.set(file, 1);
    this.texts.set(file, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(file), languageId: 'yaml', version: 1, text } });
  }

  async change(file: string, text: string): Promise<number> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    this.texts.set(file, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri(file), version }, contentChanges: [{ text }] });
    return version;
  }

  async edit(file: string, from: string, to: string): Promise<number> {
    const text = this.texts.get(file)!;
    expect(text).toContain(from);
    return this.change(file, text.replace(from, to));
  }

  /** The first diagnostics published for `file` (at `version`, when given) that satisfy `test`. */
  /** How many publications there have been: pass it to {@link diagnostics} to see only later ones. */
  mark(): number {
    return this.published.length;
  }

  async diagnostics(file: string, test: (d: Diagnostic[]) => boolean, version?: number, since = 0): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    for (;;) {
      const hit = this.published.slice(since).reverse().find((p) => p.uri === uri && (version === undefined || p.version === version) && test(p.diagnostics));
      if (hit) return hit.diagnostics;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

function dataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-lsp-'));
  cpSync(join(ROOT, 'examples', 'fujian'), dir, { recursive: true });
  return dir;
}

describe('qingdan-lint lsp, through a real LSP client', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client(dataset());
    await client.initialize();
  });
  afterAll(() => {
    if (client.process.exitCode === null) client.process.kill();
  });

  it('a district buffer with a changed material: the consistency diagnostic, with the province as related information', async () => {
    const text = readFileSync(join(client.dir, DISTRICT), 'utf8').replace('      - name: 营业执照复印件', '      - name: 营业执照副本复印件');
    await client.open(DISTRICT, text);
    const found = await client.diagnostics(DISTRICT, (d) => d.length > 0, 1);
    expect(found).toHaveLength(1);
    const [d] = found;
    expect(d).toMatchObject({
      range: { start: { line: 33, character: 14 }, end: { line: 33, character: 23 } },
      severity: 1,
      source: 'qingdan-lint',
      code: 'consistency/materials',
      codeDescription: { href: 'https://github.com/qingdan-lint/qingdan-lint/blob/main/rules/consistency/materials.md' },
    });
    expect(d.message).toContain('营业执照复印件');
    expect(d.relatedInformation).toHaveLength(1);
    expect(d.relatedInformation![0].location.uri).toBe(client.uri(PROVINCE));
    expect(d.relatedInformation![0].location.range.start.line).toBe(29);
    expect(d.relatedInformation![0].message).toContain('福建省');
  });

  it('reverting the edit clears it', async () => {
    const version = await client.edit(DISTRICT, '营业执照副本复印件', '营业执照复印件');
    expect(await client.diagnostics(DISTRICT, () => true, version)).toEqual([]);
  });

  it('an edit to the open province buffer republishes the open district', async () => {
    await client.open(PROVINCE);
    await client.diagnostics(PROVINCE, (d) => d.length === 0, 1);
    const published = await client.diagnostics(DISTRICT, () => true);
    expect(published).toEqual([]);
    // The province renames a material of 食品经营许可（新办）: every lower level now differs from it.
    const since = client.mark();
    await client.edit(PROVINCE, '      - name: 营业执照复印件\n', '      - name: 营业执照复印件（加盖公章）\n');
    const found = await client.diagnostics(DISTRICT, (d) => d.length > 0, undefined, since);
    expect(found.map((d) => [d.code, d.range.start.line])).toEqual([['consistency/materials', 33]]);
    expect(found[0].relatedInformation![0].location.uri).toBe(client.uri(PROVINCE));
    const again = client.mark();
    const version = await client.edit(PROVINCE, '营业执照复印件（加盖公章）', '营业执照复印件');
    await client.diagnostics(PROVINCE, () => true, version);
    expect(await client.diagnostics(DISTRICT, (d) => d.length === 0, undefined, again)).toEqual([]);
  });

  it('the whitespace quick fix carries its edit, and applying it clears the finding', async () => {
    const version = await client.edit(DISTRICT, '    name: 食品经营许可（新办）\n', '    name: 食品经营许可\u3000（新办）\n');
    const found = await client.diagnostics(DISTRICT, (d) => d.some((x) => x.code === 'text/whitespace'), version);
    const whitespace = found.filter((d) => d.code === 'text/whitespace');
    expect(whitespace).toHaveLength(1);
    expect(whitespace[0].range.start).toEqual({ line: 13, character: 10 });
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri(DISTRICT) },
      range: whitespace[0].range,
      context: { diagnostics: whitespace },
    });
    expect(actions).toHaveLength(1);
    const action = actions![0] as { kind: string; edit: { changes: Record<string, TextEdit[]> } };
    expect(action.kind).toBe('quickfix');
    const [edit] = action.edit.changes[client.uri(DISTRICT)];
    // Apply the edit as an editor would.
    const text = client.texts.get(DISTRICT)!;
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const fixed = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
    expect(fixed).toContain('    name: 食品经营许可 （新办）\n');
    const after = await client.change(DISTRICT, fixed);
    expect(await client.diagnostics(DISTRICT, () => true, after)).toEqual([]);
  });

  it('a syntax error is a diagnostic, and the server goes on answering', async () => {
    const version = await client.edit(DISTRICT, 'items:\n', 'items:\n  - [unclosed\n');
    const found = await client.diagnostics(DISTRICT, (d) => d.length > 0, version);
    expect(found.map((d) => d.code)).toEqual(['yaml-syntax']);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: client.uri(DISTRICT) }, range: found[0].range, context: { diagnostics: found } });
    expect(actions).toEqual([]);
    const binary = await client.change(DISTRICT, `${client.texts.get(DISTRICT)}\u0000\u0001\u0002`);
    expect((await client.diagnostics(DISTRICT, (d) => d.length > 0, binary)).map((d) => d.code)).toContain('yaml-syntax');
  });

  it('a 10 MB line is a diagnostic, not a crash', async () => {
    const version = await client.change(DISTRICT, `${client.texts.get(DISTRICT)}\n${'x'.repeat(10 * 1024 * 1024)}\n`);
    const found = await client.diagnostics(DISTRICT, (d) => d.length > 0, version);
    expect(found.map((d) => d.code)).toEqual(['yaml-syntax']);
    const restored = await client.change(DISTRICT, readFileSync(join(client.dir, DISTRICT), 'utf8'));
    expect(await client.diagnostics(DISTRICT, () => true, restored)).toEqual([]);
  });

  it('files changed on disk (watched files) and closed buffers: the open documents follow the disk', async () => {
    // The province file changes on disk while it is not open: the client reports the change.
    const province = join(client.dir, PROVINCE);
    const original = readFileSync(province, 'utf8');
    writeFileSync(province, original.replace('      - name: 营业执照复印件\n', '      - name: 营业执照（副本）复印件\n'));
    let since = client.mark();
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: client.uri(PROVINCE) } });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(PROVINCE), type: FileChangeType.Changed }] });
    const found = await client.diagnostics(DISTRICT, (d) => d.length === 1, undefined, since);
    expect(found.map((d) => [d.code, d.range.start.line])).toEqual([['consistency/materials', 33]]);
    since = client.mark();
    // A config that turns the rule off, seen through the watched config file.
    writeFileSync(join(client.dir, 'qingdan-lint.config.yaml'), 'rules:\n  consistency/materials: off\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('qingdan-lint.config.yaml'), type: FileChangeType.Created }] });
    expect(await client.diagnostics(DISTRICT, (d) => d.length === 0, undefined, since)).toEqual([]);
    since = client.mark();
    rmSync(join(client.dir, 'qingdan-lint.config.yaml'));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    expect((await client.diagnostics(DISTRICT, (d) => d.length === 1, undefined, since)).map((d) => d.code)).toEqual(['consistency/materials']);
    writeFileSync(province, original);
  });

  it('shutdown, then exit: the process ends with code 0', async () => {
    const exited = new Promise<number | null>((resolve) => client.process.on('exit', (code) => resolve(code)));
    await client.connection.sendRequest(ShutdownRequest.type);
    await client.connection.sendNotification(ExitNotification.type);
    expect(await exited).toBe(0);
  });
});

describe('qingdan-lint lsp: wording', () => {
  it("follows the editor's locale when the config sets none, and the config's when it does", async () => {
    const dir = dataset();
    const client = new Client(dir);
    try {
      await client.initialize('en-US');
      const text = readFileSync(join(dir, DISTRICT), 'utf8').replace('      - name: 营业执照复印件', '      - name: 营业执照副本复印件');
      await client.open(DISTRICT, text);
      const [d] = await client.diagnostics(DISTRICT, (x) => x.length > 0, 1);
      expect(d.message).toMatch(/^Material "营业执照副本复印件"/);
      expect(d.relatedInformation![0].message).not.toMatch(/[\u3000-\u303f\uff08\uff09]/);
      writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'locale: zh-CN\n');
      const since = client.mark();
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('qingdan-lint.config.yaml'), type: FileChangeType.Created }] });
      const [zh] = await client.diagnostics(DISTRICT, (x) => x.length > 0, undefined, since);
      expect(zh.message).toBe("申报材料「营业执照副本复印件」与上级清单的「营业执照复印件」名称不一致");
    } finally {
      client.process.kill();
    }
  });
});

describe('qingdan-lint lsp: the baseline', () => {
  it('findings recorded in qingdan-lint-suppressions.json are not shown, new ones are', async () => {
    const dir = dataset();
    writeFileSync(join(dir, 'qingdan-lint-suppressions.json'), `${JSON.stringify({ version: 1, files: { [DISTRICT]: { '000122001001': { 'consistency/materials': { renamed: 1 } } } } }, null, 2)}\n`);
    const client = new Client(dir);
    try {
      await client.initialize();
      const text = readFileSync(join(dir, DISTRICT), 'utf8').replace('      - name: 营业执照复印件', '      - name: 营业执照副本复印件');
      await client.open(DISTRICT, text);
      expect(await client.diagnostics(DISTRICT, () => true, 1)).toEqual([]);
      const version = await client.edit(DISTRICT, '    name: 食品经营许可（新办）\n', '    name: 食品经营许可（新）\n');
      expect((await client.diagnostics(DISTRICT, () => true, version)).map((d) => d.code)).toEqual(['consistency/name']);
    } finally {
      client.process.kill();
    }
  });
});
