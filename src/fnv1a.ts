/** Where 32-bit FNV-1a starts: fnv1a(text) is fnv1aOn(FNV1A_START, text). */
export const FNV1A_START = 0x811c9dc5;

/** 32-bit FNV-1a: a fixed, fast spread of text over numbers (not for security). */
export function fnv1a(text: string): number {
  return fnv1aOn(FNV1A_START, text);
}

/** The hash of what `hash` was made of followed by `text`: fnv1a(a + b) is fnv1aOn(fnv1a(a), b), with no string a + b made. */
export function fnv1aOn(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
