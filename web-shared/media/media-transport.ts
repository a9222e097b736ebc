import type { Device, types } from 'mediasoup-client';
import type { MediaMethods } from '../../common/signaling/messages';
import type { SignalingClient } from '../../common/signaling/signaling-client';

/** The media negotiation requests; the kiosk's and the doctor's signalling clients both have them. */
export type MediaSignaling = Pick<SignalingClient<MediaMethods, { type: string }>, 'request'>;

/**
 * Loads a Device with the platform's router capabilities. Before the call (a waiting kiosk, a
 * doctor between calls) the platform answers with the capabilities every consultation router has,
 * so the Device is ready when the doctor accepts; inside a call, the room's own.
 */
export async function loadDevice(device: Device, signaling: MediaSignaling): Promise<void> {
  const { rtpCapabilities } = await signaling.request('get-router-capabilities', {});
  await device.load({ routerRtpCapabilities: rtpCapabilities as types.RtpCapabilities });
}

/**
 * A send or receive transport made from the platform's parameters, with its `connect`, `produce`
 * and `producedata` events answered over signalling. The caller adds its own connection-state
 * handling (the kiosk and the console recover differently).
 */
export async function createMediaTransport(
  device: Device,
  signaling: MediaSignaling,
  direction: 'send' | 'recv',
): Promise<types.Transport> {
  const created = await signaling.request('create-transport', { direction });
  const options = {
    id: created.transportId,
    iceParameters: created.iceParameters as types.IceParameters,
    iceCandidates: created.iceCandidates as types.IceCandidate[],
    dtlsParameters: created.dtlsParameters as types.DtlsParameters,
    sctpParameters: (created.sctpParameters ?? undefined) as types.SctpParameters | undefined,
    // TURN with this call's credentials: the way out of a cabin whose firewall drops UDP.
    iceServers: created.iceServers,
  };
  const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signaling
      .request('connect-transport', { transportId: transport.id, dtlsParameters })
      .then(() => callback(), errback);
  });
  if (direction === 'recv') return transport;
  transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    signaling
      .request('produce', {
        transportId: transport.id,
        kind,
        rtpParameters,
        source: appData.source as 'camera' | 'microphone',
      })
      .then(({ producerId }) => callback({ id: producerId }), errback);
  });
  transport.on('producedata', ({ sctpStreamParameters, label, protocol }, callback, errback) => {
    signaling
      .request('produce-data', {
        transportId: transport.id,
        sctpStreamParameters: sctpStreamParameters as never,
        label: label ?? '',
        protocol: protocol ?? '',
      })
      .then(({ dataProducerId }) => callback({ id: dataProducerId }), errback);
  });
  return transport;
}

/**
 * New ICE credentials for a transport after a network change, with fresh TURN credentials first:
 * the ones the transport started with may have expired. Rejects when the platform refuses.
 */
export async function restartTransportIce(signaling: MediaSignaling, transport: types.Transport): Promise<void> {
  const { iceParameters, iceServers } = await signaling.request('restart-ice', { transportId: transport.id });
  await transport.updateIceServers({ iceServers });
  await transport.restartIce({ iceParameters });
}

/** Consumes one of the other side's producers on `recv`, then asks the platform to resume it. */
export async function consumeProducer(
  device: Device,
  signaling: MediaSignaling,
  recv: types.Transport,
  producerId: string,
): Promise<types.Consumer> {
  const result = await signaling.request('consume', {
    transportId: recv.id,
    producerId,
    rtpCapabilities: device.recvRtpCapabilities,
  });
  const consumer = await recv.consume({
    id: result.consumerId,
    producerId: result.producerId,
    kind: result.kind,
    rtpParameters: result.rtpParameters as types.RtpParameters,
  });
  await signaling.request('resume-consumer', { consumerId: consumer.id });
  return consumer;
}
