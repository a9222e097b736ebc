import type { types } from 'mediasoup';
import type { MediaNetwork } from './media-network';

/** Codecs of every consultation router: Opus for the voice, VP8 and H264 for the video. */
export const MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 600 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/**
 * WebRTC transports, UDP first then TCP (a cabin behind a UDP-hostile network still passes over
 * TCP, or over TURN): on the worker's WebRtcServer when there is one (one port for every
 * transport), otherwise each on its own port from the range. Where they listen and what they
 * announce come from the platform's media configuration (media-network.ts).
 */
export function transportOptions(
  network: MediaNetwork,
  webRtcServer: types.WebRtcServer | undefined,
): types.WebRtcTransportOptions {
  const common = {
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    enableSctp: true,
    maxSendMessageSize: 262144,
    maxReceiveMessageSize: 262144,
    initialAvailableOutgoingBitrate: 600_000,
  };
  if (webRtcServer) return { webRtcServer, ...common };
  const { listenIp: ip, announcedAddress, ports } = network;
  const portRange = ports.kind === 'range' ? { min: ports.min, max: ports.max } : undefined;
  return {
    listenInfos: [
      { protocol: 'udp', ip, announcedAddress, portRange },
      { protocol: 'tcp', ip, announcedAddress, portRange },
    ],
    ...common,
  };
}

/** The WebRtcServer of worker `index` when the media use one port (port + index: one per worker). */
export function webRtcServerOptions(network: MediaNetwork, index: number): types.WebRtcServerOptions | null {
  if (network.ports.kind !== 'server') return null;
  const { listenIp: ip, announcedAddress } = network;
  const port = network.ports.port + index;
  return {
    listenInfos: [
      { protocol: 'udp', ip, announcedAddress, port },
      { protocol: 'tcp', ip, announcedAddress, port },
    ],
  };
}
