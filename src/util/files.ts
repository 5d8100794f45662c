/**
 * Writing the files the tool was asked to write, and nothing else: every writer (reports, render
 * and diff output, snapshots, the debug log) goes through `outputTarget`, which allows a regular
 * file or a new one and refuses a device, FIFO, socket or folder; a symbolic link is written
 * through to its target and stays a link. Whole files are written atomically, so a reader never
 * sees half of one: a crash or a full disk leaves the old file or none.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, openSync, realpathSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { chmod, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeKind } from './input.js';

/** A path the tool must not write to; one line naming it (the command line exits 4). */
export class OutputFileError extends Error {
  readonly kind = 'usage' as const;
  override readonly name = 'OutputFileError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The file a write to `path` lands in: `path` itself when it is a regular file or does not exist
 * yet, or the final target of a symbolic link to a regular file. Anything else is refused, named
 * by `label` (e.g. `--out report.md`), before anything is written.
 */
export function outputTarget(path: string, label: string = path): string {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return path;
    if (code === 'ENOTDIR') throw new OutputFileError(path, `${label}: part of the path is a file, not a folder.`);
    throw new OutputFileError(path, `${label}: cannot be checked before writing (${code ?? 'error'}).`);
  }
  let target = path;
  if (st.isSymbolicLink()) {
    try {
      target = realpathSync(path);
      st = statSync(target);
    } catch (err) {
      // /dev/stderr and friends resolve to a pipe or terminal with no path of its own (pipe:[…]).
      const reached = statSync(path, { throwIfNoEntry: false });
      if (reached && !reached.isFile()) {
        throw new OutputFileError(path, `${label}: is a symbolic link to ${describeKind(reached)}, not a regular file; give the path of a file to write.`);
      }
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ELOOP' ? 'a symbolic link that loops' : code === 'ENOENT' ? 'a symbolic link to a file that does not exist' : `a symbolic link that cannot be followed (${code ?? 'error'})`;
      throw new OutputFileError(path, `${label}: is ${why}; give the path of a regular file.`);
    }
  }
  if (st.isFile()) return target;
  const what = target === path ? describeKind(st) : `a symbolic link to ${describeKind(st)} (${target})`;
  throw new OutputFileError(path, `${label}: is ${what}, not a regular file; give the path of a file to write.`);
}

/** Fails (one line naming `label`) when no file can be created in `dir`: checked before a long run. */
export function assertWritableFolder(dir: string, label: string): void {
  const probe = join(dir, `.intacct-preflight-probe.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
    unlinkSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new OutputFileError(dir, `${label}: the folder ${dir} does not exist.`);
    throw new OutputFileError(dir, `${label}: the folder cannot be written (${code}); give a folder you can write to.`);
  }
}

/**
 * Writes `data` to a temporary file next to the target (see `outputTarget`), flushes it to disk,
 * then renames it over the target (atomic on the same file system). On any failure the temporary
 * file is removed and the target is left as it was. A replaced file keeps its permissions.
 */
export async function writeFileAtomic(path: string, data: string | Buffer, label: string = path): Promise<void> {
  const target = outputTarget(path, label);
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const existing = statSync(target, { throwIfNoEntry: false });
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (existing) await chmod(temp, existing.mode & 0o7777);
    await rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncFolderAsync(folder);
}

/** syncFolder off the main thread (a fleet writes hundreds of files while answers arrive). */
export async function syncFolderAsync(folder: string): Promise<void> {
  try {
    const dir = await open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // as in syncFolder: the rename is still atomic
  }
}

/** Makes the rename itself durable; not every platform can open a folder, which is fine. */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows and some file systems refuse fsync on a directory: the rename is still atomic
  }
}
