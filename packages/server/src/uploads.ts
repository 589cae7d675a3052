/**
 * Where uploaded files wait while they are read: a folder of their own under the temporary
 * directory, named for the server process that stored them. A request removes its folder when it
 * is done; an import job removes its file's when the job ends; folders of processes that are gone
 * (killed mid-upload, or with imports still queued) are removed at the next start.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";

/** An upload's temporary folder: the prefix, the server's process id, then mkdtemp's suffix. */
const UPLOAD_PREFIX = "custra-upload-";

/** A new folder for one upload of this process. */
export function makeUploadDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${UPLOAD_PREFIX}${process.pid}-`));
}

/** Removes the upload folder `file` was stored in; nothing else (a path outside one is left alone). */
export async function removeUpload(file: string): Promise<void> {
  const dir = dirname(file);
  if (dirname(dir) !== tmpdir() || !basename(dir).startsWith(UPLOAD_PREFIX)) return;
  await rm(dir, { recursive: true, force: true });
}

/**
 * Removes the upload folders of server processes that are gone: one killed mid-upload (SIGKILL, a
 * crash) never ran the `finally` that removes its folder, which may hold up to the upload limit.
 * Folders of running processes (another server, this one) are theirs.
 */
export async function removeAbandonedUploads(dir = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [])) {
    const pid = Number(new RegExp(`^${UPLOAD_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
