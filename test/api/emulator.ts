import { startEmulator } from '../../lib/emulator';

/** The running emulator a test file talks to. */
export type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

/** The options of the emulator started for a test file. */
export type EmulatorTestOptions = NonNullable<Parameters<typeof startEmulator>[0]>;

/**
 * Starts the real emulator on a random port with an in-memory database before the file's tests
 * and closes it after. Read `current()` inside tests.
 */
export function useEmulator(options: Partial<EmulatorTestOptions> = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, dataPath: ':memory:', ...options });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('the emulator is not running');
    return emulator;
  };
}
