import { createServer, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import { sleep, systemClock } from '../../../common/util/clock';
import { VITALE_SCENARIOS, isVitaleScenario } from './scenarios';
import { VirtualVitaleCard } from './virtual-vitale';
import type { VpcdLink } from './vpcd-link';

/** pcscd polls vpcd's presence every 0.4 s (PCSCLITE_STATUS_POLL_RATE): two polls and a margin. */
const REMOVAL_SEEN_MS = 1_000;

/** What GET /state answers (and every POST, after acting). */
export interface VitaleControlState {
  scenario: string;
  inserted: boolean;
  scenarios: string[];
}

/**
 * The simulator's control, HTTP on a Unix socket in the runtime dir (a file path reaches the
 * simulator whatever network namespace it runs in, and nothing listens on TCP):
 *   GET  /state             → VitaleControlState
 *   POST /insert            → the card goes in
 *   POST /remove            → the card comes out (answered once pcscd has seen it, ≈ 1 s)
 *   POST /scenario/<name>   → another card (one of VITALE_SCENARIOS) replaces the current one
 *                             (out, then in again ≈ 1 s later, if a card was in)
 * e.g. `curl --unix-socket $KIOSK_RUNTIME_DIR/vitale-control.sock -X POST http://card/remove`.
 */
export function startControlServer(link: VpcdLink, socketPath: string): Promise<Server> {
  const state = (): VitaleControlState => ({
    scenario: link.scenarioName,
    inserted: link.inserted,
    scenarios: Object.keys(VITALE_SCENARIOS),
  });
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = request.url ?? '/';
    if (request.method === 'GET' && url === '/state') return reply(200, state());
    if (request.method !== 'POST') return reply(405, { error: 'use GET /state or POST' });
    const wasIn = link.inserted;
    if (url === '/insert') link.insert();
    else if (url === '/remove') link.remove();
    else if (url.startsWith('/scenario/')) {
      const name = decodeURIComponent(url.slice('/scenario/'.length));
      if (!isVitaleScenario(name))
        return reply(404, { error: `unknown scenario "${name}"`, scenarios: Object.keys(VITALE_SCENARIOS) });
      link.replace(new VirtualVitaleCard(name));
    } else return reply(404, { error: `unknown action ${url}` });
    // A card taken out is seen by pcscd at its next presence poll: answer once that has happened,
    // so whoever asked can rely on PC/SC clients seeing the reader empty.
    if (wasIn && !link.inserted) void sleep(systemClock, REMOVAL_SEEN_MS).then(() => reply(200, state()));
    else reply(200, state());
  });
  rmSync(socketPath, { force: true });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(server));
  });
}
