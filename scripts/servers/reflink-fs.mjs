// A small XFS file system with reflinks, loop-mounted from an image in the temporary folder, so
// the PostgreSQL engine's copy-on-write path is tested for real (the machine's own file system
// may have no reflinks). Needs root (mount) and Debian's xfsprogs; without them the reason is
// printed and only the full-copy path runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCommand, isRoot } from './system-packages.mjs';

export async function mountReflinkFilesystem() {
  if (!isRoot()) throw new Error('mounting a file system needs root');
  const mkfs = ensureCommand({
    command: 'mkfs.xfs',
    paths: ['/usr/sbin/mkfs.xfs', '/sbin/mkfs.xfs'],
    packages: ['xfsprogs'],
    why: 'the copy-on-write tests',
  });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-test-xfs-'));
  const image = path.join(folder, 'xfs.img');
  const mountPoint = path.join(folder, 'mnt');
  fs.mkdirSync(mountPoint);
  fs.writeFileSync(image, '');
  fs.truncateSync(image, 8 * 1024 ** 3); // sparse: costs only what is written
  let mounted = false;
  const stop = async () => {
    if (mounted) execFileSync('umount', [mountPoint]);
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    execFileSync(mkfs, ['-q', '-m', 'reflink=1', image]);
    execFileSync('mount', ['-o', 'loop', image, mountPoint]);
    mounted = true;
    // Servers run as the postgres user when we are root: it must pass through to its folders.
    fs.chmodSync(folder, 0o711);
    fs.chmodSync(mountPoint, 0o711);
    return { url: mountPoint, describe: `XFS with reflinks, 8 GiB sparse loop image, mounted at ${mountPoint}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
