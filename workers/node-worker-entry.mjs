// Entry of a Node training thread: registers tsx's loader in this thread, then loads the
// TypeScript worker (worker threads do not inherit the parent's loader hooks in Node 20).
import { register } from 'tsx/esm/api';

register();
await import('./run.node-worker.ts');
