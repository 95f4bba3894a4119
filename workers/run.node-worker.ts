/**
 * The training worker for Node worker_threads (`tabtune run`, the runtime bench): the same API and
 * training code as the browser's run.worker.ts, exposed over the thread's parent port.
 */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { nodeBackendEnv } from './node-backends';
import { createRunWorkerApi } from './run-api';

if (!parentPort) throw new Error('run.node-worker.ts must run in a worker thread');
Comlink.expose(createRunWorkerApi(nodeBackendEnv), nodeEndpoint(parentPort));
