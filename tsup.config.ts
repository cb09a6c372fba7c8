import { defineConfig } from 'tsup';

// ES modules with code splitting: what a subcommand or a format needs (the language server, the
// Excel reader and writer, the HTML page) is loaded only when it is used, so every run does not pay
// for every dependency at start-up. CommonJS for `require('qingdan-lint')`, in one file each.
const common = { target: 'node20', platform: 'node', sourcemap: false, shims: true, silent: true } as const;

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
