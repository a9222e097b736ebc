import { z } from 'zod';
import { PAPER_FORMATS } from '../common/printing/print-state';
import { Territory } from '../common/routing/territory';
import { DEVICE_CATALOGUE, DEVICE_MODEL_IDS } from '../drivers/catalogue/device-catalogue';

/**
 * The kiosk's configuration, one schema for every site. Parsed once at start-up (load.ts) and then
 * passed around as a value. Every field says what it is for; a bad value stops start-up with a
 * message naming the field and what was expected.
 */

/** A simulator started by `npm start` / e2e in place of the real device (development only). */
const Simulator = z.object({
  /** Named scenario of the simulator, e.g. "normal", "low-spo2", "finger-out". */
  scenario: z.string().min(1).default('normal'),
});

const DeviceBase = {
  /** Stable id used in logs, the maintenance register and the technician screens, e.g. "oximeter-1". */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, e.g. "oximeter-1"'),
  model: z.enum(DEVICE_MODEL_IDS),
  /** Serial number as printed on the device (for the register and the doctor's panel). */
  serialNumber: z.string().max(64).optional(),
  simulator: Simulator.optional(),
};

const SerialDevice = z.object({
  ...DeviceBase,
  transport: z.literal('serial'),
  /** Device path, e.g. /dev/serial/by-id/... or the udev symlink /dev/kiosk-oximeter. */
  port: z.string().min(1),
  /** Overrides the protocol's own line rate; only for adapters that need it. */
  baudRate: z
    .union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)])
    .optional(),
  /** Oximeters: seconds SpO2 and pulse must hold steady (±2 %, ±5 bpm) before the spot check is final (default 5). */
  stableHoldSeconds: z.number().min(1).max(60).optional(),
});

const HidDevice = z.object({
  ...DeviceBase,
  transport: z.literal('hid'),
  /** USB vendor id as 4 hex digits, e.g. "0590" for Omron. */
  vendorId: z.string().regex(/^[0-9a-f]{4}$/i, '4 hex digits, e.g. "0590"'),
  productId: z.string().regex(/^[0-9a-f]{4}$/i, '4 hex digits, e.g. "0090"'),
  /** hidraw path when several identical devices are attached; else the first match is used. */
  path: z.string().optional(),
});

const PcscDevice = z.object({
  ...DeviceBase,
  transport: z.literal('pcsc'),
  /** Substring of the PC/SC reader name to use; empty means the first reader. */
  readerName: z.string().default(''),
});

const UsbAudioDevice = z.object({
  ...DeviceBase,
  transport: z.literal('usb-audio'),
  /** USB ids as `lsusb` shows them; required when the catalogue has none for the model. */
  vendorId: z
    .string()
    .regex(/^[0-9a-f]{4}$/i, '4 hex digits, e.g. "1d6b"')
    .optional(),
  productId: z
    .string()
    .regex(/^[0-9a-f]{4}$/i, '4 hex digits, e.g. "0104"')
    .optional(),
  /** Part of the capture device's label that picks it (instead of the catalogue's), e.g. "Thinklabs". */
  label: z.string().trim().min(1).max(100).optional(),
});

/** A UVC examination camera: found as the USB audio input is, by USB ids and label. */
const UvcCameraDevice = UsbAudioDevice.extend({ transport: z.literal('uvc-camera') });

export const DeviceConfig = z
  .discriminatedUnion('transport', [SerialDevice, HidDevice, PcscDevice, UsbAudioDevice, UvcCameraDevice])
  .superRefine((device, ctx) => {
    const { transport } = DEVICE_CATALOGUE[device.model];
    const expected = transport.type;
    if (expected !== device.transport) {
      ctx.addIssue({
        code: 'custom',
        path: ['transport'],
        message: `model ${device.model} is a ${expected} device, not ${device.transport}`,
      });
    }
    // Without ids the kiosk could not tell the device is plugged in; a simulated one needs none.
    const catalogueUsb = 'usb' in transport ? transport.usb : undefined;
    const byUsbIds = device.transport === 'usb-audio' || device.transport === 'uvc-camera';
    if (byUsbIds && catalogueUsb === null && device.simulator === undefined)
      for (const field of ['vendorId', 'productId'] as const)
        if (device[field] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `model ${device.model} has no USB ids in the catalogue: give the ${field} lsusb shows (4 hex digits)`,
          });
  });
export type DeviceConfig = z.infer<typeof DeviceConfig>;

/** scrypt hash as written by `kioskctl pin hash`: scrypt$N$r$p$saltBase64$hashBase64. */
const PinHash = z
  .string()
  .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'a hash from "kioskctl pin hash"');

const Language = z.enum(['fr', 'en', 'es', 'ar']);

export const KioskConfig = z
  .object({
    /** Identifies this kiosk to the platform and in exports, e.g. "pharmacie-centrale-cabine-1". */
    kioskId: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'lower-case letters, digits and dashes (3–64)'),
    site: z.object({
      pharmacyName: z.string().min(1),
      /** FINESS or internal number of the pharmacy, shown on prescriptions and exports. */
      pharmacyId: z.string().min(1),
      /**
       * The pharmacy's département code, e.g. "75" or "2A": its patients wait in the live queue of
       * that territory, for the doctors who serve it.
       */
      territory: Territory,
    }),
    platform: z.object({
      /** Base URL of the platform (signalling, records). http(s) or ws(s). */
      url: z.url({ protocol: /^(https?|wss?)$/ }),
      /** File holding this kiosk's platform credential (never in the config itself). */
      credentialFile: z.string().min(1),
      /**
       * PEM file of a certificate authority trusted for the platform's https/wss besides the
       * system's (a pharmacy chain's private PKI, a test CA). Checked at load (kiosk-config/load.ts).
       */
      caFile: z.string().min(1).optional(),
    }),
    languages: z
      .object({
        default: Language.default('fr'),
        available: z.array(Language).min(1).default(['fr', 'en', 'es', 'ar']),
      })
      .refine((l) => l.available.includes(l.default), {
        message: 'the default language must be among the available ones',
        path: ['default'],
      }),
    timeouts: z.object({
      /** Seconds without a touch before "are you still there?". */
      idleWarningSeconds: z.number().int().min(15).max(600).default(60),
      /** Seconds after the warning before the session is wiped and welcome returns. */
      idleWipeSeconds: z.number().int().min(10).max(300).default(30),
    }),
    /** The patient flow's settings (main/flow/delays.ts holds the whole table of delays). */
    flow: z
      .object({
        /** Seated rest before blood pressure; 180–300 in the field (PRODUCT.md), shorter in tests. */
        bloodPressureRestSeconds: z.number().int().min(0).max(600).default(180),
        /** SpO2 settling countdown shown while the probe holds (PRODUCT.md: 10–60 s). */
        spo2SettlingSeconds: z.number().int().min(0).max(120).default(20),
        /** Version of the consent text the screens show; recorded with every answer. */
        consentTextVersion: z.string().min(1).max(40).default('2026-11-v1'),
        /** True: the hygiene checklist must be confirmed before the first patient after a start. */
        hygieneCheckAtStart: z.boolean().default(false),
      })
      .prefault({}),
    /** The technician's calibration wizards. */
    maintenance: z
      .object({
        /**
         * The blood-pressure leak test's hold (s); the procedure's own (60 s, drivers/catalogue) when
         * absent. Shorter only in tests: the certificate prints the hold actually timed.
         */
        leakTestHoldSeconds: z.number().int().min(5).max(600).optional(),
        /**
         * How long a device on a technician's new port or model has to give a frame that decodes
         * before the change is refused and the old settings kept (the diagnostics screen says it).
         */
        deviceTrialSeconds: z.number().int().min(2).max(60).default(10),
      })
      .prefault({}),
    /**
     * The pharmacist's PIN hashes. `technician` is no longer read: technicians sign in with their
     * own account issued on the platform (issue 19); it is accepted so an older config still loads.
     */
    pinHashes: z.object({
      pharmacist: z.array(PinHash).min(1),
      technician: z.array(PinHash).optional(),
    }),
    retention: z.object({
      /** Minutes after the platform's acknowledgement and the session's end before local purge. */
      purgeAfterAckMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .default(10),
      /** The maintenance register and calibration records are kept this long (regulatory: 5). */
      maintenanceRegisterYears: z.number().int().min(5).max(30).default(5),
    }),
    storage: z.object({
      /** Folder for the encrypted SQLite store. */
      dataDir: z.string().min(1),
      /** File holding the store's encryption key (created 0600 on first start if missing). */
      keyFile: z.string().min(1),
    }),
    devices: z.array(DeviceConfig),
    /**
     * The cabin's printer for the prescription, by IPP (a CUPS queue, e.g.
     * "ipp://localhost:631/printers/cabine", or an IPP Everywhere printer). Absent: no printing is
     * offered and the end screen says where to get the document (e-mail, the pharmacist).
     */
    printer: z
      .object({
        uri: z.url({ protocol: /^ipps?$/, error: 'an ipp:// or ipps:// printer URI' }),
        /** The paper loaded: A4 sheets or an 80 mm receipt roll (the platform lays the page out for it). */
        paper: z.enum(PAPER_FORMATS).default('a4'),
      })
      .optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.devices.forEach((device, index) => {
      if (seen.has(device.id)) {
        ctx.addIssue({ code: 'custom', path: ['devices', index, 'id'], message: `duplicate device id "${device.id}"` });
      }
      seen.add(device.id);
    });
  });
export type KioskConfig = z.infer<typeof KioskConfig>;
