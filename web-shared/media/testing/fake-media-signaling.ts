import * as fakeParameters from 'mediasoup-client/fakeParameters';

/**
 * The platform's answers to the media requests, canned from mediasoup-client's fake parameters
 * (for a Device on its FakeHandler). Each transport and ICE restart gets a TURN server with a
 * credential of its own, as the platform mints them. `refuseRestart`: restart-ice is refused.
 */
export function fakeMediaAnswers(options: { refuseRestart?: boolean } = {}): Record<string, () => unknown> {
  let n = 0;
  let minted = 0;
  const turn = () => [
    { urls: ['turns:turn.test:443?transport=tcp'], username: `${++minted}:c1-kiosk`, credential: 'x' },
  ];
  return {
    'get-router-capabilities': () => ({ rtpCapabilities: fakeParameters.generateRouterRtpCapabilities() }),
    'create-transport': () => {
      const { id, sctpParameters, ...ice } = fakeParameters.generateTransportRemoteParameters();
      return { transportId: id, ...ice, sctpParameters: sctpParameters ?? null, iceServers: turn() };
    },
    'connect-transport': () => ({}),
    produce: () => ({ producerId: `p${++n}` }),
    'produce-data': () => ({ dataProducerId: `d${++n}` }),
    consume: () => {
      const c = fakeParameters.generateConsumerRemoteParameters({ codecMimeType: 'audio/opus' });
      return { consumerId: c.id, producerId: c.producerId, kind: c.kind, rtpParameters: c.rtpParameters };
    },
    'resume-consumer': () => ({}),
    // A data channel of the 'vitals' protocol.
    'consume-data': () => {
      const d = fakeParameters.generateDataConsumerRemoteParameters();
      return {
        dataConsumerId: d.id,
        dataProducerId: d.dataProducerId,
        sctpStreamParameters: d.sctpStreamParameters,
        label: 'vitals-live',
        protocol: 'vitals',
      };
    },
    'list-producers': () => ({ producers: [], dataProducers: [] }),
    'restart-ice': () => {
      if (options.refuseRestart) throw new Error('not-found');
      return { iceParameters: fakeParameters.generateTransportRemoteParameters().iceParameters, iceServers: turn() };
    },
    'close-producer': () => ({}),
  };
}

/** A stand-in for the platform's media negotiation: canned mediasoup answers, every request recorded. */
export function fakeMediaSignaling<S>(options: { refuseRestart?: boolean } = {}) {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const answers = fakeMediaAnswers(options);
  const signaling = {
    request: async (method: string, params: Record<string, unknown>) => {
      calls.push({ method, params });
      return answers[method]!();
    },
  } as unknown as S;
  return { signaling, calls, methods: () => calls.map((c) => c.method) };
}

/** A camera or microphone track as far as mediasoup-client's FakeHandler looks at it. */
export function fakeTrack(kind: 'audio' | 'video'): MediaStreamTrack {
  return {
    id: `${kind}-1`,
    kind,
    readyState: 'live',
    enabled: true,
    addEventListener: () => {},
    removeEventListener: () => {},
    stop: () => {},
    clone() {
      return this;
    },
  } as unknown as MediaStreamTrack;
}
