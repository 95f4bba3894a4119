/**
 * Chart redraws, at most one per animation frame. Several live charts often change in the same
 * frame (one experiment update feeds them all), and ECharts spends 10-40 ms applying a chart's
 * options at 1000 runs: drawn together they made one 50-85 ms frame, drawn one per frame each
 * stays short. A chart that asks again before its turn keeps its place with its newest redraw, so
 * none waits behind another chart's repeated updates.
 */

const pending = new Map<object, () => void>();
let frame = 0;

function drawNext(): void {
  frame = 0;
  const next = pending.entries().next();
  if (next.done) return;
  const [key, redraw] = next.value;
  pending.delete(key);
  if (pending.size > 0) frame = requestAnimationFrame(drawNext);
  redraw();
}

/** Queues `redraw` for the chart `key` (replacing its redraw still waiting, in the same place). */
export function scheduleRedraw(key: object, redraw: () => void): void {
  pending.set(key, redraw);
  if (frame === 0) frame = requestAnimationFrame(drawNext);
}

/** Drops the chart's waiting redraw (it was disposed, or redraws another way now). */
export function cancelRedraw(key: object): void {
  pending.delete(key);
}
