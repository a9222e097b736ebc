import type { MeasurementKind } from '../../../common/devices/kinds';

/** Simple drawings of what to do with each device (decorative: the text says the same). */
export function MeasurementPicture({ kind }: { kind: MeasurementKind }) {
  return (
    <svg className="measure-picture" viewBox="0 0 200 160" width="300" height="240" aria-hidden="true">
      {kind === 'oximetry' && (
        <>
          <rect x="40" y="60" width="120" height="50" rx="20" fill="#f0c8a0" stroke="#333" strokeWidth="3" />
          <rect x="110" y="45" width="60" height="80" rx="12" fill="#0b5cad" />
          <text x="140" y="92" textAnchor="middle" fontSize="18" fill="#fff">
            SpO₂
          </text>
        </>
      )}
      {kind === 'temperature' && (
        <>
          <circle cx="70" cy="80" r="45" fill="#f0c8a0" stroke="#333" strokeWidth="3" />
          <rect x="110" y="70" width="80" height="20" rx="10" fill="#eee" stroke="#333" strokeWidth="3" />
          <circle cx="115" cy="80" r="6" fill="#c00" />
        </>
      )}
      {kind === 'blood-pressure' && (
        <>
          <rect x="20" y="70" width="160" height="40" rx="20" fill="#f0c8a0" stroke="#333" strokeWidth="3" />
          <rect x="50" y="60" width="60" height="60" rx="8" fill="#555" />
          <line x1="80" y1="120" x2="80" y2="150" stroke="#333" strokeWidth="4" />
        </>
      )}
    </svg>
  );
}
