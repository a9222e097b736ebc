import { request } from 'node:http';
import type { VitaleControlState } from './control-server';

/** Drives a running virtual card through its control socket (control-server.ts). */
export class VitaleControl {
  constructor(readonly socketPath: string) {}

  state(): Promise<VitaleControlState> {
    return this.#call('GET', '/state');
  }
  insert(): Promise<VitaleControlState> {
    return this.#call('POST', '/insert');
  }
  remove(): Promise<VitaleControlState> {
    return this.#call('POST', '/remove');
  }
  /** Replaces the card by one of another scenario (removal, then insertion if the card was in). */
  setScenario(name: string): Promise<VitaleControlState> {
    return this.#call('POST', `/scenario/${encodeURIComponent(name)}`);
  }

  #call(method: string, path: string): Promise<VitaleControlState> {
    return new Promise((resolve, reject) => {
      const req = request({ socketPath: this.socketPath, method, path, host: 'card' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(body) as VitaleControlState & { error?: string };
          if (res.statusCode === 200) resolve(parsed);
          else reject(new Error(`virtual card control: ${parsed.error ?? res.statusCode}`));
        });
      });
      req.on('error', reject);
      req.end();
    });
  }
}
