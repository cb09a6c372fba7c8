/**
 * The package's public face, as a user gets it (the built dist/ files): every name its type
 * declarations export as a value (a function, class, constant) exists at run time, in the ES
 * module and the CommonJS build alike — no class is exported as a type with nothing behind it.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function declaredExports(file: string): { name: string; value: boolean }[] {
  const program = ts.createProgram([file], { noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  return checker.getExportsOfModule(moduleSymbol).map((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const typeOnly = (s.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
    return { name: s.getName(), value: !typeOnly && !!(target.flags & ts.SymbolFlags.Value), typeOnlyClass: typeOnly && !!(target.flags & ts.SymbolFlags.Class) };
  });
}

describe('the public API', () => {
  const declared = declaredExports(join(ROOT, 'dist', 'index.d.ts'));

  it('exports the library functions and the rule API', () => {
    const names = declared.map((d) => d.name);
    for (const name of ['lint', 'lintDocuments', 'format', 'stats', 'importWorkbooks', 'mergeReports', 'defineRule', 'rules', 'presets', 'schema', 'normalize', 'diffText', 'pairSimilar', 'diffSequence']) expect(names).toContain(name);
    // The engine's classes are not part of it: rules see interfaces.
    for (const name of ['SourceFile', 'ItemRef', 'RegionData', 'Dataset']) expect(names).not.toContain(name);
  });

  it('every value it declares exists at run time (ESM and CommonJS), and no class is exported as a type only', async () => {
    const esm = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(join(ROOT, 'dist', 'index.cjs')) as Record<string, unknown>;
    const values = declared.filter((d) => d.value).map((d) => d.name);
    expect(values.length).toBeGreaterThan(20);
    for (const name of values) {
      expect(esm[name], `ESM export ${name}`).toBeDefined();
      expect(cjs[name], `CommonJS export ${name}`).toBeDefined();
    }
    expect(declared.filter((d) => (d as { typeOnlyClass?: boolean }).typeOnlyClass).map((d) => d.name)).toEqual([]);
  });
});
