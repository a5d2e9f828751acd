// Whether two lists hold the same items in the same order (===): link, the change's reach and the
// search stage compare id and path lists this way, thousands of times a build.
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
