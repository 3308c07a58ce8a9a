import { z } from 'zod';

/**
 * zod compiles each object schema into a parser (`new Function`) on its first parse. That pays
 * back over thousands of parses, but a one-shot command parses each schema once or twice, and no
 * code cache holds code made at run time: without it a `push-console send` starts about 20 ms
 * sooner. The commands that keep running (serve, emulators, bulk, run) keep the compiled parsers.
 * zod reads the setting as each schema is built, so this module is the CLI's first import.
 */
const LONG_RUNNING = new Set(['serve', 'emulators', 'bulk', 'run']);
if (!LONG_RUNNING.has(process.argv[2] ?? '')) z.config({ jitless: true });
