/** The ask/tell protocol engine (see engine.ts); `tabtune ask-tell` wraps it around stdin/stdout. */
export { createAskTellSession, type AskTellSession, type Response } from './engine';
export type { Request } from './requests';
