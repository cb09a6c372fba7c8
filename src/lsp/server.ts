/**
 * `qingdan-lint lsp`: the linter as a language server over stdio (reports.md, "Editors"), built on
 * `vscode-languageserver`. Every open YAML document gets every finding, cross-level ones included,
 * with the reference location as related information; an edit to an upper-level buffer
 * republishes the open lower-level documents it affects. The server never writes a file.
 */
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findConfigFile } from '../config/load.js';
import { docsUrl } from '../rule-api/index.js';
import type { Diagnostic, Locale, Report } from '../types.js';
import { VERSION } from '../version.js';
import { IncrementalLinter } from '../service/incremental.js';

/** Quiet time after the last edit before a dataset is linted again. */
export const DEBOUNCE_MS = 75;

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

const isYaml = (uri: string) => uri.startsWith('file:') && /\.ya?ml$/i.test(uri);

/** The client's locale, when it is Chinese or English. */
function clientLocale(params: InitializeParams): Locale | undefined {
  const l = (params.locale ?? '').toLowerCase();
  if (l.startsWith('zh')) return 'zh-CN';
  if (l.startsWith('en')) return 'en';
  return undefined;
}

/** What a published diagnostic carries back to a code action. */
interface FixData {
  fix: { range: [number, number]; text: string };
  version: number;
}

export function startServer(connection: Connection = createConnection(process.stdin, process.stdout)): Connection {
  const documents = new TextDocuments(TextDocument);
  const datasets = new Map<string, IncrementalLinter>();
  const timers = new Map<IncrementalLinter, NodeJS.Timeout>();
  let folders: string[] = [];
  let locale: Locale | undefined;

  /** The dataset a file belongs to: its config's directory, else its workspace folder. */
  function datasetOf(abs: string): IncrementalLinter {
    const config = findConfigFile(dirname(abs));
    const folder = folders.filter((f) => abs.startsWith(f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length)[0];
    const root = config ? dirname(config) : folder ?? dirname(abs);
    const key = `${root}\u0000${config ?? ''}`;
    let d = datasets.get(key);
    if (!d) {
      d = new IncrementalLinter({ root, config: config ?? false, fallbackLocale: locale });
      datasets.set(key, d);
    }
    return d;
  }

  function toLsp(d: Diagnostic, dataset: IncrementalLinter, version: number): LspDiagnostic {
    const out: LspDiagnostic = {
      range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
      severity: SEVERITY[d.severity],
      source: 'qingdan-lint',
      code: d.ruleId,
      codeDescription: { href: docsUrl(d.ruleId) },
      message: d.message,
    };
    if (d.related?.length) {
      out.relatedInformation = d.related.map((r) => ({
        location: { uri: pathToFileURL(dataset.absolute(r.file)).href, range: { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } } },
        message: r.message,
      }));
    }
    if (d.fix) out.data = { fix: d.fix, version } satisfies FixData;
    return out;
  }

  /** One run at a time per dataset: a run asked for while another runs follows it. */
  const running = new Map<IncrementalLinter, Promise<void>>();

  function publish(dataset: IncrementalLinter): Promise<void> {
    const next = (running.get(dataset) ?? Promise.resolve()).then(() => publishNow(dataset));
    running.set(dataset, next);
    return next;
  }

  async function publishNow(dataset: IncrementalLinter): Promise<void> {
    // The open documents of this dataset and their versions as the run starts.
    const open = documents
      .all()
      .filter((doc) => isYaml(doc.uri) && datasetOf(fileURLToPath(doc.uri)) === dataset)
      .map((doc) => ({ uri: doc.uri, version: doc.version, file: dataset.displayPath(fileURLToPath(doc.uri)) }));
    let report: Report;
    try {
      report = await dataset.lint();
    } catch (error) {
      connection.window.showErrorMessage(`qingdan-lint: ${(error as Error).message.split('\n')[0]}`);
      return;
    }
    const byFile = new Map(report.files.map((f) => [f.file, f.diagnostics]));
    for (const { uri, version, file } of open) {
      // Edited since the run started: the run that edit scheduled publishes it.
      if (documents.get(uri)?.version !== version) continue;
      const found = byFile.get(file) ?? [];
      connection.sendDiagnostics({ uri, version, diagnostics: found.map((d) => toLsp(d, dataset, version)) });
    }
  }

  function schedule(dataset: IncrementalLinter, delay = DEBOUNCE_MS): void {
    clearTimeout(timers.get(dataset));
    timers.set(
      dataset,
      setTimeout(() => {
        timers.delete(dataset);
        void publish(dataset);
      }, delay),
    );
  }

  connection.onInitialize((params) => {
    locale = clientLocale(params);
    folders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    if (!folders.length && params.rootUri) folders = [fileURLToPath(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'qingdan-lint', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    // Ask to be told of configuration changes where the client allows it.
    void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  });

  /** Documents seen since they were opened: the first content is linted at once, edits debounced. */
  const seen = new Set<string>();
  documents.onDidChangeContent(({ document }) => {
    if (!isYaml(document.uri)) return;
    const abs = fileURLToPath(document.uri);
    const d = datasetOf(abs);
    d.setOverlay(abs, document.getText());
    schedule(d, seen.has(document.uri) ? DEBOUNCE_MS : 0);
    seen.add(document.uri);
  });
  documents.onDidClose(({ document }) => {
    seen.delete(document.uri);
    if (!isYaml(document.uri)) return;
    const abs = fileURLToPath(document.uri);
    const d = datasetOf(abs);
    d.setOverlay(abs, undefined);
    connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    schedule(d, 0);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const touched = new Set<IncrementalLinter>();
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      const abs = fileURLToPath(change.uri);
      if (/qingdan-lint\.config\.(ya?ml|json)$/.test(abs)) {
        // A config appeared, changed or went: datasets are found again.
        for (const d of datasets.values()) clearTimeout(timers.get(d));
        datasets.clear();
        for (const doc of documents.all()) if (isYaml(doc.uri)) touched.add(reopen(doc));
        continue;
      }
      const d = datasetOf(abs);
      d.filesChanged();
      touched.add(d);
    }
    for (const d of touched) schedule(d, 0);
  });

  /** Put an open document into its (new) dataset. */
  function reopen(doc: TextDocument): IncrementalLinter {
    const abs = fileURLToPath(doc.uri);
    const d = datasetOf(abs);
    d.setOverlay(abs, doc.getText());
    return d;
  }

  connection.onDidChangeConfiguration(() => {
    for (const d of datasets.values()) d.reset();
    for (const d of new Set(documents.all().filter((doc) => isYaml(doc.uri)).map(reopen))) schedule(d, 0);
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const data = diagnostic.data as FixData | undefined;
      if (diagnostic.source !== 'qingdan-lint' || !data?.fix || data.version !== doc.version) continue;
      // Offsets count the text without a byte order mark; the buffer may hold one.
      const shift = doc.getText().startsWith('\uFEFF') ? 1 : 0;
      const [start, end] = data.fix.range;
      actions.push({
        title: locale === 'en' ? `Fix: ${diagnostic.message}` : `修复：${diagnostic.message}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [doc.uri]: [{ range: { start: doc.positionAt(start + shift), end: doc.positionAt(end + shift) }, newText: data.fix.text }] } },
      });
    }
    return actions;
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
