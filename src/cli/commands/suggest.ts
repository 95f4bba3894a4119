/** `tabtune suggest`: the next parameters of an experiment, from its runs so far (stateless). */
import { CliUsageError, parseArgs, type Command } from '../command';
import { answerOnce, serveLines } from '../decisions/serve';
import { answerSuggest } from '../decisions/suggest-request';

const help = `Usage: tabtune suggest [--serve]

Reads one JSON request on stdin and prints the next parameters of the experiment as one JSON
line, with the page's sampler (random, grid or Bayesian; the Bayesian one rebuilds its model from
the runs given, so nothing is kept between calls). Run N always draws from createRng(seed, N).

Request:
  {"space": <text or JSON, as in an experiment file>, "sampling": "random|grid|bayesian",
   "goal": "maximize|minimize", "seed": 0, "index": N, "maxTotalRuns": M,
   "runs": [{"params": {...}, "status": "completed|stopped|failed|canceled|running|queued",
             "value": <the run's score: its best primary value, or null>, "prior": false}, ...]}
  runs in start order: ended ones are the sampler's history, running and queued ones are in flight
  (the suggestion avoids them); "index" (default: the number of runs that are not priors) is the
  number of the run being suggested; "maxTotalRuns" (optional, 1..1000) is the experiment's, so
  the Bayesian sampler knows its last quarter, as in the tab (without it, it never does).
Answer:
  {"params": {...}}, or {"params": null, "reason": "..."} when a grid is exhausted.

Options:
  --serve   one request per line, one answer per line, until stdin ends; a bad request gets
            {"ok":false,"error":"..."} and serving goes on

Exit codes: 0 ok, 2 bad request (without --serve), 1 anything else.

Example:
  $ echo '{"space":"{\\"lr\\": loguniform(-9, -2)}","sampling":"random","seed":1,"runs":[]}' | tabtune suggest
  {"params":{"lr":0.0123...}}`;

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, [], ['serve']);
    if (parsed.positional.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positional[0]}"`);
    return parsed.flags.has('serve') ? serveLines(answerSuggest) : answerOnce(answerSuggest);
  },
};
