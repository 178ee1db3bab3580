// Reads the headers of the icon formats the installers use, so package-check can say what a file really holds
// (not just that it exists): PNG width/height, the images inside an .icns and an .ico.

/** Width and height of a PNG, or null when the bytes are not a PNG. */
export function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Pixel size of each ICNS chunk type that png2icons and Apple's iconutil write (retina types count their pixels). */
const ICNS_TYPES = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };

/** The chunk types and pixel sizes inside an .icns file; throws when the container is malformed. */
export function icnsEntries(bytes) {
  if (bytes.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS file (no icns magic)');
  const total = bytes.readUInt32BE(4);
  if (total !== bytes.length) throw new Error(`ICNS length field ${total} != file size ${bytes.length}`);
  const entries = [];
  for (let at = 8; at < total;) {
    const type = bytes.toString('latin1', at, at + 4);
    const length = bytes.readUInt32BE(at + 4);
    if (length < 8 || at + length > total) throw new Error(`ICNS chunk ${type} at ${at} has a bad length ${length}`);
    if (type in ICNS_TYPES) entries.push({ type, size: ICNS_TYPES[type], png: pngSize(bytes.subarray(at + 8, at + length)) !== null });
    at += length;
  }
  return entries;
}

/** The images inside an .ico file (width/height 0 in the directory means 256); throws when malformed. */
export function icoEntries(bytes) {
  if (bytes.length < 6 || bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = bytes.readUInt16LE(4);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 16;
    const size = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    if (offset + size > bytes.length) throw new Error(`ICO image ${i} runs past the end of the file`);
    entries.push({ width: bytes[at] || 256, height: bytes[at + 1] || 256, png: pngSize(bytes.subarray(offset, offset + size)) !== null });
  }
  return entries;
}
