/** The result of the `npm run bench -- webgpu` page and its report in words (printed by either driver). */
import type { CalibrationResult, TrainingBackend } from '../../../src/protocol';
import { WORKLOADS, type WorkloadId } from './workloads';

/** What the page found about the machine's graphics. */
export interface DeviceInfo {
  readonly userAgent: string;
  readonly cores: number;
  /** `navigator.gpu.requestAdapter({ powerPreference: 'high-performance' })`: null when none. */
  readonly webgpu: { readonly vendor: string; readonly architecture: string; readonly device: string; readonly description: string; readonly fallback: boolean } | null;
  /** WebGL2's unmasked renderer string in a worker's OffscreenCanvas, or why there is none. */
  readonly webgl: string;
}

/** One (workload, backend) measurement in a fresh tabtune training worker. */
export interface Cell {
  readonly workload: WorkloadId;
  readonly backend: TrainingBackend;
  /** Training samples per second of the timed run (tabtune's own figure: rows x epochs / fit time). */
  readonly samplesPerSecond: number | null;
  /** Epochs of the timed run. */
  readonly epochs: number;
  /** Seconds of the untimed warm-up epoch (shader compilation, JIT) and of the timed run. */
  readonly warmupSeconds: number | null;
  readonly timedSeconds: number | null;
  readonly error?: string;
}

/** What `backend: "auto"` measured for one workload and which backend it would pick. */
export interface AutoChoice {
  readonly workload: WorkloadId;
  readonly results: readonly CalibrationResult[];
  readonly chosen: TrainingBackend | null;
}

export interface WebgpuBenchResult {
  readonly device: DeviceInfo;
  readonly cells: readonly Cell[];
  readonly auto: readonly AutoChoice[];
}

const rate = (x: number | null | undefined): string => (x == null ? '-' : Math.round(x).toLocaleString('en-US'));

/** The report: the device, a samples/s table (workloads x backends), webgpu over the fastest CPU backend, and auto's choices. */
export function formatReport(result: WebgpuBenchResult): string {
  const { device, cells } = result;
  const lines: string[] = [];
  const gpu = device.webgpu;
  lines.push(`browser: ${device.userAgent}; ${device.cores} cores`);
  lines.push(`webgpu adapter: ${gpu ? `${gpu.vendor} / ${gpu.architecture} / ${gpu.device || '-'} ${gpu.description ? `(${gpu.description})` : ''}${gpu.fallback ? ', fallback (software)' : ''}` : 'none'}`);
  lines.push(`webgl renderer: ${device.webgl}`);
  const backends = [...new Set(cells.map((c) => c.backend))];
  lines.push('');
  lines.push(`samples/s (about 2 s of epochs after a warm-up epoch; a fresh training worker per cell)`);
  lines.push(`${'workload'.padEnd(12)}${backends.map((b) => b.padStart(12)).join('')}   webgpu / fastest CPU backend`);
  for (const workload of WORKLOADS) {
    const row = cells.filter((c) => c.workload === workload.id);
    if (row.length === 0) continue;
    const of = (b: TrainingBackend) => row.find((c) => c.backend === b)?.samplesPerSecond ?? null;
    const cpu = Math.max(...row.filter((c) => c.backend === 'wasm' || c.backend === 'wasm-fused' || c.backend === 'cpu').map((c) => c.samplesPerSecond ?? 0));
    const webgpu = of('webgpu');
    const ratio = webgpu && cpu > 0 ? `${webgpu / cpu >= 10 ? (webgpu / cpu).toFixed(1) : (webgpu / cpu).toPrecision(2)}x` : '-';
    lines.push(`${workload.id.padEnd(12)}${backends.map((b) => rate(of(b)).padStart(12)).join('')}   ${ratio}`);
  }
  for (const workload of WORKLOADS.filter((w) => cells.some((c) => c.workload === w.id))) lines.push(`  ${workload.id}: ${workload.what}`);
  const failed = cells.filter((c) => c.error);
  if (failed.length) lines.push('', ...failed.map((c) => `failed: ${c.workload} on ${c.backend}: ${c.error}`));
  const warm = cells.filter((c) => c.backend === 'webgpu' && c.warmupSeconds != null);
  if (warm.length) lines.push('', `webgpu warm-up epoch (shader compilation): ${warm.map((c) => `${c.workload} ${c.warmupSeconds!.toFixed(1)} s`).join(', ')}`);
  for (const auto of result.auto) {
    const measured = auto.results.map((r) => `${r.backend} ${r.samplesPerSecond == null ? `failed (${r.error})` : rate(r.samplesPerSecond)}`).join(', ');
    lines.push(`backend "auto" on ${auto.workload}: chooses ${auto.chosen ?? 'none'} (${measured})`);
  }
  return lines.join('\n');
}
