/**
 * Device preferences (such as the language) live in localStorage, read before the app starts;
 * like every browser storage, localStorage is reached only through src/app/db.
 */
export function preferenceStorage(): Storage | undefined {
  return globalThis.localStorage;
}
