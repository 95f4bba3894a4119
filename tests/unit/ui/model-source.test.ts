/** The builder's model sources: the user's code and a base model file in the draft, the space they allow, and how the page shows them. */
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig, tunableNames, type BaseModelFile } from '../../../src/core/experiment';
import { inspectModelModule } from '../../../src/core/model-code';
import { displayJson, draftJson, fieldsOf, formatBytes, validateDraft, type DraftFields } from '../../../src/ui/state/config-draft';
import { DEMO_EXPERIMENT } from '../../../src/ui/state/demo';
import { isModuleFileName, problemRanges, STARTER_MODULE } from '../../../src/ui/state/model-code';
import { checkSpaceText } from '../../../src/ui/state/space-text';

const DATASET = { source: 'demo:digits' };
const SPACE = '{\n  "width": choice(16, 32),\n  "learning_rate": loguniform(-7, -4)\n}';
const demo = (): DraftFields => fieldsOf(parseExperimentConfig(DEMO_EXPERIMENT));
const validate = (f: DraftFields) => validateDraft(draftJson(f, DATASET), 'classification');

describe('draft with the user\'s model code', () => {
  const own = (source = STARTER_MODULE.source): DraftFields => ({ ...demo(), family: 'module', module: { name: 'my-model.mjs', source }, spaceText: SPACE });

  it('writes the module inline and accepts any parameter name in the space', () => {
    const json = draftJson(own(), DATASET);
    expect(json.model).toEqual({ module: { name: 'my-model.mjs', source: STARTER_MODULE.source }, hyperparameters: { epochs: 8 } });
    const result = validate(own());
    expect(result.ok ? result.config.model : result).toMatchObject({ family: 'module', module: { name: 'my-model.mjs' } });
    expect(checkSpaceText(SPACE, 'random', null).problems).toEqual([]);
  });

  it('the same space with a built-in family names the unknown parameter', () => {
    expect(checkSpaceText(SPACE, 'random').problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/"width": not a hyperparameter/) })]);
    expect(validate({ ...own(), family: 'mlp' })).toMatchObject({ ok: false, key: 'space' });
  });

  it('built-in names keep their domain checks with a module', () => {
    expect(checkSpaceText('{"batch_size": choice(0, 8)}', 'random', null).problems).toHaveLength(1);
  });

  it('a module with a syntax error blocks Start with file:line:column', () => {
    const result = validate(own('export function build(hp, ctx) {\n  return ctx.tf.sequential(;\n}\n'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/my-model\.mjs:2:\d+: syntax error/);
  });

  it('comes back into the form from a stored config', () => {
    const result = validate(own());
    if (!result.ok) throw new Error(result.message);
    const back = fieldsOf(result.config);
    expect(back).toMatchObject({ family: 'module', module: { name: 'my-model.mjs' } });
    expect(validate(back)).toEqual(result);
  });
});

describe('draft with a base model file', () => {
  const file: BaseModelFile = { name: 'model.json', modelTopology: { class_name: 'Sequential' }, weightSpecs: [{ name: 'd/kernel', shape: [300, 1000], dtype: 'float32' }], weightData: 'A'.repeat(1_600_000) };

  it('writes file, freezeUpTo and head; the view shows the weights as their size, the file keeps them', () => {
    const json = draftJson({ ...demo(), family: 'file', modelFile: file, freezeUpTo: 2, head: 'new' }, DATASET);
    expect(json.model).toEqual({ file, freezeUpTo: 2, head: 'new', hyperparameters: { epochs: 8 } });
    const shown = displayJson(json) as { model: { file: BaseModelFile } };
    expect(shown.model.file.weightData).toBe('<weights: 1.1 MB>');
    expect(shown.model.file.weightSpecs).toEqual(file.weightSpecs);
    expect((json.model as { file: BaseModelFile }).file.weightData).toHaveLength(1_600_000);
  });

  it('without an upload the draft says the model file is required', () => {
    expect(validate({ ...demo(), family: 'file' })).toMatchObject({ ok: false, message: expect.stringMatching(/model\.file/) });
  });

  it('the space may tune its training hyperparameters and freeze_up_to, not the built-in layers', () => {
    const names = tunableNames({ family: 'file' });
    expect(checkSpaceText('{"learning_rate": loguniform(-7, -4), "freeze_up_to": choice(0, 1)}', 'random', names).problems).toEqual([]);
    expect(checkSpaceText('{"units": choice(8, 16)}', 'random', names).problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/"units": not a hyperparameter of the model \(known: learning_rate, .*freeze_up_to\)/) })]);
  });

  it('formats sizes', () => {
    expect([formatBytes(10), formatBytes(2048), formatBytes(1.25 * 1024 ** 2)]).toEqual(['10 B', '2.0 KB', '1.3 MB']);
  });
});

describe('the code editor\'s view of problems', () => {
  it('the starter module has no problem and exports build only', () => {
    expect(inspectModelModule(STARTER_MODULE)).toEqual({ problems: [], exports: { build: true, fit: false } });
  });

  it('marks from the problem\'s line and column to the end of its line', () => {
    const source = 'export function build() {\n  return 1 +;\n}';
    const { problems } = inspectModelModule({ name: 'm.mjs', source });
    const [range] = problemRanges(source, problems);
    expect(source.slice(range.from, range.to)).toBe(';');
    expect(range.message).toMatch(/^syntax error/);
  });

  it('clamps lines and columns outside the text', () => {
    expect(problemRanges('ab\ncd', [{ line: 9, column: 40, message: 'x' }])).toEqual([{ from: 5, to: 5, message: 'x' }]);
    expect(problemRanges('', [{ line: 1, column: 1, message: 'y' }])).toEqual([{ from: 0, to: 0, message: 'y' }]);
  });

  it('accepts .js and .mjs uploads only', () => {
    expect(['a.mjs', 'B.JS', 'model.json', 'x.ts'].map(isModuleFileName)).toEqual([true, true, false, false]);
  });
});
