/**
 * Writing files so that a reader never sees a half-written one (reports, snapshots): a crash or a
 * full disk leaves the old file or none.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to a temporary file next to `path`, flushes it to disk, then renames it over `path`
 * (atomic on the same file system). On any failure the temporary file is removed and `path` is
 * left as it was.
 */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncFolder(dirname(path));
}

/**
 * Makes the rename itself durable; not every platform can open a folder, which is fine. Off the
 * main thread, so a run writing many reports (a fleet) is not held up by the disk.
 */
async function syncFolder(folder: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows and some file systems refuse fsync on a directory: the rename is still atomic
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
