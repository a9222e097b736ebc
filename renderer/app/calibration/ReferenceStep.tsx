import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalibrationReference } from '../../../common/calibration/calibration-record';
import type { CalibrationProcedureView } from '../../../common/calibration/calibration-wizard';
import { useTypedFields } from './use-typed-fields';

/** "05112027" as typed → "05/11/2027" as shown. */
const asDate = (digits: string) =>
  [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 8)].filter(Boolean).join('/');

/** "DDMMYYYY" → "YYYY-MM-DD" when it is a real calendar day, else null. */
export function isoDateOf(digits: string): string | null {
  if (!/^\d{8}$/.test(digits)) return null;
  const iso = `${digits.slice(4, 8)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}

/** The reference instrument and its own calibration certificate (traceability of the check). */
export function ReferenceStep({
  method,
  onSubmit,
}: {
  method: CalibrationProcedureView['method'];
  onSubmit: (reference: CalibrationReference) => void;
}) {
  const { t } = useTranslation();
  const form = useTypedFields(
    {
      instrument: { max: 80 },
      serialNumber: { max: 64 },
      certificateNumber: { max: 64 },
      validUntil: { max: 8, digits: true },
    },
    'instrument',
  );
  const [dateError, setDateError] = useState(false);
  const { instrument, serialNumber, certificateNumber, validUntil } = form.values;
  const complete =
    [instrument, serialNumber, certificateNumber].every((v) => v.trim() !== '') && validUntil.length === 8;
  const submit = () => {
    const iso = isoDateOf(validUntil);
    setDateError(iso === null);
    if (iso === null) return;
    onSubmit({
      instrument: instrument.trim(),
      serialNumber: serialNumber.trim(),
      certificateNumber: certificateNumber.trim(),
      certificateValidUntil: iso,
    });
  };
  return (
    <>
      <h3>{t(`calibration.method.${method}.reference`)}</h3>
      <p>{t(`calibration.method.${method}.intro`)}</p>
      {form.field('instrument', t('calibration.reference.instrument'))}
      {form.field('serialNumber', t('calibration.reference.serialNumber'))}
      {form.field('certificateNumber', t('calibration.reference.certificateNumber'))}
      {form.field('validUntil', t('calibration.reference.validUntil'), t('calibration.reference.dateHint'), asDate)}
      {dateError && (
        <p className="error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('calibration.reference.badDate')}
        </p>
      )}
      {form.keyboard}
      <button type="button" className="primary" disabled={!complete} onClick={submit}>
        {t('calibration.continue')}
      </button>
    </>
  );
}
