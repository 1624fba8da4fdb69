/**
 * Keyed collections that hold outside data (alert fingerprints) are plain JSON objects, so a key such as
 * `__proto__`, `constructor` or `toString` must never reach the prototype: reads see own properties
 * only, writes define own properties (even one named `__proto__`, which JSON keeps as an ordinary key).
 */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
