import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Copies of data directories. On a file system with reflinks (XFS with reflink=1, btrfs) a
 * copy shares every block with its source until one of them writes it: a clone of 1 GB costs
 * a few metadata writes. Elsewhere it is a full copy, and the engine says so (`thin: false`).
 */
export interface FileCloner {
  readonly thin: boolean;
  /**
   * Copies the tree at `source` to `target` (which must not exist), keeping owners and modes.
   * `tolerateVanished`: files deleted while the copy runs are not an error (a running server's).
   */
  copyTree(source: string, target: string, options?: { tolerateVanished?: boolean }): Promise<void>;
  /**
   * Copies the entries of folder `source` that `wanted` accepts into a new folder `target`
   * (same owner and mode as `source`).
   */
  copyEntries(source: string, target: string, wanted: (entry: string) => boolean, options?: { tolerateVanished?: boolean }): Promise<void>;
}

/** Tries a reflink in `dir`: true when the file system shares blocks between copies. */
export async function probeReflink(dir: string): Promise<boolean> {
  const probe = path.join(dir, `.reflink-probe-${process.pid}`);
  fs.writeFileSync(probe, Buffer.alloc(4096, 1));
  try {
    await run('cp', ['--reflink=always', probe, `${probe}.copy`]);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { force: true });
    fs.rmSync(`${probe}.copy`, { force: true });
  }
}

export async function fileCloner(dir: string): Promise<FileCloner> {
  const thin = await probeReflink(dir);
  const mode = thin ? '--reflink=always' : '--reflink=never';
  const copy = async (args: string[], tolerateVanished = false) => {
    try {
      await run('cp', ['-a', mode, ...args], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '');
      const lines = stderr.split('\n').filter(Boolean);
      if (!tolerateVanished || lines.length === 0 || !lines.every((line) => line.includes('No such file or directory'))) throw error;
    }
  };
  return {
    thin,
    copyTree: (source, target, options = {}) => copy(['-T', source, target], options.tolerateVanished),
    async copyEntries(source, target, wanted, options = {}) {
      const stat = fs.statSync(source);
      if (!fs.existsSync(target)) fs.mkdirSync(target, { mode: stat.mode & 0o7777 });
      fs.chownSync(target, stat.uid, stat.gid);
      const entries = fs.readdirSync(source).filter(wanted);
      if (entries.length) await copy(['-t', target, ...entries.map((entry) => path.join(source, entry))], options.tolerateVanished);
    },
  };
}
