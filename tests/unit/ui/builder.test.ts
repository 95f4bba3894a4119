import { describe, expect, it } from 'vitest';
import { BuilderState } from '../../../src/ui/state/builder.svelte';
import { parseExperimentConfig } from '../../../src/core/experiment';

const houses = { spec: { source: 'upload:Houses 2024.csv', target: 'price', task: 'regression' as const }, task: 'regression' as const, image: false };

describe('BuilderState: the experiment name follows the dataset and model until edited', () => {
  it('names the experiment after an uploaded CSV and the family', () => {
    const builder = new BuilderState();
    expect(builder.fields.name).toBe('digits-mlp');
    builder.setDataset(houses);
    expect(builder.fields.name).toBe('houses-2024-mlp');
    builder.setDataset({ spec: { source: 'demo:digits' }, task: 'classification', image: true });
    builder.update({ family: 'cnn' });
    expect(builder.fields.name).toBe('digits-cnn');
  });

  it('keeps a name the user typed', () => {
    const builder = new BuilderState();
    builder.update({ name: 'my-run' });
    builder.setDataset(houses);
    builder.update({ family: 'mlp' });
    expect(builder.fields.name).toBe('my-run');
  });

  it('keeps the name of loaded settings, and follows again after the demo is loaded', () => {
    const builder = new BuilderState();
    builder.loadConfig(parseExperimentConfig({ name: 'earlier', space: '{"units": choice(8)}' }));
    builder.setDataset(houses);
    expect(builder.fields.name).toBe('earlier');
    builder.loadDemo();
    builder.setDataset(houses);
    expect(builder.fields.name).toBe('houses-2024-mlp');
  });
});

describe('BuilderState: the model source', () => {
  it('"Your model code" starts from the starter module, checks it, and lets the space name any parameter', () => {
    const builder = new BuilderState();
    builder.update({ spaceText: '{"width": choice(16, 32)}' });
    expect(builder.check.space).toBeNull();
    builder.setSource('module');
    expect(builder.source).toBe('module');
    expect(builder.fields.name).toBe('digits-module');
    expect(builder.fields.module?.name).toBe('my-model.mjs');
    expect(builder.moduleCheck).toEqual({ problems: [], exports: { build: true, fit: false } });
    expect(builder.check.problems).toEqual([]);
    expect(builder.result.ok).toBe(true);

    builder.setModule({ name: 'my-model.mjs', source: 'export function build( {' });
    expect(builder.moduleCheck?.problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^syntax error/) });
    expect(builder.result).toMatchObject({ ok: false, message: expect.stringMatching(/my-model\.mjs:1:\d+: syntax error/) });
  });

  it('back to a built-in family keeps the code for later and checks the space against the built-in names again', () => {
    const builder = new BuilderState();
    builder.setSource('module');
    builder.update({ spaceText: '{"width": choice(16, 32)}' });
    builder.setSource('builtin');
    expect(builder.fields.family).toBe('mlp');
    expect(builder.moduleCheck).toBeNull();
    expect(builder.check.space).toBeNull();
    expect(builder.fields.module?.name).toBe('my-model.mjs');
  });
});
