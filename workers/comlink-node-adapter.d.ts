/** Types of Comlink's Node adapter (its .mjs ships with a .d.ts TypeScript does not pair with it). */
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  import type { MessagePort, Worker } from 'node:worker_threads';
  /** A worker_threads Worker or MessagePort (parentPort). */
  export default function nodeEndpoint(nep: Worker | MessagePort): Endpoint;
}
