/**
 * Moving an experiment (issue 7 item 7): one experiment as one file (config, runs, metrics, the
 * best run's checkpoint) and back. Importing parses and checks the whole file first and stores it
 * in one transaction, so a bad file stores nothing and changes nothing already stored.
 */
import { exportExperiment, importExperiment, parseExperimentExport, serializeExperimentExport, type StoredExperiment } from '../../persistence';
import { fileStem } from './export-model';
import { database } from './storage';

/** The file extension of an exported experiment. */
export const EXPERIMENT_FILE_SUFFIX = '.tabtune.json';

/** Experiment `id` as the text of its file and the file's name. */
export async function experimentFile(id: string, name: string): Promise<{ fileName: string; text: string }> {
  const data = await exportExperiment(await database(), id);
  return { fileName: `${fileStem(name)}${EXPERIMENT_FILE_SUFFIX}`, text: serializeExperimentExport(data) };
}

/** Stores the experiment of a file's `text` under a fresh id; throws naming what is wrong with it. */
export async function importExperimentFile(text: string): Promise<{ record: StoredExperiment; runs: number }> {
  if (text.trim() === '') throw new Error('the file is empty');
  const data = parseExperimentExport(text);
  const broken = data.runs.findIndex((run) => typeof run !== 'object' || run === null || typeof run.id !== 'string' || typeof run.status !== 'string');
  if (broken >= 0) throw new Error(`experiment export: run ${broken + 1} of "runs" needs an "id" and a "status" (got ${JSON.stringify(data.runs[broken]).slice(0, 80)})`);
  const record = await importExperiment(await database(), data);
  return { record, runs: data.runs.length };
}
