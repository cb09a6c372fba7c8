#!/usr/bin/env node
// qingdan-lint as a commit hook (the pre-commit framework's entry, usable from lint-staged too):
// `qingdan-lint --report-only-given` on the files given, with the cache kept inside the
// repository's git directory (`git rev-parse --git-path qingdan-lint-cache`), so the hook leaves
// no untracked file in the working tree. `.git` may be a file (worktrees, submodules); git
// resolves it. Outside a git repository, or when the caller names its own --cache-location, no
// location is added.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runAsProcess } from '../dist/cli.js';

function gitCachePath() {
  try {
    const out = execFileSync('git', ['rev-parse', '--git-path', 'qingdan-lint-cache'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const path = out.replace(/\r?\n$/, '');
    return path ? resolve(path) : undefined;
  } catch {
    return undefined;
  }
}

const args = process.argv.slice(2);
const own = args.some((a) => a === '--cache-location' || a.startsWith('--cache-location='));
const cache = own ? undefined : gitCachePath();
const argv = ['--report-only-given', ...(cache ? ['--cache-location', cache] : []), ...args];

runAsProcess(argv);
