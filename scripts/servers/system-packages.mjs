// Debian packages the tests need, installed with apt-get when we are root, otherwise named in a
// clear error. Never downloads anything else (no browser or server builds of their own).
import { execFileSync, spawnSync } from 'node:child_process';

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

export function canInstallWithApt() {
  return isRoot() && hasCommand('apt-get');
}

let listsUpdated = false;

/**
 * Installs Debian packages for `why`, or throws naming the exact command to run. Services the
 * packages would start by themselves are kept down (a policy-rc.d for the install's duration):
 * the tests start their own servers on temporary folders and free ports.
 */
export function aptInstall(packages, why) {
  const command = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (!canInstallWithApt()) {
    throw new Error(
      `${why} needs Debian's ${packages.join(', ')}. Install ${packages.length > 1 ? 'them' : 'it'} (\`sudo apt-get update && sudo ${command}\`) and run the tests again.`,
    );
  }
  console.log(`[test] installing Debian's ${packages.join(', ')} for ${why}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy =
    spawnSync('sh', ['-c', `[ ! -e ${policy} ] && printf '#!/bin/sh\\nexit 101\\n' > ${policy} && chmod 755 ${policy}`]).status === 0;
  try {
    if (!listsUpdated) {
      execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
      listsUpdated = true;
    }
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  } finally {
    if (ownPolicy) spawnSync('rm', ['-f', policy]);
  }
}

/**
 * `command`: the first of `paths` that is executable, else the name when it is on PATH, after
 * installing `packages` if neither is there. `paths` may be a function (asked again after the
 * install, for paths that contain a version); `beforeInstall` runs only when installing.
 */
export function ensureCommand({ command, paths = [], packages, why, beforeInstall }) {
  const candidates = () => (typeof paths === 'function' ? paths() : paths);
  const find = () =>
    candidates().find((candidate) => spawnSync('test', ['-x', candidate]).status === 0) ?? (hasCommand(command) ? command : null);
  const found = find();
  if (found) return found;
  if (canInstallWithApt()) beforeInstall?.();
  aptInstall(packages, why);
  const installed = find();
  if (!installed) throw new Error(`apt-get installed ${packages.join(', ')} but \`${command}\` is still missing.`);
  return installed;
}
