/**
 * The layers of issue 11, checked by dependency-cruiser in test/architecture.test.ts:
 * rules reach the engine only through the rule API; src/ has no import cycle.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'src/ has no import cycle',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'rules-only-through-rule-api',
      severity: 'error',
      comment: 'a rule imports nothing from src/ but the rule API module',
      from: { path: '^rules/' },
      to: { path: '^src/', pathNot: '^src/rule-api/' },
    },
    {
      name: 'engine-below-services',
      severity: 'error',
      comment: 'engine stages (per-file, cross-level, ranges, suppression) do no I/O and no wording: they import no service, API, CLI or report module',
      from: { path: '^src/engine/' },
      to: { path: '^src/(service|cli|lsp|stats|import|report)/|^src/(api|index)\\.ts$|^src/util/atomic-write' },
    },
    {
      name: 'services-below-api',
      severity: 'error',
      comment: 'application services (cache, fix loop, worker pool, incremental state) do not reach up to the API or the CLI',
      from: { path: '^src/service/' },
      to: { path: '^src/(cli|lsp)/|^src/(api|index)\\.ts$' },
    },
    {
      name: 'foundations-at-the-bottom',
      severity: 'error',
      comment: 'load, schema, regions, text and the rule API depend on nothing above them',
      from: { path: '^src/(load|schema|regions|text|rule-api)/' },
      to: { path: '^src/(engine|service|cli|lsp|stats|import|report|config)/|^src/(api|index)\\.ts$' },
    },
    {
      name: 'report-above-engine-types-only',
      severity: 'error',
      comment: 'the report layer words and formats; it may know the engine only by types',
      from: { path: '^src/report/' },
      to: { path: '^src/(service|cli|lsp)/|^src/(api|index)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|test|bench)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
