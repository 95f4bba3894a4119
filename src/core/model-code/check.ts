/**
 * Checks a model module (the user's own `build(hp, ctx)` / `fit(hp, model, ctx)` code) before any
 * worker runs it: it must parse as an ES module, export `build`, and import nothing (TensorFlow.js
 * comes as `ctx.tf`, so that user code and tabtune share one backend and one tensor count). A
 * problem is an InvalidConfigError naming the file, the line and the column, so the page can show
 * it at its line and `tabtune run` exits 2 before an experiment starts.
 */
import { parse, type Node, type Program } from 'acorn';
import { InvalidConfigError } from '../errors';

/** The user's model code: an ES module's source and the file name errors point at. */
export interface ModelModule {
  readonly name: string;
  readonly source: string;
}

/** What a module exports of the contract (found by reading it, not running it). */
export interface ModuleExports {
  readonly build: boolean;
  readonly fit: boolean;
}

/** A problem in the module text, 1-based line and column. */
export interface ModuleProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

interface AcornSyntaxError extends SyntaxError {
  readonly loc?: { line: number; column: number };
}

type Loc = { loc?: { start: { line: number; column: number } } | null };

function at(node: Node & Loc, message: string): ModuleProblem {
  const start = node.loc?.start ?? { line: 1, column: 0 };
  return { line: start.line, column: start.column + 1, message };
}

/** Names a top-level export statement declares (`export function f`, `export const f`, `export { g as f }`). */
function exportedNames(node: Node): string[] {
  const n = node as unknown as {
    type: string;
    declaration?: { type: string; id?: { name: string }; declarations?: { id: { type: string; name?: string } }[] } | null;
    specifiers?: { exported: { type: string; name?: string; value?: string } }[];
  };
  if (n.type !== 'ExportNamedDeclaration') return [];
  const names: string[] = [];
  if (n.declaration?.id) names.push(n.declaration.id.name);
  for (const d of n.declaration?.declarations ?? []) if (d.id.type === 'Identifier' && d.id.name) names.push(d.id.name);
  for (const s of n.specifiers ?? []) names.push(s.exported.name ?? s.exported.value ?? '');
  return names;
}

/** Parses `module`; returns its problems (empty when it can run) and the contract exports it has. */
export function inspectModelModule(module: ModelModule): { problems: ModuleProblem[]; exports: ModuleExports } {
  let program: Program;
  try {
    program = parse(module.source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (error) {
    const loc = (error as AcornSyntaxError).loc ?? { line: 1, column: 0 };
    const message = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    return { problems: [{ line: loc.line, column: loc.column + 1, message: `syntax error: ${message}` }], exports: { build: false, fit: false } };
  }
  const problems: ModuleProblem[] = [];
  const names = new Set<string>();
  for (const node of program.body) {
    if (node.type === 'ImportDeclaration') {
      problems.push(at(node, 'imports are not supported: TensorFlow.js is ctx.tf (one backend, one tensor count); put helpers in this file'));
    }
    if (node.type === 'ExportAllDeclaration' || (node.type === 'ExportNamedDeclaration' && node.source)) {
      problems.push(at(node, 're-exports from other modules are not supported (the module runs alone in a training worker)'));
    }
    for (const name of exportedNames(node)) names.add(name);
  }
  const exports = { build: names.has('build'), fit: names.has('fit') };
  if (!exports.build && problems.length === 0) {
    problems.push({ line: 1, column: 1, message: 'exports no "build" function (export function build(hp, ctx) { ... return model; })' });
  }
  return { problems, exports };
}

/** One line per problem: `my-model.mjs:3:7: syntax error: Unexpected token`. */
export function formatModuleProblem(name: string, problem: ModuleProblem): string {
  return `${name}:${problem.line}:${problem.column}: ${problem.message}`;
}

/** Throws InvalidConfigError (`model module "NAME": NAME:LINE:COLUMN: ...`) when `module` cannot run. */
export function checkModelModule(module: ModelModule): ModuleExports {
  const { problems, exports } = inspectModelModule(module);
  if (problems.length > 0) {
    const lines = problems.map((p) => formatModuleProblem(module.name, p));
    throw new InvalidConfigError(`model module "${module.name}": ${lines.join('; ')}`);
  }
  return exports;
}
