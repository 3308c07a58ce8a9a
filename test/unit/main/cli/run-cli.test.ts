import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../main/cli/run-cli';
import type { CliCommand, CliIo } from '../../../../main/cli/command';
import { AppError } from '../../../../shared/errors';

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  return { stdout, stderr, stdin: new PassThrough(), env: {}, out: () => out, err: () => err };
}

const commands: CliCommand[] = [
  { path: ['hello'], summary: 'Says hello.', usage: 'hello', run: async (_args, cli) => (cli.stdout.write('hi\n'), 0) },
  {
    path: ['fail', 'human'],
    summary: 'Fails kindly.',
    usage: 'fail human',
    run: async () => {
      throw new AppError('INVALID_INPUT', 'This .p12 needs a passphrase', 'Pass it with --passphrase-stdin.');
    },
  },
  {
    path: ['fail', 'crash'],
    summary: 'Crashes.',
    usage: 'fail crash',
    run: async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    },
  },
];

describe('runCli', () => {
  it('prints help listing every command, and the version', async () => {
    const cli = io();
    expect(await runCli(['--help'], commands, cli)).toBe(0);
    expect(cli.out()).toContain('hello');
    expect(cli.out()).toContain('fail human');
    const v = io();
    expect(await runCli(['--version'], commands, v)).toBe(0);
    expect(v.out().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs the longest matching command', async () => {
    const cli = io();
    expect(await runCli(['hello'], commands, cli)).toBe(0);
    expect(cli.out()).toBe('hi\n');
  });

  it('reports unknown commands with exit code 2', async () => {
    const cli = io();
    expect(await runCli(['nope'], commands, cli)).toBe(2);
    expect(cli.err()).toContain('unknown command "nope"');
  });

  it('lists a group\'s subcommands for "<group> --help" (exit 0) and a bare group (exit 2), ending with a newline', async () => {
    const help = io();
    expect(await runCli(['fail', '--help'], commands, help)).toBe(0);
    expect(help.out()).toContain('Usage: push-console fail <command> [options]');
    expect(help.out()).toMatch(/fail human\s+Fails kindly\./);
    expect(help.out()).toMatch(/fail crash\s+Crashes\./);
    expect(help.out()).not.toContain('hello');
    expect(help.out().endsWith('\n')).toBe(true);
    const bare = io();
    expect(await runCli(['fail'], commands, bare)).toBe(2);
    expect(bare.err()).toContain('fail human');
    const unknown = io();
    expect(await runCli(['fail', 'nope', '--help'], commands, unknown)).toBe(2);
    expect(unknown.err()).toContain('unknown command "fail nope"');
  });

  it('turns errors into one human line plus hint, never a stack', async () => {
    const human = io();
    expect(await runCli(['fail', 'human'], commands, human)).toBe(1);
    expect(human.err()).toBe('push-console: This .p12 needs a passphrase\n  Pass it with --passphrase-stdin.\n');
    const crash = io();
    expect(await runCli(['fail', 'crash'], commands, crash)).toBe(1);
    expect(crash.err()).not.toMatch(/\n\s+at /);
    expect(crash.err().split('\n').filter(Boolean)).toHaveLength(1);
  });
});
