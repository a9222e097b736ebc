import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH } from '../support/chromium';

/** Runs a command, throwing with its stderr (the reason) when it fails. */
export function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')}: ${e.stderr?.trim() || e.message}`);
  }
}

/** A command inside a namespace. */
export const inNs = (ns: string, command: string, args: string[]) => run('ip', ['netns', 'exec', ns, command, ...args]);

/** The three hosts of the test network and their private addresses on one bridged segment. */
export interface TestNetwork {
  readonly platform: { ns: string; ip: string };
  readonly kiosk: { ns: string; ip: string; device: string };
  readonly doctor: { ns: string; ip: string };
  /** The platform side's end of the kiosk's link (to shape what the kiosk receives). */
  readonly kioskLinkOnPlatform: string;
  /** The test's own folder (scripts, rule files). */
  readonly scratchDir: string;
  /** A script that runs Chromium inside a namespace (Playwright's executablePath). */
  chromiumIn(ns: string): string;
  /** Deletes the namespaces (their links go with them). */
  destroy(): void;
}

const SUBNET = '10.77.0';

/**
 * Creates three network namespaces with unique names — "platform", "kiosk", "doctor" — the kiosk's
 * and the doctor's each joined to a bridge in the platform's by a veth pair, addresses in
 * 10.77.0.0/24 (private, and only ever inside these namespaces). Links are created directly in
 * their namespaces: nothing is added to the host's own network. On any failure what was created is
 * deleted again.
 */
export function createTestNetwork(scratchDir: string): TestNetwork {
  const id = randomBytes(3).toString('hex');
  const names = { platform: `e2e-plat-${id}`, kiosk: `e2e-kiosk-${id}`, doctor: `e2e-doc-${id}` };
  const created: string[] = [];
  const destroy = () => {
    for (const ns of created.splice(0)) {
      try {
        run('ip', ['netns', 'del', ns]);
      } catch {
        // Already gone.
      }
    }
  };
  try {
    for (const ns of Object.values(names)) {
      run('ip', ['netns', 'add', ns]);
      created.push(ns);
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    const p = names.platform;
    run('ip', ['-n', p, 'link', 'add', 'br0', 'type', 'bridge']);
    run('ip', ['-n', p, 'addr', 'add', `${SUBNET}.1/24`, 'dev', 'br0']);
    run('ip', ['-n', p, 'link', 'set', 'br0', 'up']);
    const join = (ns: string, device: string, bridgePort: string, ip: string) => {
      run('ip', ['link', 'add', device, 'netns', ns, 'type', 'veth', 'peer', 'name', bridgePort, 'netns', p]);
      run('ip', ['-n', p, 'link', 'set', bridgePort, 'master', 'br0']);
      run('ip', ['-n', p, 'link', 'set', bridgePort, 'up']);
      run('ip', ['-n', ns, 'addr', 'add', `${ip}/24`, 'dev', device]);
      run('ip', ['-n', ns, 'link', 'set', device, 'up']);
    };
    join(names.kiosk, 'kiosk0', 'to-kiosk', `${SUBNET}.2`);
    join(names.doctor, 'doctor0', 'to-doctor', `${SUBNET}.3`);
  } catch (error) {
    destroy();
    throw error;
  }
  return {
    platform: { ns: names.platform, ip: `${SUBNET}.1` },
    kiosk: { ns: names.kiosk, ip: `${SUBNET}.2`, device: 'kiosk0' },
    doctor: { ns: names.doctor, ip: `${SUBNET}.3` },
    kioskLinkOnPlatform: 'to-kiosk',
    scratchDir,
    chromiumIn(ns: string) {
      const script = join(scratchDir, `chromium-${ns}.sh`);
      writeFileSync(script, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM_PATH} "$@"\n`);
      chmodSync(script, 0o755);
      return script;
    },
    destroy,
  };
}

/**
 * The pharmacy's firewall on the kiosk: nothing leaves but TCP to the platform's HTTPS-like port and
 * TURN's TLS port; every UDP datagram (and any other TCP, e.g. the SFU's own TCP candidates) dropped.
 */
export function firewallKiosk(net: TestNetwork, allowedTcpPorts: number[]): void {
  const rules = [
    'table inet pharmacy {',
    '  chain output {',
    '    type filter hook output priority 0; policy accept;',
    '    oif "lo" accept',
    `    ip daddr ${SUBNET}.0/24 tcp dport { ${allowedTcpPorts.join(', ')} } accept`,
    '    meta l4proto udp counter drop',
    '    meta l4proto tcp counter drop',
    '  }',
    '}',
  ].join('\n');
  const file = join(net.scratchDir, 'kiosk-firewall.nft');
  writeFileSync(file, `${rules}\n`);
  inNs(net.kiosk.ns, 'nft', ['-f', file]);
}

/** Packets the kiosk's firewall dropped, by protocol (proof the direct paths were tried and refused). */
export function droppedByFirewall(net: TestNetwork): { udp: number; tcp: number } {
  const listing = inNs(net.kiosk.ns, 'nft', ['list', 'table', 'inet', 'pharmacy']);
  const count = (proto: string) =>
    Number(new RegExp(`l4proto ${proto} counter packets (\\d+)`).exec(listing)?.[1] ?? Number.NaN);
  return { udp: count('udp'), tcp: count('tcp') };
}

/** Limits the kiosk's link to `rate` both ways with a token bucket (tbf). */
export function limitKioskLink(net: TestNetwork, rate: string): void {
  const tbf = ['root', 'tbf', 'rate', rate, 'burst', '32kbit', 'latency', '200ms'];
  run('ip', ['netns', 'exec', net.kiosk.ns, 'tc', 'qdisc', 'add', 'dev', net.kiosk.device, ...tbf]);
  run('ip', ['netns', 'exec', net.platform.ns, 'tc', 'qdisc', 'add', 'dev', net.kioskLinkOnPlatform, ...tbf]);
}
