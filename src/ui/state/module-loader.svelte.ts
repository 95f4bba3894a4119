/**
 * Where the model code comes from besides typing: an uploaded .js/.mjs file or a shipped example.
 * Reports the loaded module through `apply`; a file that is not a module or an example that cannot
 * be fetched is a message, not an exception.
 */
import type { ModelModule } from '../../core/model-code';
import { fetchExample, isModuleFileName } from './model-code';

export class ModuleLoader {
  /** Why the last upload or example did not load, or null. */
  error = $state<string | null>(null);
  loading = $state(false);

  constructor(private readonly apply: (module: ModelModule) => void) {}

  /** Reads `file` as the model code (kept under its own name). */
  async upload(file: File): Promise<void> {
    if (!isModuleFileName(file.name)) {
      this.error = `"${file.name}" is not a model module: choose a .js or .mjs file`;
      return;
    }
    await this.load(async () => ({ name: file.name, source: await file.text() }));
  }

  /** Loads the shipped example `file` from public/examples/. */
  async example(file: string): Promise<void> {
    await this.load(() => fetchExample(file));
  }

  private async load(read: () => Promise<ModelModule>): Promise<void> {
    this.loading = true;
    try {
      this.apply(await read());
      this.error = null;
    } catch (error) {
      this.error = `could not load the model code: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.loading = false;
    }
  }
}
