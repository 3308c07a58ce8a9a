/**
 * V8 flags for every process that runs the core (Electron's main process, browser mode's server,
 * the CLI). With a heap limit of 2 GB or more V8 lets the old generation grow to four times its
 * live size between full collections; under 2 GB the factor is at most about two
 * (MaxGrowingFactor in V8's heap-controller.cc). A bulk send promotes every in-flight HTTP/2
 * stream's state, so this halves the peak memory of a 100,000-target send (465 MB to 265 MB,
 * `npm run bench`) at no measured cost in throughput. bin/push-console.mjs repeats them in its
 * shebang; a unit test keeps the two the same.
 */
export const CORE_V8_FLAGS = ['--max-old-space-size=2000'];
