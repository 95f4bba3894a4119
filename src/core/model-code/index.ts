/** The user's model code: checking a module before it runs, the `hp` it reads, and where its errors point. */
export { checkModelModule, formatModuleProblem, inspectModelModule, type ModelModule, type ModuleExports, type ModuleProblem } from './check';
export { hpView, UndefinedParameterError } from './hp';
export { renameFrames, userLocation } from './location';
