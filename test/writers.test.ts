/**
 * Writers never lose data: the one atomic writer (src/util/atomic-write.ts) on real files —
 * symbolic links, hard links, mode, owner, read-only files, directories, protected (dataset)
 * files, a changed file, a failed write — and the CLI's writers through it: `--fix`,
 * `--output-file`, `--cache-location`.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProtectedFiles, WriteRefused, checkWriteTarget, writeAtomic } from '../src/util/atomic-write.js';
import { ROOT, cli } from './helpers.js';

const isRoot = process.getuid?.() === 0;
const FIX = join(ROOT, 'test', 'fixtures', 'fix');
const FIXED_LF = readFileSync(join(FIX, 'lf.yaml'), 'utf8')
  .replace('"食品经营许可（新办） "', '"食品经营许可（新办）"')
  .replace("'Ｘ食品经营许可申请书\u200b'", "'Ｘ食品经营许可申请书'")
  .replace('营业执照\u3000复印件', '营业执照 复印件')
  .replace('审查  核准', '审查 核准');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'qdl-writers-'));
}

/** Names in `dir` that look like our temporary files. */
function temps(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.qingdan-lint.tmp'));
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof WriteRefused) return error.code;
    return `errno:${(error as NodeJS.ErrnoException).code}`;
  }
  return 'written';
}

describe('writeAtomic', () => {
  it('creates a new file with the default mode of a new file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plain'), 'x');
    writeAtomic(join(dir, 'new.json'), '{}');
    expect(readFileSync(join(dir, 'new.json'), 'utf8')).toBe('{}');
    expect(statSync(join(dir, 'new.json')).mode).toBe(statSync(join(dir, 'plain')).mode);
    expect(temps(dir)).toEqual([]);
  });

  it('writes through symbolic links (a chain, and a dangling one): the links stay links', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'store'));
    writeFileSync(join(dir, 'store', 'real.txt'), 'old');
    symlinkSync('store/real.txt', join(dir, 'one'));
    symlinkSync('one', join(dir, 'two'));
    writeAtomic(join(dir, 'two'), 'new');
    expect(readFileSync(join(dir, 'store', 'real.txt'), 'utf8')).toBe('new');
    expect(lstatSync(join(dir, 'two')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'two'))).toBe('one');
    expect(readlinkSync(join(dir, 'one'))).toBe('store/real.txt');
    symlinkSync('store/later.txt', join(dir, 'dangling'));
    writeAtomic(join(dir, 'dangling'), 'made');
    expect(readFileSync(join(dir, 'store', 'later.txt'), 'utf8')).toBe('made');
    expect(lstatSync(join(dir, 'dangling')).isSymbolicLink()).toBe(true);
    expect(temps(dir)).toEqual([]);
    expect(temps(join(dir, 'store'))).toEqual([]);
  });

  it('keeps hard links: same inode after, every name shows the new content', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), 'old content, longer than the new one');
    linkSync(join(dir, 'a'), join(dir, 'b'));
    const ino = statSync(join(dir, 'a')).ino;
    writeAtomic(join(dir, 'a'), 'new');
    expect(statSync(join(dir, 'a')).ino).toBe(ino);
    expect(statSync(join(dir, 'a')).nlink).toBe(2);
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('new');
    expect(temps(dir)).toEqual([]);
  });

  it('writes data given in chunks one after the other, through a rename and in place (a hard link)', () => {
    const dir = tempDir();
    const chunks = [Buffer.from('qingdan'), new Uint8Array(0), Buffer.from('-lint '), Buffer.from('缓存', 'utf8')];
    writeAtomic(join(dir, 'new.bin'), chunks);
    expect(readFileSync(join(dir, 'new.bin'), 'utf8')).toBe('qingdan-lint 缓存');
    writeFileSync(join(dir, 'a'), 'old content, longer than the new one');
    linkSync(join(dir, 'a'), join(dir, 'b'));
    writeAtomic(join(dir, 'a'), chunks);
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('qingdan-lint 缓存');
    expect(temps(dir)).toEqual([]);
  });

  it('keeps mode 0640 (and, as root, the owner)', () => {
    const dir = tempDir();
    const file = join(dir, 'f');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    if (isRoot) chownSync(file, 1234, 2345);
    writeAtomic(file, 'new');
    const s = statSync(file);
    expect(s.mode & 0o7777).toBe(0o640);
    if (isRoot) expect([s.uid, s.gid]).toEqual([1234, 2345]);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('refuses a read-only file (even as root), a directory and a protected file; nothing changes', () => {
    const dir = tempDir();
    const ro = join(dir, 'ro');
    writeFileSync(ro, 'keep');
    chmodSync(ro, 0o444);
    expect(refusal(() => writeAtomic(ro, 'x'))).toBe('readOnly');
    expect(readFileSync(ro, 'utf8')).toBe('keep');
    mkdirSync(join(dir, 'folder'));
    expect(refusal(() => writeAtomic(join(dir, 'folder'), 'x'))).toBe('directory');
    const data = join(dir, 'data.yaml');
    writeFileSync(data, 'region: {}\n');
    symlinkSync('data.yaml', join(dir, 'link'));
    linkSync(data, join(dir, 'hard'));
    const protect = new ProtectedFiles([data]);
    for (const target of [data, join(dir, 'link'), join(dir, 'hard')]) {
      expect(refusal(() => writeAtomic(target, 'x', { protect }))).toBe('dataset');
      expect(refusal(() => checkWriteTarget(target, { protect }))).toBe('dataset');
    }
    expect(readFileSync(data, 'utf8')).toBe('region: {}\n');
    expect(temps(dir)).toEqual([]);
  });

  it('with expect: refuses a file that changed or disappeared, and leaves no temporary file', () => {
    const dir = tempDir();
    const file = join(dir, 'f');
    writeFileSync(file, 'saved by the editor');
    expect(refusal(() => writeAtomic(file, 'fixed', { expect: Buffer.from('as read') }))).toBe('changed');
    expect(readFileSync(file, 'utf8')).toBe('saved by the editor');
    expect(refusal(() => writeAtomic(join(dir, 'gone'), 'fixed', { expect: Buffer.from('as read') }))).toBe('gone');
    expect(existsSync(join(dir, 'gone'))).toBe(false);
    expect(writeAtomic(file, 'fixed', { expect: Buffer.from('saved by the editor') })).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe('fixed');
    expect(temps(dir)).toEqual([]);
  });

  it('creates missing folders only when asked', () => {
    const dir = tempDir();
    expect(refusal(() => writeAtomic(join(dir, 'a', 'b', 'f'), 'x'))).toBe('errno:ENOENT');
    expect(existsSync(join(dir, 'a'))).toBe(false);
    writeAtomic(join(dir, 'a', 'b', 'f'), 'x', { createParents: true });
    expect(readFileSync(join(dir, 'a', 'b', 'f'), 'utf8')).toBe('x');
  });

  it('writes a device directly: /dev/null stays a device', () => {
    writeAtomic('/dev/null', 'nothing');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

/** A copy of the --fix fixture `lf.yaml` under `dir/rel`. */
function fixture(dir: string, rel: string): string {
  const file = join(dir, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  cpSync(join(FIX, 'lf.yaml'), file);
  return file;
}

describe('--fix through the writer', () => {
  it('a symbolic link stays a link and its target is fixed', () => {
    const dir = tempDir();
    const real = fixture(dir, 'store/real.yaml');
    mkdirSync(join(dir, 'data'));
    symlinkSync('../store/real.yaml', join(dir, 'data', 'lf.yaml'));
    const r = cli(['--fix', 'data'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: 'qingdan-lint: 已修复 1 个文件：data/lf.yaml\n' });
    expect(lstatSync(join(dir, 'data', 'lf.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'data', 'lf.yaml'))).toBe('../store/real.yaml');
    expect(readFileSync(real, 'utf8')).toBe(FIXED_LF);
  });

  it('a hard link is kept: same inode after, both names show the fix', () => {
    const dir = tempDir();
    const file = fixture(dir, 'data/lf.yaml');
    mkdirSync(join(dir, 'backup'));
    linkSync(file, join(dir, 'backup', 'lf.yaml'));
    const ino = statSync(file).ino;
    const r = cli(['--fix', 'data'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: 'qingdan-lint: 已修复 1 个文件：data/lf.yaml\n' });
    expect(statSync(file).ino).toBe(ino);
    expect(statSync(file).nlink).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(FIXED_LF);
    expect(readFileSync(join(dir, 'backup', 'lf.yaml'), 'utf8')).toBe(FIXED_LF);
    expect(temps(join(dir, 'data'))).toEqual([]);
  });

  it('two names of one file in the dataset: both reported fixed, one inode', () => {
    const dir = tempDir();
    const a = fixture(dir, 'a/lf.yaml');
    mkdirSync(join(dir, 'b'));
    linkSync(a, join(dir, 'b', 'lf.yaml'));
    const r = cli(['--fix', '.'], { cwd: dir });
    // The two names hold the same items in one region: duplicate codes remain (exit 1).
    expect(r).toMatchObject({ code: 1, stderr: 'qingdan-lint: 已修复 2 个文件：a/lf.yaml、b/lf.yaml\n' });
    expect(statSync(join(dir, 'b', 'lf.yaml')).ino).toBe(statSync(a).ino);
    expect(readFileSync(a, 'utf8')).toBe(FIXED_LF);
  });

  it.runIf(isRoot)('keeps mode 0640 and the owner', () => {
    const dir = tempDir();
    const file = fixture(dir, 'lf.yaml');
    chmodSync(file, 0o640);
    chownSync(file, 1234, 2345);
    expect(cli(['--fix', 'lf.yaml'], { cwd: dir }).code).toBe(0);
    const s = statSync(file);
    expect([s.mode & 0o7777, s.uid, s.gid]).toEqual([0o640, 1234, 2345]);
    expect(readFileSync(file, 'utf8')).toBe(FIXED_LF);
  });

  it('a read-only file is refused and unchanged (even as root)', () => {
    const dir = tempDir();
    const file = fixture(dir, 'lf.yaml');
    chmodSync(file, 0o444);
    const r = cli(['--fix', '--locale', 'en', 'lf.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qingdan-lint: not fixed lf.yaml: the file is read-only\n');
    expect(readFileSync(file).equals(readFileSync(join(FIX, 'lf.yaml')))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('a write that fails part way (file size limit, as a full disk would) leaves the file whole; the other file is fixed', () => {
    const dir = tempDir();
    const big = fixture(dir, 'big/lf.yaml');
    writeFileSync(big, readFileSync(big, 'utf8') + `# ${'填充'.repeat(3000)}\n`);
    const before = readFileSync(big);
    fixture(dir, 'small/lf.yaml');
    // 4 blocks: 2 KiB (dash) or 4 KiB (bash): the small file fits, the big one (over 9 KB) does not.
    const r = spawnSync('sh', ['-c', `ulimit -f 4 && exec "${process.execPath}" "${join(ROOT, 'bin', 'qingdan-lint.js')}" --fix big small`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
    });
    expect(r.stderr).toBe('qingdan-lint: 已修复 1 个文件：small/lf.yaml\nqingdan-lint: 未修复 big/lf.yaml：文件超出系统或配额的大小限制（EFBIG）\n');
    expect(r.status).toBe(2);
    expect(readFileSync(big).equals(before)).toBe(true);
    expect(readFileSync(join(dir, 'small', 'lf.yaml'), 'utf8')).toBe(FIXED_LF);
    expect(temps(join(dir, 'big'))).toEqual([]);
  });

  it('a folder this user may not write: that file is reported (EACCES), the other one fixed in place keeping its owner', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const locked = fixture(dir, 'locked/lf.yaml');
    const open = fixture(dir, 'open/lf.yaml');
    chmodSync(locked, 0o666);
    chmodSync(open, 0o666);
    chmodSync(join(dir, 'locked'), 0o555);
    chmodSync(join(dir, 'open'), 0o777);
    const before = readFileSync(locked);
    // As root, run as `nobody` so that permissions apply; the files stay root's.
    const user = isRoot ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'qingdan-lint.js'), '--fix', 'locked', 'open'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
      ...user,
    });
    expect(r.stderr).toBe('qingdan-lint: 已修复 1 个文件：open/lf.yaml\nqingdan-lint: 未修复 locked/lf.yaml：没有写入权限（EACCES）\n');
    expect(r.status).toBe(2);
    expect(readFileSync(locked).equals(before)).toBe(true);
    expect(readFileSync(open, 'utf8')).toBe(FIXED_LF);
    if (isRoot) expect(statSync(open).uid).toBe(0); // another user's file: written in place, owner kept
    expect(temps(join(dir, 'locked'))).toEqual([]);
    expect(temps(join(dir, 'open'))).toEqual([]);
  });
});

/** examples/fujian under `dir/data`, linted from `dir`. */
function dataset(): { dir: string; file: (rel: string) => string } {
  const dir = tempDir();
  cpSync(join(ROOT, 'examples', 'fujian'), join(dir, 'data'), { recursive: true });
  return { dir, file: (rel) => join(dir, 'data', rel) };
}

const DATASET_REFUSED = (option: string, given: string) => `qingdan-lint: 拒绝写入 ${option} ${given}：它是被检查的数据文件之一 / it is one of the linted files (the dataset)\n`;

describe('--output-file and --cache-location never overwrite the dataset', () => {
  it('-o at a dataset file not given (--report-only-given): exit 2, the file byte-identical', () => {
    const { dir, file } = dataset();
    const target = file('350502/市场监管.yaml');
    const before = readFileSync(target);
    const r = cli(['--report-only-given', '-o', 'data/350502/市场监管.yaml', 'data/350000/市场监管.yaml'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: DATASET_REFUSED('--output-file', 'data/350502/市场监管.yaml') });
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it('-o through a symbolic link or a hard link to a dataset file: refused', () => {
    const { dir, file } = dataset();
    const target = file('350503/卫生健康.yaml');
    const before = readFileSync(target);
    mkdirSync(join(dir, 'out'));
    symlinkSync('../data/350503/卫生健康.yaml', join(dir, 'out', 'link.json'));
    linkSync(target, join(dir, 'out', 'hard.json'));
    for (const given of ['out/link.json', 'out/hard.json']) {
      const r = cli(['--format', 'json', '-o', given, 'data/350000'], { cwd: dir });
      expect(r).toEqual({ code: 2, stdout: '', stderr: DATASET_REFUSED('--output-file', given) });
    }
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it('--cache-location at a dataset file (--report-only-given): exit 2, nothing written', () => {
    const { dir, file } = dataset();
    const target = file('350503/卫生健康.yaml');
    const before = readFileSync(target);
    const r = cli(['--report-only-given', '--cache-location', 'data/350503/卫生健康.yaml', '--locale', 'en', 'data/350000/市场监管.yaml'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'qingdan-lint: refusing to write --cache-location data/350503/卫生健康.yaml: it is one of the linted files (the dataset)\n' });
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['data']);
  });

  it('a file of the config\'s files is protected even when other paths are given', () => {
    const { dir, file } = dataset();
    writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'files: ["data/**/*.yaml"]\n');
    const target = file('350500/卫生健康.yaml');
    const before = readFileSync(target);
    const r = cli(['-o', 'data/350500/卫生健康.yaml', 'data/350000/市场监管.yaml'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: DATASET_REFUSED('--output-file', 'data/350500/卫生健康.yaml') });
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it('a directory or a read-only file as -o or --cache-location: exit 2, nothing written', () => {
    const { dir } = dataset();
    mkdirSync(join(dir, 'reports'));
    expect(cli(['-o', 'reports', 'data'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'qingdan-lint: 拒绝写入 --output-file reports：这是一个目录 / it is a directory\n' });
    expect(cli(['--cache-location', 'reports', 'data'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'qingdan-lint: 拒绝写入 --cache-location reports：这是一个目录 / it is a directory\n' });
    expect(readdirSync(join(dir, 'reports'))).toEqual([]);
    writeFileSync(join(dir, 'old.json'), 'keep');
    chmodSync(join(dir, 'old.json'), 0o444);
    expect(cli(['--format', 'json', '-o', 'old.json', 'data'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'qingdan-lint: 拒绝写入 --output-file old.json：文件为只读 / the file is read-only\n' });
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe('keep');
    expect(readdirSync(dir).sort()).toEqual(['data', 'old.json', 'reports']);
  });

  it('-o out/sub/report.json creates the folders', () => {
    const { dir } = dataset();
    const r = cli(['--format', 'json', '-o', 'out/sub/report.json', 'data'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(join(dir, 'out', 'sub', 'report.json'), 'utf8')).summary.files).toBe(18);
    expect(temps(join(dir, 'out', 'sub'))).toEqual([]);
  });

  it('-o through a link to a report file writes the target and keeps the link', () => {
    const { dir } = dataset();
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'latest.json'), 'old');
    symlinkSync('reports/latest.json', join(dir, 'report.json'));
    expect(cli(['--format', 'json', '-o', 'report.json', 'data'], { cwd: dir }).code).toBe(0);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'latest.json'), 'utf8')).summary.files).toBe(18);
  });
});
