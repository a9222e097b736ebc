import { describe, expect, it } from 'vitest';
import { mediaNetworkFromEnv } from './media-network';

const read = (env: Record<string, string>, host = '127.0.0.1') => mediaNetworkFromEnv(env, host);
const errorOf = (env: Record<string, string>, host = '127.0.0.1') => {
  try {
    read(env, host);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('media network configuration', () => {
  it('stays on loopback with the default port range when nothing is set', () => {
    expect(read({})).toEqual({
      listenIp: '127.0.0.1',
      announcedAddress: undefined,
      ports: { kind: 'range', min: 40000, max: 49999 },
    });
  });

  it('takes a listen address, an announced host name and a port range', () => {
    expect(
      read({
        PLATFORM_MEDIA_LISTEN_IP: '0.0.0.0',
        PLATFORM_MEDIA_ANNOUNCED_ADDRESS: 'media.example.org',
        PLATFORM_MEDIA_PORTS: '50000-50100',
      }),
    ).toEqual({
      listenIp: '0.0.0.0',
      announcedAddress: 'media.example.org',
      ports: { kind: 'range', min: 50000, max: 50100 },
    });
  });

  it('takes one WebRtcServer port and follows the platform host by default', () => {
    expect(read({ PLATFORM_MEDIA_ANNOUNCED_ADDRESS: '203.0.113.7', PLATFORM_MEDIA_PORT: '3479' }, '10.0.0.5')).toEqual({
      listenIp: '10.0.0.5',
      announcedAddress: '203.0.113.7',
      ports: { kind: 'server', port: 3479 },
    });
  });

  it('refuses a listen address other than loopback without an announced address', () => {
    expect(errorOf({ PLATFORM_MEDIA_LISTEN_IP: '0.0.0.0' })).toMatch(
      /PLATFORM_MEDIA_ANNOUNCED_ADDRESS: required when the media listen on 0\.0\.0\.0/,
    );
    expect(errorOf({}, '198.51.100.4')).toMatch(/PLATFORM_MEDIA_ANNOUNCED_ADDRESS: required .* 198\.51\.100\.4/);
  });

  it('names every wrong value in one error', () => {
    const message = errorOf({
      PLATFORM_MEDIA_LISTEN_IP: 'eth0',
      PLATFORM_MEDIA_ANNOUNCED_ADDRESS: 'not a host!',
      PLATFORM_MEDIA_PORTS: '50000-40000',
    });
    expect(message).toContain('PLATFORM_MEDIA_LISTEN_IP: expected an IP address, got "eth0"');
    expect(message).toContain(
      'PLATFORM_MEDIA_ANNOUNCED_ADDRESS: expected an IP address or a host name, got "not a host!"',
    );
    expect(message).toContain('PLATFORM_MEDIA_PORTS: expected <min>-<max>');
    expect(errorOf({ PLATFORM_MEDIA_PORTS: '40000-41000', PLATFORM_MEDIA_PORT: '3479' })).toContain('not both');
    expect(errorOf({ PLATFORM_MEDIA_PORT: '80' })).toContain(
      'PLATFORM_MEDIA_PORT: expected a port 1024–65535, got "80"',
    );
    expect(errorOf({ PLATFORM_MEDIA_ANNOUNCED_ADDRESS: '0.0.0.0' })).toContain('not an address clients can reach');
  });
});
