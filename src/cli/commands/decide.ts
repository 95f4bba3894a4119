/** `tabtune decide`: continue or stop one run now, by an early-termination policy (stateless). */
import { CliUsageError, parseArgs, type Command } from '../command';
import { answerDecide } from '../decisions/decide-request';
import { answerOnce, serveLines } from '../decisions/serve';

const help = `Usage: tabtune decide [--serve]

Reads one JSON request on stdin and prints whether the run continues or stops, by the same policy
code as the page, \`tabtune run\` and \`tabtune replay\`.

Request:
  {"policy": <policy JSON as in an experiment file>, "goal": "maximize|minimize",
   "metric": "val_accuracy",
   "run": {"id": "7", "values": [<primary metric per interval, up to the one just logged>]},
   "cohort": [{"id": "3", "values": [...], "finished": true}, ...]}
  The cohort is every other run of the experiment (leave failed runs out, as the page does);
  the policy itself keeps those that reached the run's interval. null values stand for NaN.
Answer:
  {"decision": "continue"} or {"decision": "stop", "reason": "<the rule with the numbers>"}

Options:
  --serve   one request per line, one answer per line, until stdin ends; a bad request gets
            {"ok":false,"error":"..."} and serving goes on

Exit codes: 0 ok, 2 bad request (without --serve), 1 anything else.

Example:
  $ echo '{"policy":{"type":"medianStopping"},"goal":"maximize","metric":"acc",
      "run":{"id":"b","values":[0.2]},"cohort":[{"id":"a","values":[0.5],"finished":true}]}' | tabtune decide
  {"decision":"stop","reason":"acc 0.2 < 0.5 = median of the means over intervals 1..1 of 1 other run at interval 1"}`;

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, [], ['serve']);
    if (parsed.positional.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positional[0]}"`);
    return parsed.flags.has('serve') ? serveLines(answerDecide) : answerOnce(answerDecide);
  },
};
