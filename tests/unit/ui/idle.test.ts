/** Idle callbacks where the browser has them, a timer where it does not (Safari). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cancelIdle, whenIdle } from '../../../src/ui/state/idle';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('whenIdle', () => {
  it('uses requestIdleCallback with the timeout when the browser has it, and cancels through it', () => {
    const requested: [() => void, IdleRequestOptions | undefined][] = [];
    const canceled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options?: IdleRequestOptions) => requested.push([callback, options]));
    vi.stubGlobal('cancelIdleCallback', (handle: number) => canceled.push(handle));
    const calls: string[] = [];
    const handle = whenIdle(() => calls.push('drawn'), 500);
    expect(handle).toBe(1);
    expect(requested[0][1]).toEqual({ timeout: 500 });
    requested[0][0]();
    expect(calls).toEqual(['drawn']);
    cancelIdle(handle);
    expect(canceled).toEqual([1]);
  });

  it('falls back to a short timer without idle callbacks, which can be canceled', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    vi.stubGlobal('cancelIdleCallback', undefined);
    vi.useFakeTimers();
    const calls: string[] = [];
    whenIdle(() => calls.push('a'), 10_000);
    const b = whenIdle(() => calls.push('b'), 10_000);
    cancelIdle(b);
    vi.advanceTimersByTime(49);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['a']);
    cancelIdle(0);
  });
});
