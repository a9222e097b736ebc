import { readFileSync } from 'node:fs';
import { SmtpMssanteSender } from '../mail/mssante/mssante-sender';
import { HttpsEPrescriptionService } from '../prescriptions/eprescription/eprescription-service';

/** The environment variables of the e-prescription service and of the platform's MSSanté mailbox. */
export const COMPLIANCE_ENV = {
  ePrescriptionUrl: 'PLATFORM_EPRESCRIPTION_URL',
  ePrescriptionCa: 'PLATFORM_EPRESCRIPTION_CA',
  ePrescriptionCert: 'PLATFORM_EPRESCRIPTION_CERT',
  ePrescriptionKey: 'PLATFORM_EPRESCRIPTION_KEY',
  mssanteSmtp: 'PLATFORM_MSSANTE_SMTP',
  mssanteCert: 'PLATFORM_MSSANTE_CERT',
  mssanteKey: 'PLATFORM_MSSANTE_KEY',
  mssanteCa: 'PLATFORM_MSSANTE_CA',
  mssanteFrom: 'PLATFORM_MSSANTE_FROM',
} as const;

function pemFile(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const path = env[name];
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** PLATFORM_EPRESCRIPTION_URL (https) with its optional CA and client certificate files; null when unset. */
export function ePrescriptionFromEnv(env: NodeJS.ProcessEnv): HttpsEPrescriptionService | null {
  const url = env[COMPLIANCE_ENV.ePrescriptionUrl];
  if (!url) return null;
  const cert = pemFile(env, COMPLIANCE_ENV.ePrescriptionCert);
  const key = pemFile(env, COMPLIANCE_ENV.ePrescriptionKey);
  if (!cert !== !key)
    throw new Error(`${COMPLIANCE_ENV.ePrescriptionCert} / ${COMPLIANCE_ENV.ePrescriptionKey}: set both, or neither`);
  const ca = pemFile(env, COMPLIANCE_ENV.ePrescriptionCa);
  try {
    return new HttpsEPrescriptionService({ url, ...(ca && { ca }), ...(cert && key && { cert, key }) });
  } catch (error) {
    throw new Error(`${COMPLIANCE_ENV.ePrescriptionUrl}: ${(error as Error).message}`);
  }
}

/**
 * PLATFORM_MSSANTE_SMTP as `smtps://host:465` (TLS from the start) or `smtp://host:587` (STARTTLS
 * required), with the platform's certificate and key (required: MSSanté authenticates the sender
 * by certificate), an optional CA and the From address; null when unset.
 */
export function mssanteFromEnv(env: NodeJS.ProcessEnv): SmtpMssanteSender | null {
  const smtp = env[COMPLIANCE_ENV.mssanteSmtp];
  if (!smtp) return null;
  const url = /^(smtps?):\/\/([^:/]+):(\d+)\/?$/.exec(smtp);
  if (!url) throw new Error(`${COMPLIANCE_ENV.mssanteSmtp}: expected smtps://host:465 or smtp://host:587`);
  const cert = pemFile(env, COMPLIANCE_ENV.mssanteCert);
  const key = pemFile(env, COMPLIANCE_ENV.mssanteKey);
  const from = env[COMPLIANCE_ENV.mssanteFrom];
  if (!cert || !key || !from)
    throw new Error(
      `${COMPLIANCE_ENV.mssanteSmtp}: also set ${COMPLIANCE_ENV.mssanteCert}, ${COMPLIANCE_ENV.mssanteKey} and ${COMPLIANCE_ENV.mssanteFrom}`,
    );
  const ca = pemFile(env, COMPLIANCE_ENV.mssanteCa);
  return new SmtpMssanteSender({
    host: url[2]!,
    port: Number(url[3]),
    implicitTls: url[1] === 'smtps',
    cert,
    key,
    ...(ca && { ca }),
    from,
  });
}
