/**
 * What a closed tab leaves behind (SPEC section 6): on open, every experiment still stored as
 * `running` that no tab drives (no Web Lock held) becomes `interrupted`, and its queued or
 * running runs become `interrupted` too, never "running" forever. Everything they logged stays.
 */
import type { StoredExperiment, StoredRun, TabtuneDatabase } from './db';
import { commit, readTx, writeTx } from './db';
import { runningExperimentsIn, setExperimentStatusIn } from './experiments-store';
import { endInFlightRunsIn } from './runs-store';
import { drivenExperimentIds } from './tab-lock';

/** Reason stored on an experiment whose tab went away. */
export const INTERRUPTED_EXPERIMENT_REASON = 'interrupted: the tab running it closed before it ended';

/** Reason stored on a run whose tab went away. */
export const INTERRUPTED_RUN_REASON = 'interrupted: the tab closed while it trained';

/** What recovery changed. */
export interface Recovered {
  readonly experiments: readonly StoredExperiment[];
  readonly runs: readonly StoredRun[];
}

/**
 * Marks experiment `id` and its in-flight runs interrupted in one transaction (a tab taking over
 * after the driver closed, or recovery on open). Does nothing unless the experiment is `running`.
 */
export async function interruptExperiment(db: TabtuneDatabase, id: string, now = Date.now()): Promise<Recovered> {
  const tx = writeTx(db, ['experiments', 'runs']);
  const work = (async (): Promise<Recovered> => {
    const current = await tx.objectStore('experiments').get(id);
    if (current?.status !== 'running') return { experiments: [], runs: [] };
    const [experiment, runs] = await Promise.all([
      setExperimentStatusIn(tx, id, 'interrupted', INTERRUPTED_EXPERIMENT_REASON, now),
      endInFlightRunsIn(tx, id, 'interrupted', INTERRUPTED_RUN_REASON, now),
    ]);
    return { experiments: experiment ? [experiment] : [], runs };
  })();
  await commit(tx, work);
  return work;
}

/**
 * Call once when the page opens the database: interrupts every experiment left `running` that no
 * tab drives. `driven` defaults to the experiments whose Web Lock some tab holds.
 */
export async function recoverInterrupted(db: TabtuneDatabase, driven?: ReadonlySet<string>, now = Date.now()): Promise<Recovered> {
  const held = driven ?? (await drivenExperimentIds());
  const read = readTx(db, ['experiments']);
  const reading = runningExperimentsIn(read);
  await commit(read, reading);
  const running = await reading;
  const experiments: StoredExperiment[] = [];
  const runs: StoredRun[] = [];
  for (const experiment of running) {
    if (held.has(experiment.id)) continue;
    const done = await interruptExperiment(db, experiment.id, now);
    experiments.push(...done.experiments);
    runs.push(...done.runs);
  }
  return { experiments, runs };
}
