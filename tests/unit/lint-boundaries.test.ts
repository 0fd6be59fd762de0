import { ESLint } from 'eslint';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering rules in eslint.config.js, run through ESLint's own API on code written here and
 * linted as if it lived at the given path (the files need not exist). A violation must be reported
 * by a boundary rule; a legal import must come back with no message at all.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BOUNDARY_RULES = ['no-restricted-imports', 'no-restricted-syntax'];
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function lint(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

async function expectViolation(path: string, code: string, says: RegExp) {
  const messages = await lint(path, code);
  expect(messages).toHaveLength(1);
  expect(BOUNDARY_RULES).toContain(messages[0]!.ruleId);
  expect(messages[0]!.message).toMatch(says);
}

describe('layering (eslint.config.js)', () => {
  it('renderer → signaling internals is refused, statically and dynamically', async () => {
    await expectViolation(
      'renderer/stores/probe.ts',
      "import { CallStore } from '../../signaling/calls/store.js';\nexport const s = CallStore;\n",
      /renderer imports from signaling\/ only the wire protocol/,
    );
    await expectViolation(
      'renderer/ui/common/probe.tsx',
      "export const load = () => import('../../../signaling/db/database.js');\n",
      /renderer imports from signaling\/ only the wire protocol/,
    );
    // A detour through the protocol folder is still signaling/calls.
    await expectViolation(
      'renderer/probe.ts',
      "export { CallStore } from '../signaling/protocol/../calls/store.js';\n",
      /renderer imports from signaling\/ only the wire protocol/,
    );
  });

  it('renderer → the wire protocol is allowed', async () => {
    expect(
      await lint(
        'renderer/stores/probe.ts',
        [
          "import { Id } from '../../signaling/protocol.js';",
          "import { presenceImpliedByReply } from '../../signaling/protocol/calls.js';",
          'export const used = [Id, presenceImpliedByReply];',
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('renderer → electron/ only for the bridge contract', async () => {
    expect(
      await lint(
        'renderer/platform/probe.ts',
        "import { OutboxItem, type OnCallBridge } from '../../electron/bridge-contract.js';\nexport const o = OutboxItem;\nexport type B = OnCallBridge;\n",
      ),
    ).toEqual([]);
    await expectViolation(
      'renderer/platform/probe.ts',
      "import { registerBridgeHandlers } from '../../electron/ipc-handlers.js';\nexport const r = registerBridgeHandlers;\n",
      /renderer imports from electron\/ only the bridge contract/,
    );
  });

  it('the bridge contract imports only zod and the wire protocol (it is bundled into the renderer)', async () => {
    await expectViolation(
      'electron/bridge-contract.ts',
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
      /imports only zod and the wire protocol/,
    );
    await expectViolation(
      'electron/bridge-contract.ts',
      "import { handleValidated } from './ipc-guard.js';\nexport const h = handleValidated;\n",
      /imports only zod and the wire protocol/,
    );
    expect(
      await lint(
        'electron/bridge-contract.ts',
        "import { z } from 'zod';\nimport { Id } from '../signaling/protocol/common.js';\nexport const x = z.tuple([Id]);\n",
      ),
    ).toEqual([]);
  });

  it('signaling → renderer or electron is refused', async () => {
    await expectViolation(
      'signaling/calls/probe.ts',
      "import { useApp } from '../../renderer/stores/app.js';\nexport const u = useApp;\n",
      /signaling server never imports the clients/,
    );
    await expectViolation(
      'signaling/probe.ts',
      "import { buildCsp } from '../electron/csp.js';\nexport const c = buildCsp;\n",
      /signaling server never imports the clients/,
    );
    // Not even the bridge contract: the server has no use for the desktop bridge.
    await expectViolation(
      'signaling/protocol/probe.ts',
      "export type { OnCallBridge } from '../../electron/bridge-contract.js';\n",
      /signaling server never imports the clients/,
    );
  });

  it('electron → renderer is refused; electron → its own modules and the protocol are allowed', async () => {
    await expectViolation(
      'electron/probe.ts',
      "import { platform } from '../renderer/platform/index.js';\nexport const p = platform;\n",
      /desktop shell never imports renderer\//,
    );
    expect(
      await lint(
        'electron/probe.ts',
        "import { buildCsp } from './csp.js';\nimport { Id } from '../signaling/protocol.js';\nexport const x = [buildCsp, Id];\n",
      ),
    ).toEqual([]);
  });

  it('tests may import anything', async () => {
    expect(
      await lint(
        'tests/unit/probe.test.ts',
        "import { CallStore } from '../../signaling/calls/store.js';\nimport { platform } from '../../renderer/platform/index.js';\nexport const x = [CallStore, platform];\n",
      ),
    ).toEqual([]);
  });
});
