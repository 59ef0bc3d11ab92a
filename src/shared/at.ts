/**
 * The element at `index` of a list the caller knows is long enough (a one-row result, one notification per
 * recipient, a regular-expression group that always takes part). With `noUncheckedIndexedAccess` an index
 * reads `T | undefined`; this says "known present" once and fails loudly, naming `what`, if it is not,
 * instead of letting `undefined` travel on. Negative indexes count from the end, as `Array.prototype.at`.
 */
export function at<T>(list: ArrayLike<T>, index: number, what = 'element'): T {
  const value = index < 0 ? list[list.length + index] : list[index];
  if (value === undefined) throw new Error(`Expected ${what} at index ${index}, but the list has ${list.length}`);
  return value;
}
