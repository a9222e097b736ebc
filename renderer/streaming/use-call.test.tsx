import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../common/ipc/contract';
import type { SocketLike } from '../../common/net/socket-connection';
import { KioskApiError } from '../../common/ipc/envelope';
import { ticketError, useCall } from './use-call';
import { TEST_TICKET } from './testing/test-ticket';

const ticket = TEST_TICKET;

/** A platform socket that answers every request (join-queue: position 3). */
function platformSocket(sent: string[]): SocketLike {
  const socket: SocketLike = {
    readyState: 0,
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
    send(data: string) {
      const frame = JSON.parse(data) as { type: string; id: string };
      sent.push(frame.type);
      const result =
        frame.type === 'join-queue'
          ? {
              consultationId: 'c1',
              state: 'waiting',
              position: 3,
              wait: { kind: 'estimate', minutes: 12, doctorsOnDuty: 1 },
              doctor: null,
            }
          : {};
      queueMicrotask(() =>
        socket.onmessage?.({ data: JSON.stringify({ type: 'response', id: frame.id, ok: true, result }) }),
      );
    },
    close() {},
  };
  queueMicrotask(() => {
    (socket as { readyState: number }).readyState = 1;
    socket.onopen?.({});
  });
  return socket;
}

function fakeKiosk(getCallTicket: () => Promise<typeof ticket>) {
  const off = () => () => {};
  return {
    getCallTicket: vi.fn(getCallTicket),
    getFlow: vi.fn(async () => ({ sessionId: ticket.sessionId, identification: { identity: null } })),
    listDevices: vi.fn(async () => []),
    listMediaInputs: vi.fn(async () => []),
    flowSend: vi.fn(async () => ({ accepted: true })),
    onLiveReading: off,
    onPlethReceived: off,
    onMeasurementRecorded: off,
    onDeviceStatusChanged: off,
    onFlowChanged: off,
  } as unknown as KioskApi & { getCallTicket: ReturnType<typeof vi.fn>; flowSend: ReturnType<typeof vi.fn> };
}

const stream = { getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream;

describe('useCall', () => {
  it('does nothing until active, then joins the queue and leaves it on unmount', async () => {
    const kiosk = fakeKiosk(async () => ticket);
    const sent: string[] = [];
    const session = { getUserMedia: async () => stream, createSocket: () => platformSocket(sent) };
    const { result, rerender, unmount } = renderHook(({ active }) => useCall({ active, kiosk, session }), {
      initialProps: { active: false },
    });
    expect(kiosk.getCallTicket).not.toHaveBeenCalled();
    rerender({ active: true });
    await waitFor(() => expect(result.current.state).toBe('waiting'));
    const wait = { kind: 'estimate', minutes: 12, doctorsOnDuty: 1 };
    expect(result.current.queue).toEqual({ position: 3, wait });
    expect(result.current.localStream).toBe(stream);
    expect(kiosk.flowSend).toHaveBeenCalledWith({ type: 'QUEUE_UPDATED', position: 3, wait });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await act(async () => unmount());
      // Left only after the grace period (a next screen could have picked the call up).
      await vi.advanceTimersByTimeAsync(1499);
      expect(sent).toEqual(['join-queue']);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toEqual(['join-queue', 'leave-queue']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps one call across a screen change (unmount, mount of the next screen)', async () => {
    const kiosk = fakeKiosk(async () => ({ ...ticket, sessionId: '0f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e90' }));
    (kiosk.getFlow as ReturnType<typeof vi.fn>).mockResolvedValue({
      sessionId: '0f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e90',
      identification: { identity: null },
    });
    const sent: string[] = [];
    const session = { getUserMedia: async () => stream, createSocket: () => platformSocket(sent) };
    const waitingScreen = renderHook(() => useCall({ active: true, kiosk, session }));
    await waitFor(() => expect(waitingScreen.result.current.state).toBe('waiting'));
    await act(async () => waitingScreen.unmount());
    const consultationScreen = renderHook(() => useCall({ active: true, kiosk, session }));
    await waitFor(() => expect(consultationScreen.result.current.state).toBe('waiting'));
    expect(kiosk.getCallTicket).toHaveBeenCalledTimes(1);
    expect(sent).toEqual(['join-queue']);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await act(async () => consultationScreen.unmount());
      await vi.advanceTimersByTimeAsync(1500);
      expect(sent).toEqual(['join-queue', 'leave-queue']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a failure when the kiosk cannot give a ticket', async () => {
    const kiosk = fakeKiosk(async () => {
      throw new Error('platform-unreachable');
    });
    const { result } = renderHook(() => useCall({ active: true, kiosk }));
    await waitFor(() => expect(result.current).toMatchObject({ state: 'failed', error: 'no-ticket' }));
  });

  it('says the service is unreachable when the platform refused the ticket or cannot be reached', async () => {
    for (const code of ['platform-refused', 'platform-unreachable', 'no-credential']) {
      const kiosk = fakeKiosk(async () => {
        throw new KioskApiError({ code, message: 'refused' });
      });
      const { result, unmount } = renderHook(() => useCall({ active: true, kiosk }));
      await waitFor(() => expect(result.current).toMatchObject({ state: 'failed', error: 'service-unreachable' }));
      unmount();
    }
    expect(ticketError(new KioskApiError({ code: 'no-session', message: 'none' }))).toBe('no-ticket');
  });
});
