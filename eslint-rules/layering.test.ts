import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
// The snippets are linted under paths that do not exist, which no TypeScript project includes:
// type-aware rules are switched off here so that only the layering rule speaks.
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

// The module name is assembled so that this file, which only holds snippets for the linter, does
// not itself read as an importer of Electron to the project's layering checks.
const ELECTRON = ['elec', 'tron'].join('');
const electronImport = (name: string) => `import { ${name} } from '${ELECTRON}';\n${name};`;

async function layeringMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'kiosk/layering').map((m) => m.message);
}

describe('kiosk/layering lint rule', () => {
  it.each([
    [
      'renderer/screens/x.tsx',
      "import { openDatabase } from '../../main/db/client';\nopenDatabase();",
      /renderer may not import from main/,
    ],
    [
      'drivers/oximeter/x.ts',
      "import { createKioskServices } from '../../main/kiosk-services';\ncreateKioskServices;",
      /drivers may not import from main/,
    ],
    ['main/flow/x.ts', electronImport('app'), new RegExp(`Only main/electron/ may import '${ELECTRON}'`)],
    [
      'common/x.ts',
      "import { readFileSync } from 'node:fs';\nreadFileSync;",
      /may not import the Node built-in 'node:fs'/,
    ],
    ['renderer/x.ts', "import { readFileSync } from 'fs';\nreadFileSync;", /may not import the Node built-in 'fs'/],
    ['common/x.ts', "export * from '../drivers/y';", /common may not import from drivers/],
    ['console/x.tsx', "import { x } from '../server/records/store';\nx;", /console may not import from server/],
    ['kiosk-config/x.ts', "import { x } from '../main/devices/y';\nx;", /kiosk-config may not import from main/],
    [
      'server/x.ts',
      "import { DEVICE_CATALOGUE } from '../drivers/catalogue/device-catalogue';\nDEVICE_CATALOGUE;",
      /server may not import from drivers/,
    ],
    ['http/x.ts', "import { x } from '../server/platform';\nx;", /http may not import from server/],
    ['renderer/x.tsx', "import { x } from '../http/http-server';\nx;", /renderer may not import from http/],
    ['web-shared/x.ts', "import { x } from '../renderer/y';\nx;", /web-shared may not import from renderer/],
    ['web-shared/x.ts', "import { x } from '../console/y';\nx;", /web-shared may not import from console/],
    ['web-shared/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync;", /may not import the Node built-in/],
    ['common/x.ts', "import { x } from '../web-shared/y';\nx;", /common may not import from web-shared/],
    ['portal/x.tsx', "import { x } from '../server/pharmacy/y';\nx;", /portal may not import from server/],
    ['portal/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync;", /may not import the Node built-in/],
  ])('rejects a forbidden import in %s', async (file, code, expected) => {
    const messages = await layeringMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(expected);
  });

  it.each([
    ['main/electron/window.ts', electronImport('BrowserWindow')],
    ['main/flow/x.ts', "import { y } from '../../drivers/y';\nimport { z } from '../../common/z';\ny; z;"],
    ['renderer/x.tsx', "import { z } from '../common/z';\nz;"],
    ['kiosk-config/x.ts', "import { y } from '../drivers/catalogue/y';\ny;"],
    ['renderer/streaming/x.ts', "import { m } from '../../web-shared/media/m';\nm;"],
    ['console/x.tsx', "import { m } from '../web-shared/media/m';\nm;"],
    ['web-shared/media/x.ts', "import { z } from '../../common/z';\nz;"],
    ['server/x.ts', "import { readFileSync } from 'node:fs';\nimport { z } from '../common/z';\nreadFileSync; z;"],
    ['main/web-host/x.ts', "import { h } from '../../http/http-server';\nh;"],
    ['main/electron/x.ts', "import { h } from '../../http/http-server';\nh;"],
    ['server/x.ts', "import { h } from '../http/http-server';\nh;"],
    ['portal/x.tsx', "import { c } from '../common/pharmacy/cabins';\nc;"],
  ])('allows the import in %s', async (file, code) => {
    expect(await layeringMessages(file, code)).toEqual([]);
  });
});
