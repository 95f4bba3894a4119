/**
 * One request, one answer, for `tabtune suggest` and `tabtune decide`: the whole of stdin as one
 * JSON request, or with `--serve` one request per line and one answer per line until stdin ends
 * (a long-lived process saves a start per call). A bad request in `--serve` gets
 * `{"ok":false,"error":...}` and the process keeps serving.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidConfigError, isInputError } from '../../core/errors';

/** A pure answerer: JSON in, JSON out; throws input errors for bad requests. */
export type Answer = (json: unknown) => Record<string, unknown>;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError(`not valid JSON (${(error as Error).message})`);
  }
}

/** Reads one request from all of stdin and prints its answer; bad input throws (exit 2). */
export function answerOnce(answer: Answer): number {
  const text = readFileSync(0, 'utf8');
  process.stdout.write(JSON.stringify(answer(parse(text))) + '\n');
  return 0;
}

/** Serves JSON lines until stdin ends; resolves to exit code 0. */
export async function serveLines(answer: Answer): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let response: Record<string, unknown>;
    try {
      response = answer(parse(line));
    } catch (error) {
      // Bad requests are answered; anything else is a bug and ends the process.
      if (!isInputError(error)) throw error;
      response = { ok: false, error: (error as Error).message };
    }
    process.stdout.write(JSON.stringify(response) + '\n');
  }
  return 0;
}
