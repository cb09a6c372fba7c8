import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'tsup';
import { AJV_OPTIONS } from './src/schema/ajv-options.js';

const require = createRequire(import.meta.url);

/**
 * src/schema/precompiled.ts becomes ajv's standalone code for the checklist schema (compiled
 * here, with the options the run-time compile uses), wrapped in a function that takes the `date`
 * format. A run then neither loads ajv nor compiles the schema.
 */
function precompiledValidatorSource(): string {
  const { default: Ajv, _ } = require('ajv');
  const standaloneCode = require('ajv/dist/standalone').default;
  const schema = JSON.parse(readFileSync(new URL('./schemas/checklist.schema.json', import.meta.url), 'utf8'));
  const ajv = new Ajv({ ...AJV_OPTIONS, formats: { date: () => true }, code: { source: true, esm: true, formats: _`{ date: isCalendarDate }` } });
  let code: string = standaloneCode(ajv, ajv.compile(schema));
  code = code.replace(/^"use strict";/, '').replace(/export const validate = validate\d+;export default validate\d+;/, '');
  const name = /\bfunction (validate\d+)\(/.exec(code)?.[1];
  if (!name || /\bexport\b|\bimport\b/.test(code.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) throw new Error('unexpected ajv standalone code');
  // The only run-time helper the schema needs, inlined (ajv/dist/runtime/ucs2length).
  code = code.replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, 'ucs2length');
  if (code.includes('require(')) throw new Error('ajv standalone code needs a run-time module');
  const ucs2length = require('ajv/dist/runtime/ucs2length').default.toString();
  return `${ucs2length}\nexport function precompiledValidator(isCalendarDate) {\n${code}\nreturn ${name};\n}\n`;
}

const precompiledValidator = {
  name: 'precompiled-validator',
  setup(build: { onLoad: (options: { filter: RegExp }, callback: () => { contents: string; loader: 'js' }) => void }) {
    let source: string | undefined;
    build.onLoad({ filter: /[\\/]src[\\/]schema[\\/]precompiled\.ts$/ }, () => ({ contents: (source ??= precompiledValidatorSource()), loader: 'js' }));
  },
};

// ES modules with code splitting: what a subcommand or a format needs (the language server, the
// Excel reader and writer, the HTML page) is loaded only when it is used, so every run does not pay
// for every dependency at start-up. CommonJS for `require('qingdan-lint')`, in one file each.
//
// Bundled rather than imported at run time: `string-width`, so that src/report/width.ts can load it
// on first use with a synchronous `require` (its set-up costs ~15 ms; most runs never measure a
// width), in both builds; and the CommonJS packages `ignore` and `fast-diff`, since Node reads the
// exports of a CommonJS module imported from an ES module with a lexer that costs ~20 ms to start.
const bundled = ['string-width', 'ignore', 'fast-diff'];
const common = { target: 'node20', platform: 'node', sourcemap: false, shims: true, silent: true, noExternal: bundled, esbuildPlugins: [precompiledValidator] } as const;

export default defineConfig([
  {
    ...common,
    entry: { index: 'src/index.ts', cli: 'src/cli/process.ts', worker: 'src/service/worker.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
    splitting: true,
  },
  {
    ...common,
    entry: { index: 'src/index.ts', worker: 'src/service/worker.ts' },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: false,
    splitting: false,
  },
]);
