// Bytes → text. UTF-8 (with or without BOM) and UTF-16 with BOM are decoded exactly; bytes that are
// not valid UTF-8 fall back to Windows-1252 (a superset of Latin-1 for printable text), with a warning.

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' }
  | { ok: false; reason: string; fix: string };

/** Share of control characters above which a file is treated as binary. */
const BINARY_CONTROL_RATIO = 0.02;

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  if (looksBinary(bytes)) {
    return { ok: false, reason: 'looks like a binary file, not text', fix: 'save the article as plain text (.txt) or markdown (.md)' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

// Node's TextDecoder reads 'windows-1252' as ISO-8859-1, which leaves 0x80–0x9F as control
// characters; Windows-1252 puts curly quotes, dashes and € there (the WHATWG table).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return out;
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    return { ok: false, reason: `starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}`, fix: 'save the file again as UTF-8' };
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return sample.length > 0 && control / sample.length > BINARY_CONTROL_RATIO;
}
