// Replaced at build time by esbuild's `define`; tests and tsx runs read package.json instead.
declare const __PUSH_CONSOLE_VERSION__: string | undefined;

export const APP_NAME = 'Push Console';

export function appVersion(): string {
  if (typeof __PUSH_CONSOLE_VERSION__ === 'string') return __PUSH_CONSOLE_VERSION__;
  return process.env['npm_package_version'] ?? '0.0.0-dev';
}
