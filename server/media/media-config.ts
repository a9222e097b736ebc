import type { types } from 'mediasoup';

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
 * WebRTC transports listen on one address, UDP first then TCP (a cabin behind a UDP-hostile
 * network still passes over TCP). Here 127.0.0.1, announced as such; a deployment sets
 * PLATFORM_MEDIA_IP / PLATFORM_ANNOUNCED_IP.
 */
export function transportOptions(listenIp: string, announcedAddress: string): types.WebRtcTransportOptions {
  return {
    listenInfos: [
      { protocol: 'udp', ip: listenIp, announcedAddress },
      { protocol: 'tcp', ip: listenIp, announcedAddress },
    ],
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    enableSctp: true,
    maxSendMessageSize: 262144,
    maxReceiveMessageSize: 262144,
    initialAvailableOutgoingBitrate: 600_000,
  };
}
