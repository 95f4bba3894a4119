/**
 * A throwaway PostgreSQL cluster for the distributed tests: Debian's server binaries, a data
 * folder in a temp folder, a free local port, run as the `postgres` user (the server refuses
 * root). Missing Debian packages fail loudly: `npm test` installs them (tests/tools/run-all.mjs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's python, with python3-optuna and python3-psycopg2 (not a pyenv or venv python first on PATH). */
export const PYTHON = '/usr/bin/python3';

/** What the distributed tests need from Debian, and the command that installs it. */
export const DEBIAN_PACKAGES = ['postgresql', 'python3-optuna', 'python3-psycopg2'];

/** Throws naming what is missing and how to install it. */
export function requireDebianPackages(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const python = spawnSync(PYTHON, ['-c', 'import optuna, psycopg2; print(optuna.__version__)'], { encoding: 'utf8' });
  const problems = [
    ...(versions.length === 0 ? [`no PostgreSQL server binaries under ${root}`] : []),
    ...(python.status !== 0 ? [`${PYTHON} cannot import optuna and psycopg2: ${(python.stderr || python.error?.message || '').trim().split('\n').pop()}`] : []),
  ];
  if (problems.length > 0) {
    throw new Error(`distributed tests need Debian's ${DEBIAN_PACKAGES.join(', ')}: ${problems.join('; ')}. Install them as root: apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`);
  }
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A running cluster: `url` of its database `tabtune`; `stop()` ends it and removes its folder. */
export interface Cluster {
  readonly url: string;
  stop(): void;
}

/** Starts a cluster (about 2 s). */
export async function startCluster(): Promise<Cluster> {
  const bin = requireDebianPackages();
  const dir = mkdtempSync(join(tmpdir(), 'tabtune-pg-'));
  execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  const as = (tool: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' });
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start']);
  as('createdb', ['-h', '127.0.0.1', '-p', String(port), 'tabtune']);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/tabtune`,
    stop() {
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

