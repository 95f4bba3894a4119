/**
 * Chart redraws take turns: one per animation frame, a repeated request keeps its place, and each
 * redraw runs in a task of its own posted from the frame (not inside the frame's callbacks).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let frames: FrameRequestCallback[] = [];
let messages: (() => void)[] = [];

/** A MessageChannel whose messages wait in `messages` until delivered by the test. */
class HeldChannel {
  readonly port1: { onmessage: (() => void) | null } = { onmessage: null };
  readonly port2 = { postMessage: () => messages.push(() => this.port1.onmessage?.()) };
}

/** Runs the one animation frame requested so far (the queue never asks for two at once). */
function nextFrame(): void {
  expect(frames).toHaveLength(1);
  const [callback] = frames;
  frames = [];
  callback(0);
}

/** Delivers the one task posted so far. */
function nextTask(): void {
  expect(messages).toHaveLength(1);
  const [deliver] = messages;
  messages = [];
  deliver();
}

beforeEach(() => {
  frames = [];
  messages = [];
  vi.resetModules();
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('MessageChannel', HeldChannel);
});
afterEach(() => vi.unstubAllGlobals());

describe('redraw queue', () => {
  it('draws one chart per frame, in the order they first asked, each with its newest redraw', async () => {
    const { cancelRedraw, scheduleRedraw } = await import('../../../src/ui/state/redraw-queue');
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
    // The frame callback only posts the redraw: ECharts' own frame work does not share its task.
    expect(drawn).toEqual([]);
    nextTask();
    expect(drawn).toEqual(['a2']);
    // a asks again while b waits: b goes first, then a.
    scheduleRedraw(a, () => drawn.push('a3'));
    nextFrame();
    nextTask();
    expect(drawn).toEqual(['a2', 'b1']);
    nextFrame();
    nextTask();
    expect(drawn).toEqual(['a2', 'b1', 'a3']);
    expect(frames).toHaveLength(0);
    expect(messages).toHaveLength(0);
  });

  it('asks for no second frame while a redraw is posted, and for one when a chart asks after it ran', async () => {
    const { scheduleRedraw } = await import('../../../src/ui/state/redraw-queue');
    const drawn: string[] = [];
    const a = {};
    scheduleRedraw(a, () => drawn.push('a1'));
    nextFrame();
    // Between the frame and its posted task a new request joins the posted redraw's turn.
    scheduleRedraw(a, () => drawn.push('a2'));
    expect(frames).toHaveLength(0);
    nextTask();
    expect(drawn).toEqual(['a2']);
    scheduleRedraw(a, () => drawn.push('a3'));
    nextFrame();
    nextTask();
    expect(drawn).toEqual(['a2', 'a3']);
  });
});
