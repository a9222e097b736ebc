import { findTlv, type Tlv } from './ber-tlv';

/** One file EF 2001 points to: the application it lives in and its id. */
export interface VitaleFileRef {
  aid: Uint8Array;
  ef: number;
  /** The 8-character label the card gives it (informative only). */
  label: string;
}

/**
 * Reads the pointers file (cardpeek's create_card_map): `E0 { A0 { 82 … } 80 … }` where each 82
 * is an application — entry id (2 bytes), 2 bytes not interpreted, then the AID — and each 80
 * after A0 is a file — 8-byte label, entry id (2 bytes), EF id (2 bytes). Entries that are too
 * short or name an unknown application are skipped: a partial map still lets the reader try.
 */
export function parsePointers(tlvs: readonly Tlv[]): VitaleFileRef[] {
  const root = findTlv(tlvs, 0xe0);
  if (!root?.children) return [];
  const apps = new Map<number, Uint8Array>();
  for (const app of findTlv(root.children, 0xa0)?.children ?? []) {
    if (app.tag !== 0x82 || app.value.length < 5) continue;
    apps.set((app.value[0]! << 8) | app.value[1]!, app.value.slice(4));
  }
  const files: VitaleFileRef[] = [];
  for (const file of root.children) {
    if (file.tag !== 0x80 || file.value.length < 12) continue;
    const aid = apps.get((file.value[8]! << 8) | file.value[9]!);
    if (!aid) continue;
    const label = String.fromCharCode(...file.value.slice(0, 8))
      .replace(/[^\x20-\x7e]/g, '')
      .trim();
    files.push({ aid, ef: (file.value[10]! << 8) | file.value[11]!, label });
  }
  return files;
}
