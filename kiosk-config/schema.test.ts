import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig, parseConfig } from './load';

const env = { KIOSK_RUNTIME_DIR: '/tmp/rt', KIOSK_DATA_DIR: '/tmp/data' };
const defaultRaw = () => JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown>;

describe('kiosk config', () => {
  it('accepts the default config and expands the runtime variables', () => {
    const config = loadConfig(DEFAULT_CONFIG_PATH, env);
    expect(config.languages.default).toBe('fr');
    const oximeter = config.devices.find((d) => d.id === 'oximeter-1');
    expect(oximeter).toMatchObject({ transport: 'serial', port: '/tmp/rt/ttyOximeter' });
  });

  it('accepts the example site config for real hardware', () => {
    const config = loadConfig(resolve(import.meta.dirname, 'sites/example-pharmacy.json'), {});
    expect(config.devices.every((d) => d.simulator === undefined)).toBe(true);
  });

  it('takes an IPP printer (A4 by default), refuses another scheme naming the field, and none is no printer', () => {
    const raw = { ...defaultRaw(), printer: { uri: 'ipp://localhost:631/printers/cabine' } };
    expect(parseConfig(raw, 'test.json', env).printer).toEqual({
      uri: 'ipp://localhost:631/printers/cabine',
      paper: 'a4',
    });
    const bad = { ...defaultRaw(), printer: { uri: 'http://printer/', paper: 'a4' } };
    expect(() => parseConfig(bad, 'test.json', env)).toThrowError(/printer\.uri: an ipp:\/\/ or ipps:\/\/ printer URI/);
    const roll = { ...defaultRaw(), printer: { uri: 'ipps://printer.local/ipp/print', paper: 'letter' } };
    expect(() => parseConfig(roll, 'test.json', env)).toThrowError(/printer\.paper/);
    expect(loadConfig(DEFAULT_CONFIG_PATH, env).printer).toBeUndefined();
  });

  it('names the field and the expected values of a bad device model', () => {
    const raw = defaultRaw();
    (raw.devices as Array<Record<string, unknown>>)[0]!.model = 'acme-oxi';
    expect(() => parseConfig(raw, 'test.json', env)).toThrowError(/devices\.0\.model: .*contec-cms50-v7/);
  });

  it('refuses a model on the wrong transport and duplicate ids', () => {
    const raw = defaultRaw();
    const devices = raw.devices as Array<Record<string, unknown>>;
    devices[0]!.model = 'omron-hem790it';
    devices[1]!.id = devices[2]!.id;
    const message = (() => {
      try {
        parseConfig(raw, 'test.json', env);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    })();
    expect(message).toContain('devices.0.transport: model omron-hem790it is a hid device, not serial');
    expect(message).toContain('devices.2.id: duplicate device id "bp-1"');
  });

  it('needs the pharmacy’s territory, a département code, and names it when wrong', () => {
    expect(loadConfig(DEFAULT_CONFIG_PATH, env).site.territory).toBe('75');
    const raw = defaultRaw();
    const site = raw.site as Record<string, unknown>;
    site.territory = '20';
    expect(() => parseConfig(raw, 'test.json', env)).toThrowError(/site\.territory: a département code/);
    delete site.territory;
    expect(() => parseConfig(raw, 'test.json', env)).toThrowError(/site\.territory/);
  });

  it('wants the USB ids of a stethoscope the catalogue has none for, unless it is simulated', () => {
    const raw = defaultRaw();
    const devices = raw.devices as Array<Record<string, unknown>>;
    const stethoscope = devices.find((d) => d.model === 'usb-audio-stethoscope')!;
    expect(stethoscope.simulator).toBeDefined();
    expect(() => parseConfig(raw, 'test.json', env)).not.toThrow();
    delete stethoscope.simulator;
    const index = devices.indexOf(stethoscope);
    expect(() => parseConfig(raw, 'test.json', env)).toThrowError(
      new RegExp(`devices\\.${index}\\.vendorId: model usb-audio-stethoscope has no USB ids in the catalogue`),
    );
    Object.assign(stethoscope, { vendorId: '0d8c', productId: '0014', label: 'USB Audio Device' });
    expect(parseConfig(raw, 'test.json', env).devices[index]).toMatchObject({
      transport: 'usb-audio',
      label: 'USB Audio Device',
    });
  });

  it('says which variable is missing', () => {
    expect(() => parseConfig(defaultRaw(), 'x', {})).toThrowError(/\$\{KIOSK_DATA_DIR\} but it is not set/);
  });

  it('says when the file is not JSON', () => {
    expect(() => loadConfig(resolve(import.meta.dirname, 'schema.ts'), env)).toThrowError(/is not valid JSON/);
  });
});

describe('platform.caFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-ca-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const withCaFile = (caFile: string) => {
    const raw = defaultRaw();
    raw.platform = { ...(raw.platform as object), caFile };
    return raw;
  };

  // Parsed only, never used to connect: a fixed certificate (no key kept) does.
  const testCa = resolve(import.meta.dirname, 'testing/test-ca.pem');

  it('accepts a PEM certificate authority and keeps only its path', () => {
    const config = parseConfig(withCaFile(testCa), 'test.json', env);
    expect(config.platform.caFile).toBe(testCa);
  });

  it('names the field and the path of a file that does not exist', () => {
    const missing = join(dir, 'no-such-ca.pem');
    expect(() => parseConfig(withCaFile(missing), 'test.json', env)).toThrowError(
      new ConfigError(`Invalid kiosk config test.json:\n  - platform.caFile: cannot read ${missing} (ENOENT)`),
    );
  });

  it('refuses a file without a PEM certificate, e.g. a key given in its place', () => {
    const key = join(dir, 'key.pem');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEG\n-----END PRIVATE KEY-----\n');
    expect(() => parseConfig(withCaFile(key), 'test.json', env)).toThrowError(
      `platform.caFile: ${key} holds no PEM certificate`,
    );
  });

  it('refuses a damaged certificate', () => {
    const damaged = join(dir, 'damaged.pem');
    writeFileSync(damaged, '-----BEGIN CERTIFICATE-----\nMIIBnotacertificate\n-----END CERTIFICATE-----\n');
    expect(() => parseConfig(withCaFile(damaged), 'test.json', env)).toThrowError(
      `platform.caFile: certificate 1 in ${damaged} is not a valid X.509 certificate`,
    );
  });

  it('refuses an empty path like any other field', () => {
    expect(() => parseConfig(withCaFile(''), 'test.json', env)).toThrowError(/platform\.caFile: /);
  });
});
