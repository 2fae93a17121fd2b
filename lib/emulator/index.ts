export { startEmulator, type RunningEmulator, type SeededKey } from './emulator';
export type { EmulatorOptions } from './options';
export { faultsFromEnv, type FaultOptions } from './faults';
export { loadSeedFile, type EmulatorSeed, type SeedAccount, type SeedKey, type SeedConnection, type SeedHook } from './seed';
export { DEFAULT_SEED } from './default-seed';
export type { EmulatorStats } from './stats';
