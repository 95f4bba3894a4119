/**
 * `tabtune pack --out FILE`: writes tabtune's experiment export file from runs made elsewhere
 * (integrations/optuna's export uses it), so the page imports them and `tabtune run --resume`
 * continues them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError } from '../../core/errors';
import { serializeExperimentExport } from '../../persistence';
import { parseArgs, requireOption, CliUsageError, type Command } from '../command';
import { buildExport, parsePackRequest } from '../pack/build-export';
import type { ModelCheckpoint } from '../../protocol';
import { readCheckpointFolder } from '../train/checkpoint-files';

const help = `Usage: tabtune pack --out FILE < REQUEST.json

Writes tabtune's experiment export file (the page's "Import experiment", \`tabtune run --resume\`)
for an experiment whose runs were made elsewhere, e.g. by \`tabtune train\` under another engine.

Request on stdin:
  {"id": "<experiment id>", "config": <the experiment file, as \`tabtune inspect\` prints it>,
   "status": "completed|interrupted|canceled|failed", "reason": "...",
   "runs": [{"params": {...}, "status": "completed|stopped|failed|canceled|interrupted",
             "reason": "...", "metrics": {"val_accuracy": [0.8, 0.9, ...], ...},
             "backend": "wasm", "startedAt": <ms>, "endedAt": <ms>, "ranOn": "host-1",
             "checkpointDir": "<the run's tabtune train --out folder>"}, ...]}
  Runs in start order become runs 0, 1, ... The best run's model comes from its checkpointDir;
  an interrupted run's latest checkpoint from checkpointDir/last (it then continues from there).
  Missing checkpoints are named on stderr; the file is written without them.

Options:
  --out FILE   the export file to write

Exit codes: 0 written, 2 bad request, 1 anything else.`;

function readRequest(): unknown {
  const text = readFileSync(0, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError(`the request on stdin is not valid JSON (${(error as Error).message})`);
  }
}

/** A checkpoint folder's checkpoint, or null when there is none. */
function readIfThere(folder: string): ModelCheckpoint | null {
  return existsSync(join(folder, 'checkpoint.json')) ? readCheckpointFolder(folder) : null;
}

/**
 * The checkpoint of `kind` in a `tabtune train --out` folder, or null: `best`, or the newest of
 * `last/` and `previous/` whose interval is at most `upTo` (the intervals the engine stored).
 */
function readKind(dir: string, kind: 'best' | 'last', upTo: number): ModelCheckpoint | null {
  if (kind === 'best') return readIfThere(dir);
  const candidates = [readIfThere(join(dir, 'last')), readIfThere(join(dir, 'previous'))];
  return candidates.find((c) => c !== null && c.interval <= upTo) ?? null;
}

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, ['out']);
    if (parsed.positional.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positional[0]}"`);
    const out = requireOption(parsed, 'out');
    const request = parsePackRequest(readRequest());
    const { data, notes } = buildExport(request, readKind);
    for (const note of notes) process.stderr.write(`warning: ${note}\n`);
    writeFileSync(out, serializeExperimentExport(data));
    process.stdout.write(`${out}: experiment ${data.experiment.id} (${data.experiment.status}), ${data.runs.length} runs, ${data.checkpoints.length} checkpoints\n`);
    return 0;
  },
};
