/**
 * The exported-experiment file format (see transfer.ts): one JSON object; buffers as base64; NaN
 * and +-Infinity, which JSON lacks, as `{"nonFinite": "NaN" | "Infinity" | "-Infinity"}`. Pure:
 * no database, so `tabtune run --resume` reads it in Node.
 */
import { InvalidConfigError } from '../core/errors';
import { parseExperimentConfig } from '../core/experiment';
import type { PriorRun } from '../core/scheduler';
import type { StoredCheckpoint, StoredExperiment, StoredRun, StoredWeights } from './db';
import type { MetricSeries } from './metrics-store';

export const EXPORT_FORMAT = 'tabtune-experiment';
export const EXPORT_VERSION = 1;

/** A checkpoint in the file: buffers as base64. */
export interface ExportedCheckpoint extends Omit<StoredCheckpoint, 'weightData' | 'optimizer'> {
  readonly weightData: string;
  readonly optimizer?: { readonly weightSpecs: StoredWeights['weightSpecs']; readonly weightData: string };
}

/** The exported file (after JSON parsing and base64 decoding, see `parseExperimentExport`). */
export interface ExperimentExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: number;
  readonly exportedAt: string;
  readonly experiment: StoredExperiment;
  readonly runs: readonly StoredRun[];
  /** runId -> metric name -> values by interval. */
  readonly metrics: Readonly<Record<string, MetricSeries>>;
  readonly checkpoints: readonly StoredCheckpoint[];
  /**
   * The warm-start parents' runs as the scheduler got them (absent without `resumeFrom`, or when a
   * parent was deleted since), so a resume elsewhere keeps its priors.
   */
  readonly priors?: readonly PriorRun[];
}

/** Base64 of `buffer` (chunked: no call-stack limit for large weights). */
export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 `text` in a fresh ArrayBuffer. */
export function fromBase64(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { nonFinite: String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const tag = (value as { nonFinite?: unknown }).nonFinite;
  if (keys.length === 1 && (tag === 'NaN' || tag === 'Infinity' || tag === '-Infinity')) return Number(tag);
  return value;
}

function encodeCheckpoint(checkpoint: StoredCheckpoint): ExportedCheckpoint {
  const { weightData, optimizer, ...rest } = checkpoint;
  return {
    ...rest,
    weightData: toBase64(weightData),
    ...(optimizer ? { optimizer: { weightSpecs: optimizer.weightSpecs, weightData: toBase64(optimizer.weightData) } } : {}),
  };
}

function decodeCheckpoint(checkpoint: ExportedCheckpoint): StoredCheckpoint {
  const { weightData, optimizer, ...rest } = checkpoint;
  return {
    ...rest,
    weightData: fromBase64(weightData),
    ...(optimizer ? { optimizer: { weightSpecs: optimizer.weightSpecs, weightData: fromBase64(optimizer.weightData) } } : {}),
  };
}

/** The file's text for `data`. */
export function serializeExperimentExport(data: ExperimentExport): string {
  return JSON.stringify({ ...data, checkpoints: data.checkpoints.map(encodeCheckpoint) }, replacer);
}

function fail(rule: string): never {
  throw new InvalidConfigError(`experiment export: ${rule}`);
}

/** Reads an exported file (its text); throws InvalidConfigError naming what is wrong. */
export function parseExperimentExport(text: string): ExperimentExport {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text, reviver) as Record<string, unknown>;
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || raw.format !== EXPORT_FORMAT) fail(`"format" must be "${EXPORT_FORMAT}"`);
  if (typeof raw.version !== 'number' || raw.version > EXPORT_VERSION) fail(`"version" must be at most ${EXPORT_VERSION} (got ${JSON.stringify(raw.version)})`);
  const experiment = raw.experiment as StoredExperiment | undefined;
  if (!experiment || typeof experiment.id !== 'string') fail('"experiment" with an "id" is required');
  const config = parseExperimentConfig(experiment.config);
  if (!Array.isArray(raw.runs)) fail('"runs" must be a list');
  if (typeof raw.metrics !== 'object' || raw.metrics === null) fail('"metrics" must be an object of run ids');
  const checkpoints = Array.isArray(raw.checkpoints) ? (raw.checkpoints as ExportedCheckpoint[]).map(decodeCheckpoint) : [];
  return {
    format: EXPORT_FORMAT,
    version: raw.version,
    exportedAt: String(raw.exportedAt ?? ''),
    experiment: { ...experiment, config },
    runs: raw.runs as StoredRun[],
    metrics: raw.metrics as Record<string, MetricSeries>,
    checkpoints,
    ...(Array.isArray(raw.priors) ? { priors: raw.priors as PriorRun[] } : {}),
  };
}

