/**
 * The PostgreSQL store's URL as people see it: checked at start (a clear error for a bad one) and
 * never shown with its password (`postgres://wallrun:***@db:5432/wallrun`), in logs and errors alike.
 */

/** `text` with the password of any postgres:// URL in it replaced by ***. */
export function redactUrl(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@/\s]*@/gi, '$1***@');
}

/** Whether `store` names a PostgreSQL store (HubOptions.store, `--store`, WALLRUN_STORE). */
export const isPostgresUrl = (store: string): boolean => /^postgres(ql)?:\/\//i.test(store);

/** Throws, naming the problem (without the password), when `url` is not a usable PostgreSQL URL. */
export function checkPostgresUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--store: "${redactUrl(url)}" is not a URL; expected postgres://USER:PASSWORD@HOST:5432/DATABASE`);
  }
  if (!isPostgresUrl(url)) throw new Error(`--store: "${redactUrl(url)}" is not a postgres:// URL (the default store, SQLite in --data, needs no --store)`);
  if (!parsed.hostname && !parsed.searchParams.get('host')) throw new Error(`--store: "${redactUrl(url)}" names no host`);
  if (parsed.pathname.length <= 1) throw new Error(`--store: "${redactUrl(url)}" names no database (postgres://…/DATABASE)`);
}
