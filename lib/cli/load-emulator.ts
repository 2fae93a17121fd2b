/**
 * The emulator's server dependencies are loaded only by the commands that run the emulator, through
 * here: synth, the provider and the API client never load them. better-sqlite3 (native, built from
 * source where no prebuilt binary can be downloaded) is an optional dependency, so a consumer who
 * installs with `--omit=optional`, or whose machine cannot build it, still has everything but the
 * emulator. fastify (plain JavaScript) is an ordinary dependency: see DESIGN.md, Packaging.
 */

/** The packages the emulator needs beyond the package's own dependencies. */
export const EMULATOR_DEPENDENCIES: readonly string[] = ['better-sqlite3', 'fastify'];

/**
 * Throws one clear sentence naming what to install when an emulator dependency is missing.
 *
 * @param resolve Resolves a module name and throws when it is not installed; `require.resolve`
 *   from this package's own folder unless given.
 */
export function checkEmulatorDependencies(resolve: (name: string) => string = require.resolve): void {
  const missing = EMULATOR_DEPENDENCIES.filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    const list = missing.join(' and ');
    throw new Error(`the emulator needs ${list}, not installed here: run \`npm install ${missing.join(' ')}\` to run the emulator`);
  }
}

/** Loads the emulator module after {@link checkEmulatorDependencies}. */
export async function loadEmulator(): Promise<typeof import('../emulator')> {
  checkEmulatorDependencies();
  return import('../emulator');
}
