import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every .ts / .svelte file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** The module specifiers a file imports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g)].map((m) => m[1]);
}

/** Where a relative specifier of `file` points, as a path relative to the repo root. */
function target(file: string, specifier: string): string {
  return relative(process.cwd(), resolve(dirname(file), specifier));
}

// STYLE.md: imports point one way (ui -> runtime -> persistence/core; workers -> core/protocol;
// core -> nothing), and the engine core runs in Node for tests and benchmarks.
describe('module boundaries', () => {
  // fflate (pure JS, no DOM) reads zipped image folders in core, so the page and tabtune run share the zip-bomb cap.
  it('src/core imports nothing outside itself but papaparse, acorn and fflate (no DOM, tfjs, idb, comlink or Svelte)', () => {
    const problems = sources('src/core').flatMap((file) =>
      importsOf(file)
        .filter((s) => (s.startsWith('.') ? !target(file, s).startsWith('src/core') : !['papaparse', 'acorn', 'fflate'].includes(s)))
        .map((s) => `${file} imports ${s}`),
    );
    expect(problems).toEqual([]);
  });

  it.each([
    ['src/persistence', ['src/ui', 'src/runtime', 'workers']],
    ['src/runtime', ['src/ui']],
    ['workers', ['src/ui', 'src/runtime', 'src/persistence']],
  ])('%s never imports from %j', (dir, forbidden) => {
    const problems = sources(dir).flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith('.') && forbidden.some((f) => target(file, s).startsWith(f)))
        .map((s) => `${file} imports ${s}`),
    );
    expect(problems).toEqual([]);
  });

  it('the check sees real imports (it would catch a violation)', () => {
    expect(importsOf('src/runtime/host.ts').some((s) => s.includes('core/'))).toBe(true);
  });
});
