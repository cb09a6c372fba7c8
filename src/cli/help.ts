export const HELP = `qingdan-lint — 纵向清单检查工具 / lint Chinese government vertical item lists

用法 Usage:
  qingdan-lint [options] [paths or globs ...]
  qingdan-lint merge-reports <report.json ...> [-f format] [-o file]   (see merge-reports --help)
  qingdan-lint stats [paths] [--group-by region|department|system|type] [--compare-to dir]
                     [-f markdown|json|html|xlsx] [-o file]           统计 / statistics (stats --help)
  qingdan-lint import <file.xlsx ...> --out DIR [--region CODE] [--map F] [--force]
                     导入 Excel 清单 / import Excel workbooks (import --help)
  qingdan-lint lsp [--stdio]                                            语言服务器 / language server (docs/editors.md)

  不给路径时检查工作目录下所有 *.yaml / *.yml（配置的 files 优先），跳过 node_modules、.git、
  .gitignore 和配置的 ignores。目录表示其中所有 YAML 文件。
  With no paths, lints every *.yaml/*.yml under the working directory (or the config's files),
  minus node_modules, .git, .gitignore and the config's ignores. A directory means its YAML files.

输出 Output:
  -f, --format <name>        stylish (default) | json | sarif | github | junit | html | xlsx
  -o, --output-file <path>   write the report to a file (never over a linted file); xlsx needs it.
                             Repeatable in pairs: -f sarif -o lint.sarif -f html -o report.html -f github
                             (each -f takes the -o after it; at most one format to standard output)
      --locale <zh-CN|en>    language of messages, notices and errors (default: the config's
                             locale, else zh-CN)
      --quiet                report errors only (warnings still count for --max-warnings)
      --max-warnings <n>     exit 1 when there are more than n warnings
      --color, --no-color    colour stylish output or not. Otherwise: off when NO_COLOR is set
                             (not empty); FORCE_COLOR=0|false off, 1|2|3|true|"" on; else on
                             for a terminal. A report written with -o is coloured only with --color

配置 Configuration:
  -c, --config <path>        use this config file instead of searching upward
      --rule '<id>: <sev>'   set a rule, e.g. --rule 'consistency/basis: error'
                             or --rule 'consistency/materials: [error, {allowFewer: true}]' (repeatable)
      --preset <name>        recommended | five-consistencies | strict | two-lists | three-levels-four-same
      --print-config <file>  print the settings effective for a file, and exit

修复 Fixing:
      --fix                  apply automatic fixes and write the files (atomically)
      --fix-dry-run          compute fixes and report what remains, without writing

编辑器与钩子 Editors and hooks:
      --stdin                lint text from standard input ...
      --stdin-filename <f>   ... as if it were file f within the dataset (only with --stdin)
      --report-only-given    load the whole dataset (config files) but report only the given
                             files, plus lower-level files that now disagree with them

基线（存量问题）Baseline for legacy data (docs/baseline.md):
      --suppress-all         record every current finding in the suppressions file, replacing
                             it; later runs report only new findings (exits 0 once written)
      --suppress-rule <id>   record only this rule's findings, keeping the others' (repeatable)
      --suppressions-location <f>
                             the suppressions file (default qingdan-lint-suppressions.json)
      --prune-suppressions   remove recorded findings that no longer occur from the file
      --pass-on-unpruned-suppressions
                             do not exit 2 when recorded findings no longer occur

性能 Performance:
      --cache                reuse results of unchanged files from the last run (cross-level
                             checks are redone when any file changed; nothing changed: the last
                             result is reused, and the same command's output is printed again
                             without loading the linter; with --report-only-given only the
                             regions the given files depend on are checked)
      --cache-location <p>   the cache file (default .qingdan-lint-cache); implies --cache
      --threads <n>          worker threads for parsing and per-file rules (default: the number
                             of cores for datasets over 32 MB); the report is the same for every n
      --shard <i/n>          lint only the provinces of shard i of n (balanced by bytes); merge
                             the shards' JSON reports with: qingdan-lint merge-reports a.json ...
                             (the merge equals the unsharded report). On a terminal, a run longer
                             than a second shows its progress on standard error

      --debug                on a failure, print the stack after the one-line reason
  -v, --version              print the version
  -h, --help                 print this help

退出码 Exit codes:
  0  no errors (and warnings within --max-warnings)
  1  errors found, or too many warnings
  2  could not run: bad option, unreadable config, no files matched, internal error, an
     unusable suppressions file, or recorded findings that no longer occur (--prune-suppressions)

Docs: https://github.com/qingdan-lint/qingdan-lint#readme
`;
