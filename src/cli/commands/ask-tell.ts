/**
 * `tabtune ask-tell`: tune any program through JSON lines on stdin/stdout. Each request line gets
 * exactly one response line, in order; a bad request gets `{"ok":false,"error":...}` and the
 * process keeps serving until stdin closes (exit code 0).
 */
import { createInterface } from 'node:readline';
import { createAskTellSession } from '../../core/sampling';
import { CliUsageError, parseArgs, type Command } from '../command';

const help = `Usage: tabtune ask-tell

Serves one experiment over JSON lines: one request per line on standard input, one response
per line on standard output, until standard input closes.

Requests:
  {"op":"create","space":<text or JSON>,"sampling":"random|grid|bayesian","goal":"minimize|maximize",
   "seed":1,"policy":<optional policy JSON>,"metric":<optional name used in stop reasons>}
                                           -> {"ok":true}   (defaults: random, minimize, seed 0,
                                              policy none; a second create starts over)
  {"op":"ask"}                             -> {"run":0,"params":{...}}   (ask again before telling
                                              to have several runs in flight)
  {"op":"tell","run":0,"value":1.23}       -> {"ok":true}   (the run's last interval; its score
                                              is the best finite value it logged, as in tabtune run)
  {"op":"tell","run":0,"status":"failed"}  -> {"ok":true}
  {"op":"report","run":0,"value":0.5}      -> {"decision":"continue"} or {"decision":"stop","reason":"..."}
                                              (each report is the run's next interval; the cohort
                                              is the other runs except failed ones; a stopped run
                                              counts at its best value so far)
  {"op":"best"}                            -> {"run":3,"params":{...},"value":0.91,"status":"completed"}
                                              or {"run":null,...} before any run finished
  anything wrong                           -> {"ok":false,"error":"..."}

Exit codes: 0 when standard input ends, 2 for unknown options.

Example:
  $ printf '%s\\n' '{"op":"create","space":"{\\"x\\": uniform(0, 1)}","seed":1}' '{"op":"ask"}' \\
      '{"op":"tell","run":0,"value":0.25}' '{"op":"best"}' | tabtune ask-tell
  {"ok":true}
  {"run":0,"params":{"x":0.9684335999652078}}
  {"ok":true}
  {"run":0,"params":{"x":0.9684335999652078},"value":0.25,"status":"completed"}`;

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, []);
    if (parsed.positional.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positional[0]}"`);
    const session = createAskTellSession();
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
    for await (const line of lines) {
      const response = session.handleLine(line);
      if (response !== null) process.stdout.write(response + '\n');
    }
    return 0;
  },
};
