import type { Logger } from '../framework';

/** Log levels, least to most severe; `off` logs nothing. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'off';

const ORDER: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

/**
 * The level Terraform asks providers to log at: `TF_LOG_PROVIDER`, else `TF_LOG` (`JSON` and
 * unrecognised values mean trace, as in Terraform).
 * @default 'warn' when neither is set
 */
export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || '').trim().toLowerCase();
  if (raw === '') return 'warn';
  if (raw in ORDER) return raw as LogLevel;
  return 'trace';
}

/** Options of {@link createStderrLogger}. */
export interface StderrLoggerOptions {
  /** The lowest level written. */
  readonly level: LogLevel;
  /**
   * Module name shown by Terraform next to each line.
   * @default 'provider.terraform-provider-integrateio'
   */
  readonly module?: string;
  /**
   * Where lines go.
   * @default process.stderr
   */
  readonly write?: (line: string) => void;
}

/**
 * A logger writing one JSON object per line to stderr, in the hclog format go-plugin reads from
 * plugins (`@level`, `@message`, `@module`, `@timestamp`), so Terraform files each line at its
 * level. Nothing ever goes to stdout, which belongs to the plugin handshake.
 */
export function createStderrLogger(options: StderrLoggerOptions): Logger {
  const threshold = ORDER[options.level];
  const module = options.module ?? 'provider.terraform-provider-integrateio';
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const log =
    (level: Exclude<LogLevel, 'off'>) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (ORDER[level] < threshold) return;
      const entry = { '@level': level, '@message': message, '@module': module, '@timestamp': hclogTimestamp(new Date()), ...fields };
      write(`${JSON.stringify(entry)}\n`);
    };
  return { trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** hclog's timestamp layout: `2006-01-02T15:04:05.000000Z07:00`, in UTC. */
function hclogTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000Z`;
}
