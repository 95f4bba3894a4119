/** Chart redraws take turns: one per animation frame, a repeated request keeps its place. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelRedraw, scheduleRedraw } from '../../../src/ui/state/redraw-queue';

let frames: FrameRequestCallback[] = [];

/** Runs the one animation frame requested so far (the queue never asks for two at once). */
function nextFrame(): void {
  expect(frames).toHaveLength(1);
  const [callback] = frames;
  frames = [];
  callback(0);
}

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
});
afterEach(() => vi.unstubAllGlobals());

describe('redraw queue', () => {
  it('draws one chart per frame, in the order they first asked, each with its newest redraw', () => {
    const drawn: string[] = [];
    const a = {};
    const b = {};
    const c = {};
    scheduleRedraw(a, () => drawn.push('a1'));
    scheduleRedraw(b, () => drawn.push('b1'));
    scheduleRedraw(a, () => drawn.push('a2'));
    scheduleRedraw(c, () => drawn.push('c1'));
    cancelRedraw(c);
    nextFrame();
    expect(drawn).toEqual(['a2']);
    // a asks again while b waits: b goes first, then a.
    scheduleRedraw(a, () => drawn.push('a3'));
    nextFrame();
    expect(drawn).toEqual(['a2', 'b1']);
    nextFrame();
    expect(drawn).toEqual(['a2', 'b1', 'a3']);
    expect(frames).toHaveLength(0);
  });
});
