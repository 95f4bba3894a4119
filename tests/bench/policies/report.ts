/** Aggregation and the Markdown table of `npm run bench:policies`. */

/** One policy on one paired experiment. */
export interface Outcome {
  readonly policy: string;
  readonly task: string;
  readonly epochsRun: number;
  readonly total: number;
  /** Best error with the policy minus best error without it (>= 0). */
  readonly loss: number;
}

export interface Row {
  readonly policy: string;
  readonly task: string;
  readonly seeds: number;
  /** Share of epochs not run, pooled over seeds. */
  readonly saved: number;
  readonly losses: number;
  readonly medianLoss: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One row per policy and task, in the order policies and tasks first appear. */
export function summarize(outcomes: readonly Outcome[], tolerance: number): Row[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = `${o.policy}\u0000${o.task}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.values()].map((group) => ({
    policy: group[0].policy,
    task: group[0].task,
    seeds: group.length,
    saved: 1 - group.reduce((s, o) => s + o.epochsRun, 0) / group.reduce((s, o) => s + o.total, 0),
    losses: group.filter((o) => o.loss > tolerance).length,
    medianLoss: median(group.map((o) => o.loss)),
  }));
}

/** Pooled over tasks: "saved % (losses/experiments)", or '-' without rows. */
function pooled(rows: readonly Row[]): string {
  if (rows.length === 0) return '-';
  const seeds = rows.reduce((s, r) => s + r.seeds, 0);
  const saved = rows.reduce((s, r) => s + r.saved * r.seeds, 0) / seeds;
  return `${(100 * saved).toFixed(0)}% (${rows.reduce((s, r) => s + r.losses, 0)}/${seeds})`;
}

/**
 * Markdown: one line per policy, one column per task with "saved % (losses/seeds, median loss)",
 * and, when `extra` rows are given, a last column `extraTitle` with them pooled over tasks.
 */
export function table(rows: readonly Row[], extra: readonly Row[] = [], extraTitle = ''): string {
  const tasks = [...new Set(rows.map((r) => r.task))];
  const policies = [...new Set(rows.map((r) => r.policy))];
  const cell = (r: Row | undefined) =>
    r ? `${(100 * r.saved).toFixed(0)}% (${r.losses}/${r.seeds}, ${r.medianLoss.toFixed(4)})` : '-';
  const last = (p: string) => (extra.length ? ` ${pooled(extra.filter((r) => r.policy === p))} |` : '');
  const lines = [
    `| policy | ${tasks.map((t) => `task ${t}`).join(' | ')} |${extra.length ? ` ${extraTitle} |` : ''}`,
    `| --- | ${tasks.map(() => '---').join(' | ')} |${extra.length ? ' --- |' : ''}`,
    ...policies.map((p) => `| ${p} | ${tasks.map((t) => cell(rows.find((r) => r.policy === p && r.task === t))).join(' | ')} |${last(p)}`),
  ];
  return lines.join('\n') + '\n\ncell: share of epochs saved (paired experiments with a loss > tolerance / seeds, median loss)';
}

/** A policy's figures in ../../../shared/bench/lcbench/USAGE.md. */
export interface Reference {
  readonly saved: string;
  readonly losses: string;
}

/**
 * Markdown: per policy, the range over `tasks` of the share saved and the losses (as a total and as
 * the range of per-task shares of seeds), next to the reference figures measured on those tasks.
 */
export function referenceTable(rows: readonly Row[], tasks: readonly string[], reference: Record<string, Reference>): string {
  const policies = [...new Set(rows.map((r) => r.policy))];
  const lines = ['| policy | saved here | losses here | reference saved | reference losses |', '| --- | --- | --- | --- | --- |'];
  for (const policy of policies) {
    const mine = rows.filter((r) => r.policy === policy && tasks.includes(r.task));
    if (mine.length === 0) continue;
    const saved = mine.map((r) => Math.round(100 * r.saved));
    const shares = mine.map((r) => Math.round((100 * r.losses) / r.seeds));
    const total = mine.reduce((s, r) => s + r.losses, 0);
    const seeds = mine.reduce((s, r) => s + r.seeds, 0);
    const ref = reference[policy] ?? { saved: '-', losses: '-' };
    lines.push(
      `| ${policy} | ${Math.min(...saved)}-${Math.max(...saved)}% | ${total} of ${seeds} (${Math.min(...shares)}-${Math.max(...shares)}% per task) | ${ref.saved} | ${ref.losses} |`,
    );
  }
  return lines.join('\n');
}
