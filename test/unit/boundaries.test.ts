import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function restrictedMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('process boundaries enforced by lint', () => {
  it('keeps shared/ free of Node, Electron and the DOM', async () => {
    expect(
      await restrictedMessages('shared/probe.ts', "import { readFile } from 'node:fs';\nvoid readFile;\n"),
    ).toHaveLength(1);
    expect(await restrictedMessages('shared/probe.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
    expect(await restrictedMessages('shared/probe.ts', 'export const w = window.innerWidth;\n')).toHaveLength(1);
    expect(await restrictedMessages('shared/probe.ts', "import { z } from 'zod';\nvoid z;\n")).toHaveLength(0);
  });

  it('holds for the contract split into shared/contract/, by module name, not path segment', async () => {
    const probe = 'shared/contract/probe.ts';
    expect(
      await restrictedMessages(probe, "import { EventEmitter } from 'events';\nvoid EventEmitter;\n"),
    ).toHaveLength(1);
    expect(await restrictedMessages(probe, "import { readFile } from 'fs/promises';\nvoid readFile;\n")).toHaveLength(
      1,
    );
    expect(await restrictedMessages(probe, "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
    expect(await restrictedMessages(probe, "import { x } from '../../main/core/core';\nvoid x;\n")).toHaveLength(1);
    expect(await restrictedMessages(probe, 'export const w = document.title;\n')).toHaveLength(1);
    // The contract's own events.ts is not the Node built-in of that name.
    expect(await restrictedMessages(probe, "import { events } from './events';\nvoid events;\n")).toHaveLength(0);
    expect(
      await restrictedMessages(
        'renderer/probe.ts',
        "import { events } from '../shared/contract/events';\nvoid events;\n",
      ),
    ).toHaveLength(0);
  });

  it('keeps renderer/ away from main/ and Electron', async () => {
    expect(
      await restrictedMessages(
        'renderer/probe.ts',
        "import { createCore } from '../main/core/core';\nvoid createCore;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedMessages('renderer/probe.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedMessages('renderer/probe.ts', "import { calls } from '../shared/contract';\nvoid calls;\n"),
    ).toHaveLength(0);
  });

  it('keeps main/core at the bottom of main/, at every folder depth', async () => {
    const probe = async (file: string, from: string) =>
      (await restrictedMessages(file, `import { x } from '${from}';\nvoid x;\n`)).filter((m) =>
        m.includes('main/core imports nothing above it'),
      );
    expect(await probe('main/core/probe.ts', '../emulators/admin-client')).toHaveLength(1);
    expect(await probe('main/core/probe.ts', '../local')).toHaveLength(1);
    expect(await probe('main/core/probe.ts', '../cli/send-support')).toHaveLength(1);
    expect(await probe('main/core/probe.ts', '../server/server')).toHaveLength(1);
    expect(await probe('main/core/probe.ts', '../electron/main')).toHaveLength(1);
    expect(await probe('main/core/api/probe.ts', '../../emulators/registry')).toHaveLength(1);
    expect(await probe('main/core/api/probe.ts', '../../local/sandbox')).toHaveLength(1);
    expect(await probe('main/core/providers/apns/probe.ts', '../../../emulators/apns')).toHaveLength(1);
    expect(await probe('main/core/api/probe.ts', '../../../main/cli/commands')).toHaveLength(1);
    // The core's own local/ folder (local-env, local-services) is not main/local.
    expect(await probe('main/core/probe.ts', './local/local-env')).toHaveLength(0);
    expect(await probe('main/core/api/probe.ts', '../local/local-services')).toHaveLength(0);
    expect(await probe('main/core/providers/apns/probe.ts', '../../local/local-env')).toHaveLength(0);
    // The rule is for the core only: the layers above it may import each other and the core.
    expect(await probe('main/local/probe.ts', '../emulators/run')).toHaveLength(0);
    expect(await probe('main/cli/probe.ts', '../local')).toHaveLength(0);
    // The rules main/ already had still hold inside main/core.
    expect(
      await restrictedMessages(
        'main/core/api/probe.ts',
        "import { App } from '../../../renderer/app/App';\nvoid App;\n",
      ),
    ).toHaveLength(1);
  });

  it('keeps renderer/state/ below renderer/features/, with the renderer rules still in force', async () => {
    const probe = 'renderer/state/probe.ts';
    expect(
      await restrictedMessages(
        probe,
        "import { ComposeScreen } from '../features/compose/ComposeScreen';\nvoid ComposeScreen;\n",
      ),
    ).toEqual([expect.stringMatching(/renderer\/state\/ may not import renderer\/features\//)]);
    expect(
      await restrictedMessages(probe, "import { createCore } from '../../main/core/core';\nvoid createCore;\n"),
    ).toHaveLength(1);
    expect(await restrictedMessages(probe, "import { readFile } from 'node:fs';\nvoid readFile;\n")).toHaveLength(1);
    expect(
      await restrictedMessages(probe, "import { providerSpec } from '../../shared/providers';\nvoid providerSpec;\n"),
    ).toHaveLength(0);
    expect(
      await restrictedMessages(
        'renderer/features/compose/probe.ts',
        "import { useComposer } from '../../state/composer';\nvoid useComposer;\n",
      ),
    ).toHaveLength(0);
  });

  it('lets only main/electron/ import electron, and raw IPC only in the adapter', async () => {
    expect(await restrictedMessages('main/core/probe.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(
      1,
    );
    expect(
      await restrictedMessages('main/electron/probe.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedMessages('main/electron/probe.ts', "import { app } from 'electron';\nvoid app;\n"),
    ).toHaveLength(0);
    expect(
      await restrictedMessages('main/electron/ipc-adapter.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n"),
    ).toHaveLength(0);
  });
});
