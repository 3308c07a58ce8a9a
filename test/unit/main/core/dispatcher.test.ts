import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../../main/core/api/dispatcher';
import { AppError } from '../../../../shared/errors';

const info = {
  name: 'Push Console',
  version: '1.2.3',
  mode: 'browser' as const,
  platform: 'linux',
  keychain: { state: 'available' as const, message: 'Secret Service' },
  dataDir: '/tmp/d',
  workspaceDir: '/tmp/w',
};

function makeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => info,
    echo: (input) => ({ text: input.text }),
    ...overrides,
  } as Handlers;
}

const trusted = { transport: 'test', trusted: true } as const;

describe('dispatcher', () => {
  it('answers a valid call with ok and the parsed value', async () => {
    const dispatch = createDispatcher(makeHandlers());
    expect(await dispatch('echo', { text: 'hi' }, trusted)).toEqual({ ok: true, value: { text: 'hi' } });
  });

  it('rejects input that does not match the schema, naming the field', async () => {
    const dispatch = createDispatcher(makeHandlers());
    const result = await dispatch('echo', { text: 42 }, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toMatch(/^Invalid input for echo: text: /);
  });

  it('rejects unexpected extra fields on strict inputs', async () => {
    const dispatch = createDispatcher(makeHandlers());
    const result = await dispatch('app.info', { sneaky: true }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('rejects unknown methods, including prototype names', async () => {
    const dispatch = createDispatcher(makeHandlers());
    for (const name of ['nope', 'toString', '__proto__', 42]) {
      const result = await dispatch(name, {}, trusted);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('refuses untrusted senders before looking at the call', async () => {
    let called = false;
    const dispatch = createDispatcher(
      makeHandlers({
        echo: (input) => {
          called = true;
          return { text: input.text };
        },
      }),
    );
    const result = await dispatch('echo', { text: 'x' }, { transport: 'ipc', trusted: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(called).toBe(false);
  });

  it('passes AppError code, message and hint through unchanged', async () => {
    const dispatch = createDispatcher(
      makeHandlers({
        echo: () => {
          throw new AppError('CREDENTIAL_INVALID', 'This .p12 needs a passphrase', 'Enter it and try again.');
        },
      }),
    );
    expect(await dispatch('echo', { text: 'x' }, trusted)).toEqual({
      ok: false,
      error: { code: 'CREDENTIAL_INVALID', message: 'This .p12 needs a passphrase', hint: 'Enter it and try again.' },
    });
  });

  it('turns thrown errors into INTERNAL with no stack or original message', async () => {
    const lines: string[] = [];
    const dispatch = createDispatcher(
      makeHandlers({
        echo: () => {
          throw new TypeError('cannot read properties of undefined (secret-ish detail)');
        },
      }),
      (line) => lines.push(line),
    );
    const result = await dispatch('echo', { text: 'x' }, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(text).not.toContain('secret-ish');
    expect(lines.join('\n')).toContain('echo failed');
  });

  it('strips fields a handler returns beyond the contract', async () => {
    const dispatch = createDispatcher(
      makeHandlers({ echo: (input) => ({ text: input.text, privateKey: 'LEAK' }) as unknown as { text: string } }),
    );
    const result = await dispatch('echo', { text: 'x' }, trusted);
    expect(JSON.stringify(result)).not.toContain('LEAK');
  });

  it('reports a contract-breaking answer as INTERNAL', async () => {
    const dispatch = createDispatcher(makeHandlers({ echo: () => ({ text: 5 }) as unknown as { text: string } }));
    expect(await dispatch('echo', { text: 'x' }, trusted)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
