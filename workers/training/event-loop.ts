/** Letting a training loop's worker answer messages (a stop request) between batches. */

/** How often training yields to the event loop so that a stop message gets through, in ms. */
export const YIELD_EVERY_MS = 50;

/** Resolves after pending messages had their turn (setImmediate in Node, a MessageChannel in browsers). */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
