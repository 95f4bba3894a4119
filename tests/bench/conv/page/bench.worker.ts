/** The worker of the conv bench page: the page's own backend setup (workers/backends.ts), then cnnRate. */
import * as Comlink from 'comlink';
import { setBackend, type BackendName } from '../../../../workers/backends';
import { cnnRate, type CnnConfig } from '../cnn-rate';

const api = {
  async rate(backend: BackendName, config: CnnConfig): Promise<number> {
    await setBackend(backend);
    return cnnRate(config);
  },
};

export type ConvBenchApi = typeof api;
Comlink.expose(api);
