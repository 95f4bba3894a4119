import { describe, expect, it } from 'vitest';
import { WorkersSetting } from '../../../src/ui/state/workers-setting.svelte';
import { MAX_POOL_SIZE } from '../../../src/runtime';

describe('the training-workers setting', () => {
  it('defaults to one worker per core, takes a choice, clamps it, and goes back to the default', () => {
    const setting = new WorkersSetting();
    const cores = setting.cores;
    expect(setting.value).toBeNull();
    expect(setting.effective).toBe(Math.min(MAX_POOL_SIZE, Math.max(1, cores ?? 1)));
    setting.set(3);
    expect([setting.value, setting.effective]).toEqual([3, 3]);
    setting.set(500);
    expect([setting.value, setting.effective]).toEqual([MAX_POOL_SIZE, MAX_POOL_SIZE]);
    setting.set(0);
    expect(setting.effective).toBe(1);
    setting.set(null);
    expect(setting.value).toBeNull();
    expect(setting.effective).toBe(Math.min(MAX_POOL_SIZE, Math.max(1, cores ?? 1)));
  });
});
