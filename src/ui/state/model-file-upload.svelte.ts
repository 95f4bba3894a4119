/** Reading a dropped or chosen set of files into the base model; a problem becomes `error`. */
import type { BaseModelFile } from '../../core/experiment';
import { baseModelOf } from './model-file';

export class ModelFileUpload {
  /** Why the last files did not make a base model, or null. */
  error = $state<string | null>(null);
  reading = $state(false);

  constructor(private readonly apply: (file: BaseModelFile) => void) {}

  /** Reads `files` (model.json and its weight files) and applies the base model they make. */
  async take(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    this.reading = true;
    try {
      const picked = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      this.apply(baseModelOf(picked));
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.reading = false;
    }
  }
}
