// Whether two lists hold the very same objects in the same order: how the controller's memos (the translation
// memo's index inputs, the kept virtual host JSON) tell that nothing they were built from has changed.
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let at = 0; at < a.length; at++) if (a[at] !== b[at]) return false;
  return true;
}
