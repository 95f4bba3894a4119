/** A layers model chosen in the page as the inline base model: manifest order, base64, and errors naming the missing file. */
import { describe, expect, it } from 'vitest';
import { base64Of, baseModelOf, layerNames, type PickedFile } from '../../../src/ui/state/model-file';

const text = (name: string, value: unknown): PickedFile => ({ name, bytes: new TextEncoder().encode(JSON.stringify(value)) });
const bin = (name: string, ...bytes: number[]): PickedFile => ({ name, bytes: new Uint8Array(bytes) });

const topology = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'hidden' } }, { class_name: 'Dense', config: { name: 'out' } }] } };
const manifest = [
  { paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: [{ name: 'hidden/kernel', shape: [1], dtype: 'float32' }] },
  { paths: ['./group2-shard1of1.bin'], weights: [{ name: 'out/kernel', shape: [1], dtype: 'float32' }] },
];
const modelJson = text('model.json', { format: 'layers-model', modelTopology: topology, weightsManifest: manifest });

describe('baseModelOf', () => {
  it('concatenates the weight files in manifest order (not the order chosen) as base64', () => {
    const file = baseModelOf([bin('group2-shard1of1.bin', 9, 10, 11, 12), modelJson, bin('group1-shard2of2.bin', 3, 4), bin('group1-shard1of2.bin', 1, 2)]);
    expect(file.name).toBe('model.json');
    expect(file.modelTopology).toEqual(topology);
    expect(file.weightSpecs.map((w) => w.name)).toEqual(['hidden/kernel', 'out/kernel']);
    expect([...Buffer.from(file.weightData, 'base64')]).toEqual([1, 2, 3, 4, 9, 10, 11, 12]);
  });

  it('names every missing weight file', () => {
    expect(() => baseModelOf([modelJson, bin('group1-shard1of2.bin', 1)])).toThrow(
      /model\.json names weight files "group1-shard2of2\.bin", "group2-shard1of1\.bin", not among the chosen files \(model\.json, group1-shard1of2\.bin\)/,
    );
  });

  it('names the weight a short weight file leaves without bytes', () => {
    expect(() => baseModelOf([modelJson, bin('group1-shard1of2.bin', 1, 2), bin('group1-shard2of2.bin', 3, 4), bin('group2-shard1of1.bin', 9)])).toThrow(/weight "out\/kernel" .* needs bytes 4\.\.8 but the weight files hold 5 bytes/);
  });

  it('asks for model.json, refuses graph models and files that are not layers models', () => {
    expect(() => baseModelOf([bin('weights.bin', 1)])).toThrow(/choose model\.json together with its weight files \(chosen: weights\.bin\)/);
    expect(() => baseModelOf([text('model.json', { format: 'graph-model', modelTopology: {}, weightsManifest: [] })])).toThrow(/graph model/);
    expect(() => baseModelOf([text('model.json', { weightsManifest: [] })])).toThrow(/no "modelTopology"/);
    expect(() => baseModelOf([{ name: 'model.json', bytes: new TextEncoder().encode('{oops') }])).toThrow(/model\.json is not valid JSON/);
  });

  it('base64 of large arrays matches Node\'s', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 31) % 256);
    expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('layerNames', () => {
  it('reads Sequential and model_config-wrapped topologies', () => {
    expect(layerNames(topology)).toEqual(['hidden', 'out']);
    expect(layerNames({ model_config: topology })).toEqual(['hidden', 'out']);
    expect(layerNames(null)).toEqual([]);
  });
});
