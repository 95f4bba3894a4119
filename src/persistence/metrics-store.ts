/**
 * The `metrics` store's only writer: one record per logged value, keyed by [runId, name, interval].
 * Writing the same key again replaces the value (a continued run logs that interval anew), so a
 * retried write never duplicates. Metrics are never dropped to make room (SPEC section 6).
 */
import { unwrap } from 'idb';
import type { StoredMetric, TabtuneDatabase, TabtuneReadTx, TabtuneWriteTx } from './db';

/** A run's series: metric name -> values, index k = interval k + 1. */
export type MetricSeries = Record<string, number[]>;

/** The records of `series[from..]` of metric `name` of run `runId` (intervals from + 1 on). */
export function metricRecords(runId: string, name: string, series: readonly number[], from = 0): StoredMetric[] {
  const out: StoredMetric[] = [];
  for (let i = from; i < series.length; i++) out.push({ runId, name, interval: i + 1, value: series[i] });
  return out;
}

/**
 * Writes `records` inside `tx`, with the store's own `put`: idb's wrapper turns each request into a
 * promise with two listeners, which for one record per logged value was the largest cost on the
 * page's main thread (a 1000-run experiment puts ~80,000 records; `npm run bench:ui -- --profile`).
 * Nothing here needs each request's result: a failed put aborts the transaction, and `commit`
 * reports the transaction's error.
 */
export async function putMetricsIn(tx: TabtuneWriteTx, records: readonly StoredMetric[]): Promise<void> {
  const store = unwrap(tx.objectStore('metrics'));
  for (const record of records) store.put(record);
}

/**
 * Groups records (sorted by name, then interval) into series. A series ends at its first gap, so a
 * series is always intervals 1..n without holes.
 */
export function seriesOf(records: readonly StoredMetric[]): MetricSeries {
  const out: MetricSeries = {};
  const closed = new Set<string>();
  for (const { name, interval, value } of records) {
    const series = (out[name] ??= []);
    if (closed.has(name)) continue;
    if (interval !== series.length + 1) {
      closed.add(name);
      continue;
    }
    series.push(value);
  }
  return out;
}

/** Every stored value of run `runId` inside `tx`, as series. */
export async function seriesOfRunIn(tx: TabtuneReadTx, runId: string): Promise<MetricSeries> {
  const records = await tx.objectStore('metrics').index('by-run').getAll(runId);
  return seriesOf(records);
}

/** Every stored value of run `runId`, as series. */
export async function getRunMetrics(db: TabtuneDatabase, runId: string): Promise<MetricSeries> {
  return seriesOf(await db.getAllFromIndex('metrics', 'by-run', runId));
}

/** Every stored value of run `runId` as records, ordered by name and interval. */
export async function getMetricRecords(db: TabtuneDatabase, runId: string): Promise<StoredMetric[]> {
  return db.getAllFromIndex('metrics', 'by-run', runId);
}

/** Deletes run `runId`'s values after interval `keep` (a run continuing from its checkpoint) inside `tx`. */
export async function truncateRunMetricsIn(tx: TabtuneWriteTx, runId: string, keep: number): Promise<number> {
  const store = tx.objectStore('metrics');
  const keys = await store.index('by-run').getAllKeys(runId);
  const drop = keys.filter(([, , interval]) => interval > keep);
  await Promise.all(drop.map((key) => store.delete(key)));
  return drop.length;
}

/** Deletes every value of the given runs inside `tx` (only when their experiment is deleted). */
export async function deleteRunMetricsIn(tx: TabtuneWriteTx, runIds: readonly string[]): Promise<void> {
  const store = tx.objectStore('metrics');
  await Promise.all(runIds.map((runId) => store.delete(IDBKeyRange.bound([runId], [runId, []]))));
}
