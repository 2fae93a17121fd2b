export { runCli, buildProgram, VERSION } from './main';
export type { CliIo } from './io';
