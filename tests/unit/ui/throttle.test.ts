import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from '../../../src/ui/state/throttle';

describe('Throttle', () => {
  let applied: number[];
  let throttle: Throttle<number>;

  beforeEach(() => {
    vi.useFakeTimers();
    applied = [];
    throttle = new Throttle<number>(200, (v) => applied.push(v));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies nothing at once; the first push of a burst waits the interval', () => {
    throttle.push(1);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(199);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([1]);
  });

  it('a burst is applied once, with its latest value', () => {
    for (let i = 1; i <= 50; i++) {
      throttle.push(i);
      vi.advanceTimersByTime(3);
    }
    vi.advanceTimersByTime(200);
    // 50 pushes over 150 ms: one redraw at 200 ms with the value pushed last by then
    expect(applied).toEqual([50]);
  });

  it('updates keep coming at most once per interval while pushes continue', () => {
    for (let t = 0; t < 1000; t += 10) {
      throttle.push(t);
      vi.advanceTimersByTime(10);
    }
    vi.runAllTimers();
    expect(applied.length).toBeGreaterThanOrEqual(5);
    expect(applied.length).toBeLessThanOrEqual(6);
    expect(applied.at(-1)).toBe(990);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
  });

  it('flush applies the pending value now and leaves nothing scheduled', () => {
    throttle.push(7);
    throttle.flush();
    expect(applied).toEqual([7]);
    vi.advanceTimersByTime(1000);
    expect(applied).toEqual([7]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flush with nothing pending does nothing', () => {
    throttle.flush();
    expect(applied).toEqual([]);
  });

  it('cancel drops the pending value', () => {
    throttle.push(1);
    throttle.cancel();
    vi.advanceTimersByTime(1000);
    expect(applied).toEqual([]);
    throttle.push(2);
    vi.advanceTimersByTime(200);
    expect(applied).toEqual([2]);
  });
});
