/**
 * Entry of the `tabtune` command: dispatches to one module per subcommand, loaded lazily so that
 * `tabtune validate` never pays for tfjs. Exit codes: 0 ok, 2 bad input, 1 anything else.
 */
import { isInputError } from '../core/errors';
import { CliUsageError, type Command } from './command';

/** Subcommands, each in `commands/<name>.ts` exporting `command: Command`. */
const commands: Record<string, () => Promise<{ command: Command }>> = {
  validate: () => import('./commands/validate'),
  run: () => import('./commands/run'),
  sample: () => import('./commands/sample'),
  replay: () => import('./commands/replay'),
  'ask-tell': () => import('./commands/ask-tell'),
  train: () => import('./commands/train'),
  suggest: () => import('./commands/suggest'),
  decide: () => import('./commands/decide'),
  inspect: () => import('./commands/inspect'),
  pack: () => import('./commands/pack'),
};

function usage(): string {
  const names = Object.keys(commands).sort();
  return [
    'tabtune: a hyperparameter tuner for TensorFlow.js models (the same engine as the web page).',
    '',
    'Usage: tabtune <command> [options]',
    '',
    `Commands: ${names.join(', ')}`,
    'Run `tabtune <command> --help` for the options of one command.',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`tabtune: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`tabtune ${name}: ${error.message}\n\n${command.help}\n`);
      return 2;
    }
    if (isInputError(error)) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`tabtune ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
