#!/usr/bin/env node
// The README's test command (`npm test`, after `npm install`): makes sure Debian's chromium (and
// PostgreSQL, Optuna and psycopg2 for the distributed layer) are there, then runs every layer in
// order: type-check, unit (Node), distributed (tabtune_optuna.py workers on a throwaway
// PostgreSQL), browser (real headless Chromium), end to end (Playwright against the built app). Ends with `N passed, N failed` so a
// run that executed nothing is visible, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';
const reports = join('.tmp', 'test-reports');

function run(command, args, env = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Debian's chromium is missing at ${CHROMIUM}. Install it as root with:\n  ${INSTALL}`);
    return false;
  }
  console.log(`Installing Debian's chromium (${INSTALL})...`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], env).ok && run('apt-get', ['install', '-y', '-qq', 'chromium'], env).ok;
}

const DISTRIBUTED_PACKAGES = ['postgresql', 'python3-optuna', 'python3-psycopg2'];

/** True when Debian's PostgreSQL server and /usr/bin/python3 with optuna and psycopg2 are there. */
function hasDistributedPackages() {
  const server = spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' }).status === 0;
  const python = spawnSync('/usr/bin/python3', ['-c', 'import optuna, psycopg2'], { stdio: 'ignore' }).status === 0;
  return server && python;
}

/**
 * Installs the distributed layer's Debian packages when missing (as root); otherwise prints the
 * command. The layer then fails loudly rather than skipping: its setup names what is missing.
 */
function ensureDistributedPackages() {
  if (hasDistributedPackages()) return true;
  const install = `apt-get update && apt-get install -y ${DISTRIBUTED_PACKAGES.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`The distributed tests need Debian's ${DISTRIBUTED_PACKAGES.join(', ')}. Install them as root with:\n  ${install}`);
    return false;
  }
  console.log(`Installing Debian's ${DISTRIBUTED_PACKAGES.join(', ')} (${install})...`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], env).ok && run('apt-get', ['install', '-y', '-qq', ...DISTRIBUTED_PACKAGES], env).ok && hasDistributedPackages();
}

/** Runs one Vitest project with a JSON report and returns its pass / fail counts. */
function vitestLayer(project) {
  const file = join(reports, `${project}.json`);
  const { ok, seconds } = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  let passed = 0;
  let failed = ok ? 0 : 1;
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed = report.numPassedTests;
    // A file that fails to load (or a crash) counts as a failure even when no test failed.
    failed = report.numFailedTests || (ok ? 0 : Math.max(1, report.numFailedTestSuites ?? 0));
  }
  return { name: project, passed, failed, seconds };
}

function checkLayer(name, command, args) {
  const { ok, seconds } = run(command, args);
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds };
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const results = [];
if (!ensureChromium()) {
  results.push({ name: 'chromium', passed: 0, failed: 1, seconds: 0 });
} else {
  results.push(checkLayer('tsc', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']));
  results.push(checkLayer('svelte-check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']));
  results.push(vitestLayer('unit'));
  // Missing packages are reported by the layer itself (its setup throws naming them): never skipped.
  ensureDistributedPackages();
  results.push(vitestLayer('distributed'));
  results.push(vitestLayer('browser'));
  results.push(checkLayer('build', 'npx', ['vite', 'build', '--logLevel', 'warn']));
  results.push(vitestLayer('e2e'));
}

console.log('\nLayer          passed  failed  seconds');
for (const r of results) {
  console.log(`${r.name.padEnd(14)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.seconds.toFixed(1).padStart(7)}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
