import type { CalibrationRecord, MeasuredPoint } from '../../common/calibration/calibration-record';
import { QUANTITY_UNIT } from '../../common/calibration/calibration-record';

/** What a certificate says of one method: its title, how the check was made, one row per point. */
export interface MethodText {
  title: string;
  method: [string, string][];
  header: string[];
  rows: string[][];
}

export const verdict = (passed: boolean) => (passed ? 'Conforme' : 'Non conforme');
const number = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
const signed = (n: number) => (n > 0 ? `+${number(n)}` : number(n === 0 ? 0 : n));
const QUANTITY_LABEL: Record<MeasuredPoint['quantity'], string> = {
  pressure: 'Pression',
  temperature: 'Température',
  spo2: 'SpO2',
  'pulse-rate': 'Pouls',
};

/** The certificate's text of the record's method, in French. */
export function methodText(record: CalibrationRecord): MethodText {
  switch (record.method) {
    case 'static-pressure': {
      const leak = record.leakTest;
      return {
        title: "Certificat de vérification d'étalonnage — tensiomètre",
        method: [
          ['Contrôle', 'pression statique comparée à un manomètre de référence, puis test de fuite'],
          ["Valeur de l'appareil", 'lue sur son afficheur en mode contrôle (son interface USB ne la transmet pas)'],
        ],
        header: ['Point (mmHg)', 'Référence', 'Appareil', 'Écart', 'Tolérance', 'Résultat'],
        rows: [
          ...record.points.map((p) => [
            String(p.nominalMmHg),
            String(p.referenceMmHg),
            String(p.deviceMmHg),
            signed(p.errorMmHg),
            `±${p.toleranceMmHg}`,
            verdict(p.passed),
          ]),
          [
            `Fuite ${leak.startMmHg}`,
            `${leak.startMmHg} puis ${leak.endMmHg}`,
            `en ${leak.heldSeconds} s`,
            signed(-leak.dropMmHg),
            `max ${number(leak.maxDropMmHg)}`,
            verdict(leak.passed),
          ],
        ],
      };
    }
    case 'reference-temperature':
      return measured(record.points, 'thermomètre', [
        ['Contrôle', 'sonde plongée dans un bain de référence à chaque point, comparée au thermomètre de référence'],
        ["Valeur de l'appareil", 'lue par la borne dans son protocole (lecture finale de la sonde)'],
      ]);
    case 'simulator-points':
      return measured(record.points, 'oxymètre', [
        ['Contrôle', 'capteur posé sur un simulateur patient réglé à chaque point (SpO2 et pouls)'],
        ["Valeur de l'appareil", 'lue par la borne dans son protocole (mesure stable)'],
      ]);
  }
}

function measured(points: readonly MeasuredPoint[], device: string, method: [string, string][]): MethodText {
  return {
    title: `Certificat de vérification d'étalonnage — ${device}`,
    method,
    header: ['Point', 'Référence', 'Appareil', 'Écart', 'Tolérance', 'Résultat'],
    rows: points.map((p) => {
      const unit = QUANTITY_UNIT[p.quantity];
      return [
        `${QUANTITY_LABEL[p.quantity]} ${number(p.nominal)} ${unit}`,
        number(p.reference),
        number(p.device),
        signed(p.error),
        `±${number(p.tolerance)}`,
        verdict(p.passed),
      ];
    }),
  };
}
