// @ts-check
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The import direction of DESIGN.md, checked on every import:
 *   common ← drivers ← main ; common ← web-shared ← renderer, console, portal ; common ← http ← server ;
 *   http ← main ; only main/electron imports electron.
 * kiosk-config may import drivers: a configured device's model is checked against the device
 * catalogue (drivers/catalogue), the one list of models; only main and the tools import the config.
 * A layer is read from the file's path (longest prefix wins); `allow` lists the layers it may import
 * by relative path, `browser` layers may not import Node built-ins.
 */
export const LAYERS = [
  { name: 'common', prefix: 'common/', allow: ['common'], browser: true },
  { name: 'http', prefix: 'http/', allow: ['common', 'http'] },
  { name: 'kiosk-config', prefix: 'kiosk-config/', allow: ['common', 'drivers', 'kiosk-config'] },
  { name: 'drivers', prefix: 'drivers/', allow: ['common', 'drivers'] },
  {
    name: 'main/electron',
    prefix: 'main/electron/',
    allow: ['common', 'drivers', 'kiosk-config', 'http', 'main', 'main/electron'],
    electron: true,
  },
  { name: 'main', prefix: 'main/', allow: ['common', 'drivers', 'kiosk-config', 'http', 'main'] },
  { name: 'web-shared', prefix: 'web-shared/', allow: ['common', 'web-shared'], browser: true },
  { name: 'renderer', prefix: 'renderer/', allow: ['common', 'web-shared', 'renderer'], browser: true },
  { name: 'console', prefix: 'console/', allow: ['common', 'web-shared', 'console'], browser: true },
  { name: 'server', prefix: 'server/', allow: ['common', 'http', 'server'] },
  { name: 'portal', prefix: 'portal/', allow: ['common', 'web-shared', 'portal'], browser: true },
  { name: 'e2e', prefix: 'e2e/', allow: ['*'] },
  { name: 'scripts', prefix: 'scripts/', allow: ['*'] },
  { name: 'bench', prefix: 'bench/', allow: ['*'] },
];

const builtins = new Set(builtinModules);

/** @param {string} path repo-relative, forward slashes */
export function layerOf(path) {
  const candidates = LAYERS.filter((l) => path.startsWith(l.prefix));
  candidates.sort((a, b) => b.prefix.length - a.prefix.length);
  return candidates[0];
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import direction between the kiosk layers (DESIGN.md)' },
    schema: [],
    messages: {
      layer: '{{from}} may not import from {{to}} ({{source}}); allowed: {{allowed}}.',
      electron: "Only main/electron/ may import 'electron' ({{from}} does).",
      builtin: "{{from}} runs in the browser and may not import the Node built-in '{{source}}'.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename).split(sep).join('/');
    const layer = layerOf(file);
    if (!layer) return {};

    /** @param {any} node @param {string} source */
    function check(node, source) {
      if (source === 'electron' || source.startsWith('electron/')) {
        if (!layer.electron) context.report({ node, messageId: 'electron', data: { from: layer.name } });
        return;
      }
      if (layer.browser && (source.startsWith('node:') || builtins.has(source.split('/')[0] ?? ''))) {
        context.report({ node, messageId: 'builtin', data: { from: layer.name, source } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source))
        .split(sep)
        .join('/');
      const targetLayer = layerOf(`${target}/`) ?? layerOf(target);
      if (!targetLayer || layer.allow.includes('*') || layer.allow.includes(targetLayer.name)) return;
      context.report({
        node,
        messageId: 'layer',
        data: { from: layer.name, to: targetLayer.name, source, allowed: layer.allow.join(', ') },
      });
    }

    return {
      ImportDeclaration: (node) => check(node, String(node.source.value)),
      ExportAllDeclaration: (node) => check(node, String(node.source.value)),
      ExportNamedDeclaration: (node) => node.source && check(node, String(node.source.value)),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, String(node.source.value)),
    };
  },
};

export default { rules: { layering: layeringRule } };
