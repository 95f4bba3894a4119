/**
 * `resumeFrom` for `tabtune run` (SPEC section 7): each entry is the results folder of an earlier
 * run, read into the page's `ParentExperiment` shape and handed to the page's one warm-start rule
 * (`priorsFromParents`: same metric, goal, dataset and model family; runs projected onto the space).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { InvalidConfigError } from '../core/errors';
import type { ExperimentConfig } from '../core/experiment';
import { PARENT_EXPERIMENT_STATUSES, priorsFromParents, type ParentExperiment, type WarmStart, type WarmStartSummary } from '../persistence';
import { readResultsFolder } from './results-folder';

function readParent(entry: string, file: string): ParentExperiment {
  const dir = isAbsolute(entry) ? entry : resolve(dirname(file), entry);
  const context = `experiment file: "resumeFrom" ${JSON.stringify(entry)}`;
  const parent = readResultsFolder(dir, context, (status) => {
    if (typeof status === 'string' && (PARENT_EXPERIMENT_STATUSES as readonly string[]).includes(status)) return;
    throw new InvalidConfigError(`${context} must be ${PARENT_EXPERIMENT_STATUSES.join(' or ')} (got ${String(status)})`);
  });
  // Run ids repeat across folders (they come from the experiment's name): the entry keeps them apart.
  const runs = parent.runs.map((run) => ({ ...run, id: `${entry}:${run.id}` }));
  return { experiment: { id: entry, name: parent.config.name, config: parent.config }, runs };
}

/** The warm start of `config` from its `resumeFrom` folders, relative to the experiment `file`'s folder. */
export function warmStartFromFolders(config: ExperimentConfig, file: string): WarmStart {
  const parents = [...new Set(config.resumeFrom)].map((entry) => readParent(entry, file));
  return priorsFromParents(config, parents);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The page's warm-start note as stderr lines: what the sampler and the cohort got, per parent. */
export function warmStartText(summary: WarmStartSummary): string {
  const lines = [
    `warm start: ${plural(summary.samplerRuns, 'parent run')} fed the sampler as prior observations; ` +
      `${plural(summary.cohortRuns, 'parent run')} count in the policy's cohort`,
    ...summary.parents.map((p) => `  ${p.id} (${p.name}): ${plural(p.runs, 'finished run')}, ${p.fit} fit the parameter space${p.note ? ` (${p.note})` : ''}`),
  ];
  return lines.join('\n') + '\n';
}
