import Conf from 'conf';

/**
 * electron-store is `conf` plus Electron's userData path; the tests open the same store options
 * on `conf` in a temp directory, so schemas, defaults and atomic writes are the real ones.
 */
export function openConfStore<T extends Record<string, unknown>>(dir: string, options: { name: string } & Record<string, unknown>): Conf<T> {
  const { name, ...rest } = options;
  return new Conf<T>({ ...(rest as object), configName: name, cwd: dir });
}
