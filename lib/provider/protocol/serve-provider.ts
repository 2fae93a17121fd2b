import { format } from 'node:util';
import type { ProviderDefinition } from '../framework';
import { checkPluginEnvironment, formatHandshakeLine } from './handshake';
import type * as PrecomputedSchemaModule from './precomputed-schema';
import { startProviderServer } from './start-provider-server';
import { createStderrLogger, logLevelFromEnv } from './stderr-logger';

/**
 * Runs the current process as a Terraform provider plugin (protocol 6) serving `definition`.
 *
 * Checks that Terraform launched it (otherwise explains on stderr and exits 1), starts the gRPC
 * server on loopback with mutual TLS (trusting only Terraform's `PLUGIN_CLIENT_CERT`; plain when
 * Terraform disabled TLS), prints the go-plugin handshake line (the only thing ever written to
 * stdout), and exits when Terraform calls Shutdown. `definition` may be a function that loads it:
 * it is then called after the handshake line (see {@link startProviderServer}). Logs go to stderr at the `TF_LOG` level;
 * `console.*` is redirected there too. Interrupts are ignored: Terraform handles Ctrl-C and
 * then stops the provider itself. `options.precomputedSchemaFile` names the schema answer encoded at
 * build time (a missing, malformed or stale file is ignored: the schema is then encoded on demand).
 *
 * @example
 * // lib/provider/main.ts
 * void serveProvider(integrateioProvider);
 */
export async function serveProvider<P>(definition: ProviderDefinition<P> | (() => ProviderDefinition<P>), options: { readonly precomputedSchemaFile?: string } = {}): Promise<void> {
  const env = process.env;
  const problem = checkPluginEnvironment(env);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
  const logger = createStderrLogger({ level: logLevelFromEnv(env) });
  console.log = console.info = (...args: unknown[]) => logger.info(format(...args));
  console.debug = (...args: unknown[]) => logger.debug(format(...args));
  console.warn = (...args: unknown[]) => logger.warn(format(...args));
  console.error = (...args: unknown[]) => logger.error(format(...args));
  process.on('SIGINT', () => logger.debug('interrupt received: waiting for Terraform to stop the provider'));
  process.on('uncaughtException', (error) => logger.error('uncaught exception', { error: error.stack ?? error.message }));
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }));

  const schemaFile = options.precomputedSchemaFile;
  const useTls = env.TF_DISABLE_PLUGIN_TLS !== '1' && Boolean(env.PLUGIN_CLIENT_CERT);
  const server = await startProviderServer(definition, {
    logger,
    clientCaPem: useTls ? env.PLUGIN_CLIENT_CERT : undefined,
    onShutdown: () => process.exit(0),
    precomputedSchema: schemaFile === undefined ? undefined : () => (require('./precomputed-schema') as typeof PrecomputedSchemaModule).readPrecomputedSchema(schemaFile),
  });
  process.stdout.write(formatHandshakeLine('tcp', server.address, server.certificateDer));
  logger.info('provider started', { address: server.address, tls: useTls });
  // The definition, the framework and the handlers load now, while Terraform reads the line and
  // connects, instead of before the line. A failure here is the first call's to report.
  setImmediate(() => {
    try {
      server.prepare();
    } catch (error) {
      logger.error('loading the provider failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}
