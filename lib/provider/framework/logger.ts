/**
 * Where the framework writes what happens inside the provider.
 *
 * The protocol layer passes a logger that writes to stderr at the level Terraform asked for
 * (`TF_LOG`); the framework never writes to stdout.
 */
export interface Logger {
  /** Very detailed tracing. */
  trace(message: string, fields?: Record<string, unknown>): void;
  /** Details useful when debugging (stack traces of caught exceptions go here). */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Normal operation. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something looks wrong but the operation goes on. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** An operation failed. */
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that discards everything. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
