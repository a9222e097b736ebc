import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/util/testing/manual-clock';
import { CommandQueue, CommandQueueClosedError, CommandTimeoutError } from './command-queue';

type Reply = { to: string };

function setup() {
  const clock = new ManualClock();
  const written: string[] = [];
  const queue = new CommandQueue<Reply>(
    async (bytes) => {
      written.push(new TextDecoder().decode(bytes));
    },
    clock,
    '/dev/ttyTest',
  );
  const send = (name: string, timeoutMs = 500) =>
    queue.send({ name, bytes: new TextEncoder().encode(name), timeoutMs, matches: (r) => r.to === name });
  return { clock, written, queue, send };
}

describe('CommandQueue', () => {
  it('keeps one command in flight and resolves each with its own reply', async () => {
    const { queue, written, send } = setup();
    const a = send('a');
    const b = send('b');
    await Promise.resolve();
    expect(written).toEqual(['a']);
    expect(queue.size).toBe(2);
    expect(queue.offer({ to: 'b' })).toBe(false); // not b's turn yet
    expect(queue.offer({ to: 'a' })).toBe(true);
    await expect(a).resolves.toEqual({ to: 'a' });
    expect(written).toEqual(['a', 'b']);
    queue.offer({ to: 'b' });
    await expect(b).resolves.toEqual({ to: 'b' });
    expect(queue.size).toBe(0);
  });

  it('names the command, the port and the wait in its timeout, then moves on', async () => {
    const { clock, written, send } = setup();
    const a = send('read temperature record', 300);
    const b = send('b');
    clock.advance(299);
    clock.advance(1);
    await expect(a).rejects.toThrow(new CommandTimeoutError('read temperature record', 300, '/dev/ttyTest'));
    await expect(a).rejects.toThrow('command "read temperature record" on /dev/ttyTest got no reply after 300 ms');
    expect(written).toEqual(['read temperature record', 'b']);
    void b.catch(() => undefined);
  });

  it('rejects what is queued when closed, and later sends at once', async () => {
    const { queue, send } = setup();
    const a = send('a');
    const b = send('b');
    queue.close('port closed');
    await expect(a).rejects.toBeInstanceOf(CommandQueueClosedError);
    await expect(b).rejects.toThrow('command "b" abandoned: port closed');
    await expect(send('c')).rejects.toThrow('abandoned');
  });

  it('rejects with the write error and sends the next one', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const queue = new CommandQueue<Reply>(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('EIO');
      },
      clock,
      'p',
    );
    const a = queue.send({ name: 'a', bytes: new Uint8Array(1), timeoutMs: 100, matches: () => true });
    const b = queue.send({ name: 'b', bytes: new Uint8Array(1), timeoutMs: 100, matches: () => true });
    await expect(a).rejects.toThrow('EIO');
    expect(calls).toBe(2);
    queue.offer({ to: 'b' });
    await expect(b).resolves.toEqual({ to: 'b' });
  });
});
