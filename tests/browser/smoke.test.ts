import { afterAll, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import type { SmokeApi } from './fixtures/smoke.worker';

// One module worker for the whole file, as the product's pool would keep one per slot.
const worker = new Worker(new URL('./fixtures/smoke.worker.ts', import.meta.url), { type: 'module' });
const api = Comlink.wrap<SmokeApi>(worker);

afterAll(() => {
  api[Comlink.releaseProxy]();
  worker.terminate();
});

describe('tfjs in a module worker over Comlink', () => {
  it.each(['webgpu', 'wasm'] as const)('trains on %s: finite, falling loss and no leaked tensors', async (backend) => {
    const result = await api.train(backend, 30);
    expect(result.backend).toBe(backend);
    expect(result.losses).toHaveLength(30);
    for (const loss of result.losses) expect(Number.isFinite(loss)).toBe(true);
    expect(result.losses.at(-1)!).toBeLessThan(result.losses[0] * 0.5);
    expect(result.tensorsAfter).toBe(result.tensorsBefore);
  });

  it('runs cross-origin isolated, so wasm could use threads', async () => {
    const result = await api.train('cpu', 2);
    expect(result.crossOriginIsolated).toBe(true);
  });
});
