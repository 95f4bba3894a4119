import { describe, expect, it } from 'vitest';
import { checkModelModule, inspectModelModule } from '../../../src/core/model-code';

const mod = (source: string) => ({ name: 'm.mjs', source });

describe('inspectModelModule', () => {
  it.each([
    ['export function build(hp, ctx) { return null; }', { build: true, fit: false }],
    ['export const build = (hp, ctx) => null;\nexport async function fit() {}', { build: true, fit: true }],
    ['function make() {}\nexport { make as build };', { build: true, fit: false }],
    ['const fit = async () => {};\nexport function build() {}\nexport { fit };', { build: true, fit: true }],
  ])('finds the contract exports of %j', (source, exports) => {
    expect(inspectModelModule(mod(source))).toEqual({ problems: [], exports });
  });

  it('reports a syntax error at its 1-based line and column', () => {
    const { problems } = inspectModelModule(mod('export function build(hp) {\n  const x = ;\n}'));
    expect(problems).toEqual([{ line: 2, column: 13, message: 'syntax error: Unexpected token' }]);
  });

  it('reports each import and re-export at its line, and a missing build', () => {
    const source = "export function build() {}\nimport x from 'y';\nexport * from 'z';";
    expect(inspectModelModule(mod(source)).problems.map((p) => [p.line, p.column, p.message.split(':')[0]])).toEqual([
      [2, 1, 'imports are not supported'],
      [3, 1, 're-exports from other modules are not supported (the module runs alone in a training worker)'],
    ]);
    expect(inspectModelModule(mod('export function fit() {}')).problems).toEqual([
      { line: 1, column: 1, message: 'exports no "build" function (export function build(hp, ctx) { ... return model; })' },
    ]);
  });

  it('accepts top-level await and modern syntax', () => {
    expect(inspectModelModule(mod('const k = await Promise.resolve(2);\nexport function build(hp) { return hp?.a ?? k; }')).problems).toEqual([]);
  });
});

describe('checkModelModule', () => {
  it('throws an InvalidConfigError naming the file, line and column', () => {
    expect(() => checkModelModule(mod('export function build( {'))).toThrow(
      expect.objectContaining({ name: 'InvalidConfigError', message: expect.stringMatching(/^model module "m\.mjs": m\.mjs:1:2\d: syntax error: /) }),
    );
  });
});
