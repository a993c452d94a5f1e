#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps compiled code of the modules below between runs, which is most of
// what a warm scan waits for; Node 20 has no such cache and goes on as before.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
