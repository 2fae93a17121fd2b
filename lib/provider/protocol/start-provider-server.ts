import { FrameworkServer, type Logger, type ProviderDefinition } from '../framework';
import { createSelfSignedCertificate } from './certificate';
import { startGrpcServer } from './grpc-server';
import type { PrecomputedSchema } from './precomputed-schema';
import { createProviderMethods } from './provider-service';

/** Options of {@link startProviderServer}. */
export interface ProviderServerOptions {
  /** Where to log. */
  readonly logger: Logger;
  /**
   * The PEM of the only CA trusted for client certificates (Terraform's `PLUGIN_CLIENT_CERT`).
   * Without it the server speaks plain HTTP/2 and has no certificate.
   */
  readonly clientCaPem?: string;
  /** Called after Terraform asked the plugin to shut down and the answer was sent. */
  readonly onShutdown: () => void;
  /** Loads the schema answer encoded at build time (see {@link PrecomputedSchema}); called on first use. */
  readonly precomputedSchema?: () => PrecomputedSchema | undefined;
}

/** A provider server listening on loopback. */
export interface RunningProviderServer {
  /** `127.0.0.1:PORT`. */
  readonly address: string;
  /** The server's certificate (DER) when TLS is on. */
  readonly certificateDer?: Buffer;
  /** The server's certificate (PEM) when TLS is on. */
  readonly certificatePem?: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the gRPC server of a provider on 127.0.0.1 (port chosen by the system), with mutual
 * TLS when a client CA is given: a fresh ECDSA P-256 certificate per launch. This is
 * {@link serveProvider} without the process concerns (environment, stdout, exit), for tests.
 */
export async function startProviderServer<P>(definition: ProviderDefinition<P>, options: ProviderServerOptions): Promise<RunningProviderServer> {
  const framework = new FrameworkServer(definition, { logger: options.logger });
  const methods = createProviderMethods(framework as FrameworkServer, { logger: options.logger, onShutdown: options.onShutdown, precomputedSchema: options.precomputedSchema });
  if (!options.clientCaPem) {
    const server = await startGrpcServer({ methods, logger: options.logger });
    return { address: server.address, close: () => server.close() };
  }
  const certificate = createSelfSignedCertificate();
  const server = await startGrpcServer({
    methods,
    logger: options.logger,
    tls: { keyPem: certificate.keyPem, certPem: certificate.certPem, clientCaPem: options.clientCaPem },
  });
  return { address: server.address, certificateDer: certificate.der, certificatePem: certificate.certPem, close: () => server.close() };
}
