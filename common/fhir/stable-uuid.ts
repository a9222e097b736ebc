/**
 * A deterministic UUID-shaped id from a name (four FNV-1a lanes; version nibble 8, "custom", and
 * the RFC variant), so the same consultation always exports the same `urn:uuid:` references.
 * Not a cryptographic hash: it only has to be unique within one export. Pure, for browser and Node.
 */
export function stableUuid(name: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  let hex = '';
  for (let lane = 0; lane < 4; lane++) {
    let h = lanes[lane]! ^ lane;
    for (let i = 0; i < name.length; i++) {
      h ^= name.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
