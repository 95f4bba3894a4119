/**
 * How many runs train at once (SPEC section 5: the pool follows the machine, and the GPU): the
 * pool size, the shared-GPU cap on webgpu and webgl, maxConcurrentRuns, and the message the UI and CLI show.
 */
import { describe, expect, it } from 'vitest';
import { concurrencyInfo, defaultPoolSize, SHARED_GPU_WORKERS, trainingWorkers } from '../../../src/runtime';

describe('the workers that train at once', () => {
  it('are the whole pool on the CPU backends, and on webgpu and webgl at most the shared GPU cap', () => {
    for (const backend of ['wasm', 'wasm-fused', 'cpu'] as const) expect([1, 2, 8].map((n) => trainingWorkers(n, backend))).toEqual([1, 2, 8]);
    for (const backend of ['webgpu', 'webgl'] as const) expect([1, 2, 8].map((n) => trainingWorkers(n, backend))).toEqual([1, 2, 8].map((n) => Math.min(n, SHARED_GPU_WORKERS)));
    expect(SHARED_GPU_WORKERS).toBe(1);
  });

  it('follow the cores unless the user sets them, within 1..16', () => {
    expect([defaultPoolSize(8), defaultPoolSize(8, 3), defaultPoolSize(undefined), defaultPoolSize(64), defaultPoolSize(4, 0)]).toEqual([8, 3, 1, 16, 1]);
  });
});

describe('the concurrency message', () => {
  it('names the pool, maxConcurrentRuns, or the shared GPU, whichever limits', () => {
    expect(concurrencyInfo(4).message).toBe('4 at once: the pool has 4 workers');
    expect(concurrencyInfo(4, 8, 'wasm').message).toBe('4 at once: the pool has 4 workers (maxConcurrentRuns is 8)');
    expect(concurrencyInfo(4, 2, 'webgpu')).toMatchObject({ concurrency: Math.min(2, SHARED_GPU_WORKERS), message: SHARED_GPU_WORKERS < 2 ? expect.stringContaining('share one GPU') : '2 at once (maxConcurrentRuns)' });
    const shared = concurrencyInfo(4, undefined, 'webgpu');
    expect(shared).toMatchObject({ poolSize: 4, concurrency: SHARED_GPU_WORKERS, cappedByPool: true });
    expect(shared.message).toBe(`${SHARED_GPU_WORKERS} at once: the pool's 4 workers share one GPU (webgpu), fastest with ${SHARED_GPU_WORKERS} training`);
    expect(concurrencyInfo(4, 1, 'webgpu')).toMatchObject({ concurrency: 1, cappedByPool: false, message: '1 at once (maxConcurrentRuns)' });
    expect(concurrencyInfo(8, 4, 'webgl').message).toBe("1 at once: the pool's 8 workers share one GPU (webgl), fastest with 1 training (maxConcurrentRuns is 4)");
  });

  it('before auto has measured, gives the pool figure (the cap comes once it picks webgpu or webgl)', () => {
    expect(concurrencyInfo(4, undefined, null)).toEqual(concurrencyInfo(4));
  });
});
