/**
 * The one way qingdan-lint writes a file: `--fix`, the cache, `--output-file`, and every later
 * writer (the suppressions baseline, xlsx/html reports, import). Nothing else in the code base
 * calls `writeFile`/`rename` on a user's path.
 *
 * {@link writeAtomic} guarantees, for a target that already exists:
 * - **Symbolic links are followed**: the link's final target is written and the link stays a link
 *   (a chain of links is followed; a dangling link creates its target).
 * - **Never half-written**: the new bytes go to a temporary file beside the target
 *   (`.<name>.<pid>-<random>.qingdan-lint.tmp`), are fsynced, then renamed over the target, and
 *   the folder is fsynced (not with `durable: false`, for the cache only). On any failure the
 *   temporary file is removed and the target is as it was.
 * - **Mode and ownership are kept** (`chmod`/`chown` of the temporary file before the rename).
 * - **Hard links are kept**: a file with more than one name (nlink > 1) cannot be replaced by a
 *   rename without splitting it. Its new content is first written to a temporary copy and fsynced
 *   (so a full disk or a size limit fails before the target is touched), then copied over the
 *   target in place (same inode: every name shows the change), truncated and fsynced; if that copy
 *   fails, the old bytes are written back. The same in-place path is taken when the owner cannot
 *   be kept by `chown` (a file of another user that this one may write). Only a crash in the
 *   middle of that copy can leave a mixed file; the complete new text is then in the temporary
 *   copy beside it.
 * - **Read-only files are refused**: no write permission bit for the owner (`chmod a-w`) means
 *   "do not touch", even for root; a file this process may not write is refused too (a rename
 *   would otherwise replace it, since a rename needs only the folder's permission).
 * - **Directories are refused**, and so is any file in `protect` (compared by device and inode,
 *   after following links, so a link or a hard link to a dataset file is caught).
 * - With `expect`, the target is re-read just before it is replaced and the write is refused
 *   (`changed`) unless it still holds exactly those bytes (`--fix` on a file an editor saved).
 * - Other existing non-regular files (`/dev/null`, a FIFO, `/dev/stdout`) are written directly.
 *
 * A missing target is created (mode `0o666` minus the umask, or `mode`); its folder must exist
 * unless `createParents` (report and cache files; never `--fix` targets).
 *
 * Refusals throw {@link WriteRefused}; file system errors throw the `ErrnoException` (use
 * {@link writeErrorReason} for a one-line reason). Not kept: ACLs and extended attributes.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RunSetup } from '../config/setup.js';
import { discoverFiles } from '../files/discover.js';

export type RefusalCode = 'readOnly' | 'notWritable' | 'directory' | 'dataset' | 'changed' | 'gone';

const REFUSALS: Record<RefusalCode, [string, string]> = {
  readOnly: ['the file is read-only', '文件为只读'],
  notWritable: ['no permission to write the file', '没有写入该文件的权限'],
  directory: ['it is a directory', '这是一个目录'],
  dataset: ['it is one of the linted files (the dataset)', '它是被检查的数据文件之一'],
  changed: ['changed on disk since it was read', '读取后文件已被修改'],
  gone: ['the file disappeared since it was read', '读取后文件已不存在'],
};

/** A write refused on purpose: the target was left exactly as it was. */
export class WriteRefused extends Error {
  readonly reason: string;
  readonly reasonZh: string;
  constructor(
    readonly code: RefusalCode,
    readonly path: string,
  ) {
    const [en, zh] = REFUSALS[code];
    super(`${path}: ${en}`);
    this.name = 'WriteRefused';
    this.reason = en;
    this.reasonZh = zh;
  }
}

const ERRNO: Record<string, [string, string]> = {
  EACCES: ['permission denied', '没有写入权限'],
  EPERM: ['operation not permitted', '不允许的操作'],
  ENOSPC: ['no space left on the device', '磁盘空间不足'],
  EDQUOT: ['disk quota exceeded', '超出磁盘配额'],
  EFBIG: ['file too large for this system or limit', '文件超出系统或配额的大小限制'],
  EROFS: ['read-only file system', '只读文件系统'],
  ENOENT: ['the folder does not exist', '所在目录不存在'],
  ENOTDIR: ['a file is in the way of the folder', '路径中有同名文件挡住了目录'],
  EISDIR: ['it is a directory', '这是一个目录'],
  ELOOP: ['symbolic link loop', '符号链接循环'],
  ENAMETOOLONG: ['the path is too long', '路径过长'],
  EIO: ['input/output error', '读写错误'],
};

/** A one-line reason for a refusal or a file system error: `[english, chinese, code]`. */
export function writeErrorReason(error: unknown): { en: string; zh: string; code: string } {
  if (error instanceof WriteRefused) return { en: error.reason, zh: error.reasonZh, code: error.code };
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code && ERRNO[code]) return { en: `${ERRNO[code][0]} (${code})`, zh: `${ERRNO[code][1]}（${code}）`, code };
  const message = String((error as Error)?.message ?? error).split('\n')[0];
  return { en: message, zh: message, code: code ?? 'EIO' };
}

/** Files a writer must never replace, by identity (device and inode): a dataset's files. */
export class ProtectedFiles {
  private readonly ids = new Set<string>();
  constructor(paths: Iterable<string> = []) {
    for (const p of paths) this.add(p);
  }
  /** Protect a file (links followed); a path that does not exist is ignored. */
  add(path: string): void {
    try {
      const s = statSync(path, { bigint: true });
      if (s.isFile()) this.ids.add(`${s.dev}:${s.ino}`);
    } catch {
      // nothing there to protect
    }
  }
  /** Whether `path` (links followed) is one of the protected files. */
  has(path: string): boolean {
    try {
      const s = statSync(path, { bigint: true });
      return this.ids.has(`${s.dev}:${s.ino}`);
    } catch {
      return false;
    }
  }
  get size(): number {
    return this.ids.size;
  }
}

/**
 * Every file of the dataset a run loads: the config's `files` as discovered (whatever the given
 * paths), the given paths' files, and the config file itself.
 */
export async function protectDataset(s: RunSetup, patterns: string[] = []): Promise<ProtectedFiles> {
  const config = s.loaded.config;
  const found = await discoverFiles({ cwd: s.cwd, patterns: [], files: config.files, ignores: config.ignores, baseDir: s.loaded.baseDir });
  const given = patterns.length ? await discoverFiles({ cwd: s.cwd, patterns, ignores: config.ignores, baseDir: s.loaded.baseDir }) : [];
  const files = new ProtectedFiles([...found, ...given].map((f) => f.abs));
  if (s.loaded.path) files.add(s.loaded.path);
  return files;
}

export interface AtomicWriteOptions {
  /** Create missing parent folders (report, cache and baseline files). Default false: a `--fix` target's folder must exist. */
  createParents?: boolean;
  /** Refuse (`dataset`) to write any of these files. */
  protect?: ProtectedFiles;
  /** The bytes the target must still hold just before it is replaced; else refused (`changed`, or `gone` when it no longer exists). */
  expect?: Uint8Array;
  /** Mode of a newly created file (default `0o666` minus the umask). */
  mode?: number;
  /**
   * Default true: the new bytes and the folder are fsynced before and after the rename, so a
   * crash or a power cut right after leaves the old file or the new one. False for a file that
   * is only ever a copy of something else (the cache): still never half-written by this process
   * (the rename), but after a power cut the file may be empty or damaged, and its reader must
   * check it (the cache ignores and rebuilds such a file).
   */
  durable?: boolean;
}

const MAX_LINKS = 40;

interface Target {
  /** The real path to write: links followed, the folder's links resolved. */
  real: string;
  /** The existing file (links followed), or undefined when it is to be created. */
  stat?: Stats;
}

/** Follow `path`'s links to the file that would be written. */
function resolveTarget(path: string, createParents: boolean): Target {
  let p = resolve(path);
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    let l: Stats | undefined;
    try {
      l = lstatSync(p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (l?.isSymbolicLink()) {
      p = resolve(dirname(p), readlinkSync(p));
      continue;
    }
    const dir = dirname(p);
    let realDir: string;
    try {
      realDir = realpathSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !createParents) throw error;
      mkdirSync(dir, { recursive: true });
      realDir = realpathSync(dir);
    }
    return { real: join(realDir, basename(p)), stat: l };
  }
  throw Object.assign(new Error(`${path}: symbolic link loop`), { code: 'ELOOP' });
}

/** The refusals that need no writing: directory, protected, read-only, not writable. */
function refuse(path: string, t: Target, options: AtomicWriteOptions): void {
  if (!t.stat) {
    if (options.expect) throw new WriteRefused('gone', path);
    return;
  }
  if (t.stat.isDirectory()) throw new WriteRefused('directory', path);
  if (options.protect?.has(t.real)) throw new WriteRefused('dataset', path);
  if (!t.stat.isFile()) return;
  if ((t.stat.mode & 0o200) === 0) throw new WriteRefused('readOnly', path);
  try {
    accessSync(t.real, constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EROFS') throw error;
    throw new WriteRefused('notWritable', path);
  }
}

/**
 * Check, without writing anything, that {@link writeAtomic} would not refuse `path` (a
 * directory, a protected or read-only file). A missing folder is not an error here. Throws
 * {@link WriteRefused}.
 */
export function checkWriteTarget(path: string, options: Omit<AtomicWriteOptions, 'expect' | 'mode'> = {}): void {
  let t: Target;
  try {
    t = resolveTarget(path, false);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  refuse(path, t, options);
}

/** Write `chunks` one after the other from the start of the file. */
function writeChunks(fd: number, chunks: readonly Uint8Array[]): void {
  let position = 0;
  for (const chunk of chunks) {
    let done = 0;
    while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done, position + done);
    position += chunk.length;
  }
}

function fsyncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some systems cannot fsync a folder; the rename itself is still atomic
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Overwrite the file at `real` in place (same inode), restoring `old` if that fails. */
function overwriteInPlace(real: string, bytes: Uint8Array, old: Uint8Array): void {
  const fd = openSync(real, 'r+');
  try {
    try {
      writeChunks(fd, [bytes]);
      ftruncateSync(fd, bytes.length);
      fsyncSync(fd);
    } catch (error) {
      try {
        writeChunks(fd, [old]);
        ftruncateSync(fd, old.length);
        fsyncSync(fd);
      } catch {
        // the complete new text stays in the temporary copy (the caller keeps it)
        (error as { keepTemp?: boolean }).keepTemp = true;
      }
      throw error;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Write `data` to `path` without ever losing the file that was there (see the module comment
 * for every guarantee). `data` may be given in chunks (written one after the other, never joined
 * in memory unless the file must be overwritten in place). Returns the real path written. Throws
 * {@link WriteRefused} when refused, the file system's error otherwise; either way nothing was
 * changed.
 */
export function writeAtomic(path: string, data: string | Uint8Array | readonly Uint8Array[], options: AtomicWriteOptions = {}): string {
  const chunks = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
  let joined: Uint8Array | undefined;
  const whole = () => (joined ??= chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  const target = resolveTarget(path, !!options.createParents);
  refuse(path, target, options);
  const { real, stat } = target;
  if (stat && !stat.isFile()) {
    writeFileSync(real, whole()); // /dev/null, a FIFO: no rename over a device
    return real;
  }
  const tmp = join(dirname(real), `.${basename(real)}.${process.pid}-${randomBytes(4).toString('hex')}.qingdan-lint.tmp`);
  let keepTemp = false;
  try {
    let inPlace = !!stat && stat.nlink > 1;
    const fd = openSync(tmp, 'wx', stat ? 0o600 : (options.mode ?? 0o666));
    try {
      writeChunks(fd, chunks);
      if (stat) {
        const own = fstatSync(fd);
        if (own.uid !== stat.uid || own.gid !== stat.gid) {
          try {
            fchownSync(fd, stat.uid, stat.gid);
          } catch {
            inPlace = true; // cannot give the new file the old owner: keep the old file itself
          }
        }
        fchmodSync(fd, stat.mode & 0o7777);
      } else if (options.mode !== undefined) {
        fchmodSync(fd, options.mode);
      }
      if (options.durable !== false) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    let current: Buffer | undefined;
    if (options.expect || inPlace) {
      try {
        current = readFileSync(real);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.expect) throw new WriteRefused('gone', path);
        throw error;
      }
      if (options.expect && !current.equals(options.expect)) throw new WriteRefused('changed', path);
    }
    if (inPlace) {
      try {
        overwriteInPlace(real, whole(), current!);
      } catch (error) {
        keepTemp = !!(error as { keepTemp?: boolean }).keepTemp;
        throw error;
      }
      removeQuietly(tmp);
    } else {
      renameSync(tmp, real);
      if (options.durable !== false) fsyncFolder(dirname(real));
    }
    return real;
  } catch (error) {
    if (!keepTemp) removeQuietly(tmp);
    throw error;
  }
}
