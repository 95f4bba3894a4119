/**
 * "Run on many machines": the experiment file and a text file with the exact commands that run it
 * on PostgreSQL-backed Optuna workers (integrations/optuna, README "From one tab to N machines"),
 * then bring the results back into the page.
 */
import { strToU8, zipSync } from 'fflate';
import type { ExperimentConfig } from '../../core/experiment';
import { download, fileStem } from './export-model';

/** What a machine needs to know about the dataset, or null when tabtune brings it along. */
function datasetNote(source: string, file: string): string | null {
  if (source.startsWith('demo:')) return null;
  if (source.startsWith('file:') || source.startsWith('images:')) {
    return `# The dataset is read from "${source}" relative to ${file}: put it there on every machine.`;
  }
  return (
    `# The dataset (${source}) lives in this browser: save it as a CSV (or an image folder) on every\n` +
    `# machine and set "dataset": {"source": "file:NAME.csv", ...} in ${file} (or "images:FOLDER").`
  );
}

/** The commands text for `config` saved as `file` (its study is named after the file). */
export function manyMachinesCommands(config: ExperimentConfig, file: string): string {
  const study = file.replace(/\.json$/, '');
  const url = 'postgresql://tabtune:PASSWORD@DB-HOST:5432/tabtune';
  const note = datasetNote(config.dataset.source, file);
  return [
    `# Run "${config.name}" (${config.maxTotalRuns} runs) on many machines, on Optuna's storage in PostgreSQL.`,
    '# Replace PASSWORD and DB-HOST; /shared is a folder every machine mounts (for the best model).',
    ...(note ? ['', note] : []),
    '',
    '# 1. Once, on the database machine (Debian):',
    'sudo apt-get install -y postgresql',
    'sudo -u postgres createuser --pwprompt tabtune',
    'sudo -u postgres createdb -O tabtune tabtune',
    "# let the workers in: listen_addresses = '*' in postgresql.conf and a host line in pg_hba.conf",
    '',
    '# 2. On each machine (Debian 12; Debian\'s /usr/bin/python3 has Optuna 3.1 and psycopg2; Node 20.19+ from nodejs.org):',
    'sudo apt-get install -y python3-optuna python3-psycopg2',
    'git clone <the tabtune repository> tabtune && cd tabtune && npm install',
    `/usr/bin/python3 integrations/optuna/tabtune_optuna.py worker ${file} --storage ${url} --study ${study} --out /shared/${study}`,
    '#    (one worker per core or GPU; all stop once the study has finished its runs)',
    '',
    '# 3. Results back into the page ("Import experiment") or into `tabtune run --resume`:',
    `/usr/bin/python3 integrations/optuna/tabtune_optuna.py export --storage ${url} --study ${study} --out ${study}.tabtune.json --runs-dir /shared/${study}`,
    '',
  ].join('\n');
}

/** The zip's files: the experiment file and `commands.txt`. */
export function manyMachinesFiles(config: ExperimentConfig): Record<string, string> {
  const file = `${fileStem(config.name)}.json`;
  return { [file]: JSON.stringify(config, null, 2) + '\n', 'commands.txt': manyMachinesCommands(config, file) };
}

/** Offers the experiment file and its commands as one zip (one download, never a blocked second one). */
export function downloadForManyMachines(config: ExperimentConfig): void {
  const files = Object.fromEntries(Object.entries(manyMachinesFiles(config)).map(([name, text]) => [name, strToU8(text)]));
  download(`${fileStem(config.name)}-many-machines.zip`, zipSync(files), 'application/zip');
}
