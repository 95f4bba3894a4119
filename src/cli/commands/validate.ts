/**
 * `tabtune validate`: checks a parameter space file and shows what each expression means in real
 * units (log bounds are exponents, SPEC section 1). Problems go to stderr with exit code 2, by way
 * of the dispatcher's handling of `InvalidSpaceError`.
 */
import { readFileSync } from 'node:fs';
import { InvalidConfigError } from '../../core/errors';
import { describeExpression, parseSpace, printExpression, type Space } from '../../core/space';
import { parseArgs, requireOption, type Command } from '../command';

const help = `Usage: tabtune validate --space FILE

Checks a parameter space and prints "ok" and one line per parameter: its name, its expression
and what it produces in real units. Otherwise prints every problem on stderr, each naming the
parameter, the rule and the value (with line and column for text), and exits with code 2.

The space is HyperDrive's text syntax, as a dict or one entry per line:
  {"batch_size": choice(16, 32, 64, 128), "learning_rate": loguniform(-9, -2)}
  units: choice(range(32, 129, 32))     # 32, 64, 96, 128
or JSON: {"learning_rate": {"type": "loguniform", "low": -9, "high": -2}}.
Functions: choice, randint, uniform, loguniform, quniform, qloguniform, normal, lognormal,
qnormal, qlognormal. Bounds of the log forms are natural-log exponents: loguniform(-9, -2)
spans e^-9..e^-2.

Options:
  --space FILE   the space file ("-" reads standard input)

Exit codes: 0 valid, 2 invalid or unreadable, 1 anything else.

Example:
  $ cat space.txt
  {"batch_size": choice(16, 32, 64, 128), "learning_rate": loguniform(-9, -2)}
  $ tabtune validate --space space.txt
  ok
  batch_size     choice(16, 32, 64, 128)  discrete, 4 values: 16, 32, 64, 128
  learning_rate  loguniform(-9, -2)       continuous, e^-9..e^-2 = 1.234e-4..0.1353`;

/**
 * Reads and parses the space file named by `--space` ("-" for stdin). An unreadable file is bad
 * input (exit 2) like an invalid space, so it is reported as `InvalidConfigError`.
 */
export function loadSpace(path: string): Space {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new InvalidConfigError(`--space: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseSpace(text);
}

/** A name as written, or quoted when spaces, quotes or line breaks would blur the columns. */
function showName(name: string): string {
  return /^[\w.$-]+$/.test(name) ? name : JSON.stringify(name);
}

/** Lines `name  expression  summary`, in columns. */
function summary(space: Space): string[] {
  const rows = space.parameters.map((p) => [showName(p.name), printExpression(p.expression), describeExpression(p.expression)]);
  const width = (column: number) => Math.max(...rows.map((row) => row[column].length));
  const [nameWidth, expressionWidth] = [width(0), width(1)];
  return rows.map(([name, expression, description]) => `${name.padEnd(nameWidth)}  ${expression.padEnd(expressionWidth)}  ${description}`);
}

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, ['space']);
    const space = loadSpace(requireOption(parsed, 'space'));
    process.stdout.write(['ok', ...summary(space)].join('\n') + '\n');
    return 0;
  },
};
