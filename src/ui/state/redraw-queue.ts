/**
 * Chart redraws, at most one per animation frame, each in a task of its own. Several live charts
 * often change in the same frame (one experiment update feeds them all), and ECharts spends 10-40
 * ms applying a chart's options at 1000 runs: drawn together they made one 50-85 ms frame, drawn
 * one per frame each stays short. A chart that asks again before its turn keeps its place with
 * its newest redraw, so none waits behind another chart's repeated updates.
 *
 * The frame only paces the queue: the redraw itself runs in the task posted from the frame
 * callback, because Chromium runs every animation-frame callback of a frame in one task, and
 * ECharts' own frame callback (progressive rendering, another chart's chunk of lines or cells)
 * then added its 15-35 ms to the redraw's (measured by bench:ui: 66 + 35 ms in one task).
 */

const pending = new Map<object, () => void>();
/** A frame is requested (it posts the next redraw) or a redraw is posted: nothing more to ask. */
let waiting = false;
let channel: MessageChannel | null = null;

/** Posts `drawNext` as a task of its own (a message to ourselves: no 4 ms timer clamp). */
function onFrame(): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = drawNext;
  }
  channel.port2.postMessage(null);
}

function drawNext(): void {
  waiting = false;
  const next = pending.entries().next();
  if (next.done) return;
  const [key, redraw] = next.value;
  pending.delete(key);
  if (pending.size > 0) ask();
  redraw();
}

/** Requests the frame that posts the next redraw. */
function ask(): void {
  waiting = true;
  requestAnimationFrame(onFrame);
}

/** Queues `redraw` for the chart `key` (replacing its redraw still waiting, in the same place). */
export function scheduleRedraw(key: object, redraw: () => void): void {
  pending.set(key, redraw);
  if (!waiting) ask();
}

/** Drops the chart's waiting redraw (it was disposed, or redraws another way now). */
export function cancelRedraw(key: object): void {
  pending.delete(key);
}
