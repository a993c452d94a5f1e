/** Runs the CLI from source (tsx) in a child process, for tests that must SIGKILL a sensor. */
import { main } from '../cli/main.js';

process.exitCode = await main(process.argv.slice(2));
