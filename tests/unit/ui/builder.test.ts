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
