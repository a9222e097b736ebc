/**
 * The commands a Carte Vitale 2 is read with (PROTOCOLS.md §4.2, after cardpeek's vitale_2.lua):
 * CLA 00, SELECT by AID (P1 04) and by file id (P1 02), READ BINARY by offset.
 */

/** D2 50 00 00 02 + "VITALE": the application holding the pointers file and the identity. */
export const VITALE_AID = Uint8Array.of(0xd2, 0x50, 0x00, 0x00, 0x02, 0x56, 0x49, 0x54, 0x41, 0x4c, 0x45);
/** D2 50 00 00 02 + "MF_VITALE". */
export const VITALE_MF_AID = Uint8Array.of(
  0xd2,
  0x50,
  0x00,
  0x00,
  0x02,
  0x4d,
  0x46,
  0x5f,
  0x56,
  0x49,
  0x54,
  0x41,
  0x4c,
  0x45,
);
/** EF 2001 of the VITALE application: where the other files are (the "pointers"). */
export const EF_POINTERS = 0x2001;

/** Bytes per READ BINARY: Le 00 asks for 256; a T=0 card answers 6Cxx when fewer remain. */
export const READ_CHUNK = 256;

export const INS_SELECT = 0xa4;
export const INS_READ_BINARY = 0xb0;

export function selectAid(aid: Uint8Array): Uint8Array {
  return Uint8Array.of(0x00, INS_SELECT, 0x04, 0x00, aid.length, ...aid);
}

export function selectEf(id: number): Uint8Array {
  return Uint8Array.of(0x00, INS_SELECT, 0x02, 0x00, 0x02, id >> 8, id & 0xff);
}

/** READ BINARY at `offset` (15 bits: P1 bit 8 set would mean a short file id instead). */
export function readBinary(offset: number): Uint8Array {
  return Uint8Array.of(0x00, INS_READ_BINARY, (offset >> 8) & 0x7f, offset & 0xff, 0x00);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
