import type { Command } from 'commander';
import type { FaultOptions } from '../../emulator';
import { parseNumber } from '../arguments';
import { loadEmulator } from '../load-emulator';
import type { CliIo } from '../io';

interface EmulatorCommandOptions {
  port: string;
  host: string;
  data: string;
  seed?: string;
  startDelayMs?: string;
  stopDelayMs?: string;
  minuteMs?: string;
  quiet?: boolean;
  fault429?: string;
  fault500?: string;
  fault503?: string;
  faultDrop?: string;
  faultSlow?: string;
  slowMs?: string;
  faultSeed?: string;
}

function faultOptions(options: EmulatorCommandOptions, io: CliIo, faultsFromEnv: (env: NodeJS.ProcessEnv) => FaultOptions): FaultOptions {
  const faults: { -readonly [K in keyof FaultOptions]: FaultOptions[K] } = { ...faultsFromEnv(io.env) };
  const rate = (name: string, value: string | undefined) => (value === undefined ? undefined : parseNumber(name, value, 1));
  faults.rate429 = rate('--fault-429', options.fault429) ?? faults.rate429;
  faults.rate500 = rate('--fault-500', options.fault500) ?? faults.rate500;
  faults.rate503 = rate('--fault-503', options.fault503) ?? faults.rate503;
  faults.rateDrop = rate('--fault-drop', options.faultDrop) ?? faults.rateDrop;
  faults.rateSlow = rate('--fault-slow', options.faultSlow) ?? faults.rateSlow;
  if (options.slowMs !== undefined) faults.slowMs = parseNumber('--slow-ms', options.slowMs);
  if (options.faultSeed !== undefined) faults.seed = parseNumber('--fault-seed', options.faultSeed);
  return faults;
}

/** `integrateio emulator`: runs the local emulator of the public API until interrupted. */
export function registerEmulator(program: Command, io: CliIo): void {
  program
    .command('emulator')
    .description('run the local emulator of the public API (SQLite persistence)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <file>', 'SQLite database file', '.integrateio/emulator.db')
    .option('--seed <file>', 'seed file (YAML) for a new database; default: the built-in seed')
    .option('--start-delay-ms <ms>', 'how long a start takes before the pipeline runs')
    .option('--stop-delay-ms <ms>', 'how long a graceful stop takes')
    .option('--minute-ms <ms>', 'how long an emulated minute of sync frequency lasts')
    .option('--quiet', 'do not log requests')
    .option('--fault-429 <rate>', 'share of requests answered 429 with Retry-After')
    .option('--fault-500 <rate>', 'share of requests answered 500')
    .option('--fault-503 <rate>', 'share of requests answered 503')
    .option('--fault-drop <rate>', 'share of connections dropped without an answer')
    .option('--fault-slow <rate>', 'share of requests answered slowly')
    .option('--slow-ms <ms>', 'delay of a slow answer')
    .option('--fault-seed <n>', 'seed of the fault generator, for repeatable runs')
    .action(async (options: EmulatorCommandOptions) => {
      // Loaded here, not at the top: the other commands do not pay for the server and SQLite, and
      // they work where those optional dependencies are not installed.
      const { faultsFromEnv, loadSeedFile, startEmulator } = await loadEmulator();
      const port = parseNumber('--port', options.port, 65535);
      const optionalMs = (name: string, v?: string) => (v === undefined ? undefined : parseNumber(name, v));
      const emulator = await startEmulator({
        port,
        host: options.host,
        dataPath: options.data,
        seed: options.seed ? loadSeedFile(options.seed) : undefined,
        startDelayMs: optionalMs('--start-delay-ms', options.startDelayMs),
        stopDelayMs: optionalMs('--stop-delay-ms', options.stopDelayMs),
        minuteMs: optionalMs('--minute-ms', options.minuteMs),
        faults: faultOptions(options, io, faultsFromEnv),
        log: options.quiet ? undefined : (line) => io.err(`${line}\n`),
      });
      io.out(`Emulator listening on ${emulator.url}\n`);
      io.out(`Data: ${options.data}\n`);
      for (const key of emulator.keys) io.out(`Key ${key.account}/${key.name}${key.admin ? ' (admin)' : ''}: ${key.value}\n`);
      io.out(`Try: INTEGRATEIO_API_URL=${emulator.url} INTEGRATEIO_API_KEY=<key> integrateio pipelines list\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await emulator.close();
    });
}
