/** `tabtune run` as the tests drive it: the real command in a child process, and experiment files in a temp folder. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runs `tabtune run ARGS...` to the end (4 minutes at most) and returns its exit code and output. */
export function tabtuneRun(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['src/cli/tabtune.mjs', 'run', ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes `body` as `DIR/NAME.json` and returns its path. */
export function experimentFile(dir: string, name: string, body: Record<string, unknown>): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(body));
  return file;
}
