import { z } from 'zod';
import type { CalibrationRecord } from '../../common/calibration/calibration-record';
import type { HttpApp } from '../../http/http-server';
import type { RecordsRepository } from '../records/records-repository';
import { PUBLIC_ROUTE_RATE } from './sign-in-route';

const CertificateNumber = z
  .string()
  .regex(/^CAL-\d{8}-[0-9A-F]{8}$/, 'expected a certificate number CAL-YYYYMMDD-XXXXXXXX');

/**
 * `GET /verify/calibration/<certificate number>?t=<check id>` (public, the certificate's QR code,
 * rate-limited): answered from the register the kiosks synced — the device, the check's points and
 * result, its date and due date — for anyone holding the paper to compare. Without the token, with
 * a wrong one, or for a certificate the platform has not received, `{"valid":false}` and nothing
 * else (the same answer each time: nothing to enumerate).
 */
export function registerCalibrationVerifyRoute(app: HttpApp, deps: { records: RecordsRepository }): void {
  app.get(
    '/verify/calibration/:number',
    {
      schema: {
        params: z.object({ number: z.string().max(40) }),
        querystring: z.object({ t: z.string().max(64).optional() }),
      },
      config: { rateLimit: PUBLIC_ROUTE_RATE },
    },
    async (request, reply) => {
      const { number } = request.params;
      const token = request.query.t ?? '';
      const check = CertificateNumber.safeParse(number).success ? await findCheck(deps.records, number, token) : null;
      if (check === null) return reply.code(404).send({ valid: false });
      return { valid: true, ...publicView(check) };
    },
  );
}

async function findCheck(records: RecordsRepository, number: string, id: string): Promise<CalibrationRecord | null> {
  const all = await records.calibrations();
  return all.find((c) => c.id === id && c.certificateNumber === number) ?? null;
}

/** What the certificate states, as the register holds it (no technician's name: the paper has it). */
function publicView(check: CalibrationRecord) {
  return {
    certificateNumber: check.certificateNumber,
    kioskId: check.kioskId,
    device: { model: check.model, modelName: check.modelName, serialNumber: check.serialNumber },
    method: check.method,
    reference: {
      instrument: check.reference.instrument,
      certificateNumber: check.reference.certificateNumber,
    },
    points: check.points,
    ...(check.method === 'static-pressure' && { leakTest: check.leakTest }),
    result: check.result,
    performedAt: check.performedAt,
    validUntil: check.validUntil,
  };
}
