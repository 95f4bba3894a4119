/** What every `tabtune` subcommand module exports as `command`. */
export interface Command {
  /** Full `--help` text: usage line, options, one example. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** Wrong or missing options: reported with the command's help, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** A parsed command line: `--name value` options, `--flag` booleans and positional arguments. */
export interface ParsedArgs {
  readonly options: Record<string, string>;
  readonly flags: ReadonlySet<string>;
  readonly positional: readonly string[];
}

/**
 * Parses `args` against the option names a command accepts. `valued` options take the next
 * argument (or `--name=value`); `flags` take none. Anything else is a usage error naming it.
 */
export function parseArgs(
  args: readonly string[],
  valued: readonly string[],
  flags: readonly string[] = [],
): ParsedArgs {
  const options: Record<string, string> = {};
  const seen = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (flags.includes(name) && eq === -1) {
      seen.add(name);
      continue;
    }
    if (!valued.includes(name)) throw new CliUsageError(`unknown option "--${name}"`);
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new CliUsageError(`option "--${name}" needs a value`);
    options[name] = value;
  }
  return { options, flags: seen, positional };
}

/** The value of a required option, or a usage error naming it. */
export function requireOption(parsed: ParsedArgs, name: string): string {
  const value = parsed.options[name];
  if (value === undefined) throw new CliUsageError(`missing required option "--${name}"`);
  return value;
}

/** An integer option within [min, max], or a usage error naming the option, the rule and the value. */
export function intOption(parsed: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = parsed.options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliUsageError(`option "--${name}" must be an integer in ${min}..${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}
