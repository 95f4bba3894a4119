#!/usr/bin/env node
// The `tabtune` command. The CLI is TypeScript sharing the engine core with the page, so this
// plain-JS entry registers tsx's loader (a runtime dependency) and hands over to main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
