import type * as FrameworkModule from '../framework';
import type { Logger, ProviderDefinition } from '../framework';
import { createSelfSignedCertificate } from './certificate';
import { startGrpcServer, type GrpcMethod } from './grpc-server';
import type { PrecomputedSchema } from './precomputed-schema';
import type * as ProviderServiceModule from './provider-service';

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
  /**
   * Loads the provider's definition and the call handlers now, if not done yet (else the first
   * call does): {@link serveProvider} calls it right after the handshake line, while Terraform
   * connects.
   */
  prepare(): void;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the gRPC server of a provider on 127.0.0.1 (port chosen by the system), with mutual
 * TLS when a client CA is given: a fresh ECDSA P-256 certificate per launch. This is
 * {@link serveProvider} without the process concerns (environment, stdout, exit), for tests.
 *
 * `definition` may be a function that loads it: it is called, and the framework and the call
 * handlers are loaded, on the first call or at {@link RunningProviderServer.prepare}, so that
 * the handshake does not wait for them.
 */
export async function startProviderServer<P>(definition: ProviderDefinition<P> | (() => ProviderDefinition<P>), options: ProviderServerOptions): Promise<RunningProviderServer> {
  let methods: ReadonlyMap<string, GrpcMethod> | undefined;
  const resolveMethods = (): ReadonlyMap<string, GrpcMethod> => {
    if (methods) return methods;
    const { FrameworkServer } = require('../framework') as typeof FrameworkModule;
    const { createProviderMethods } = require('./provider-service') as typeof ProviderServiceModule;
    const framework = new FrameworkServer(typeof definition === 'function' ? definition() : definition, { logger: options.logger });
    methods = createProviderMethods(framework as FrameworkModule.FrameworkServer, { logger: options.logger, onShutdown: options.onShutdown, precomputedSchema: options.precomputedSchema });
    return methods;
  };
  const prepare = (): void => void resolveMethods();
  if (!options.clientCaPem) {
    const server = await startGrpcServer({ methods: resolveMethods, logger: options.logger });
    return { address: server.address, prepare, close: () => server.close() };
  }
  const certificate = createSelfSignedCertificate();
  const server = await startGrpcServer({
    methods: resolveMethods,
    logger: options.logger,
    tls: { keyPem: certificate.keyPem, certPem: certificate.certPem, clientCaPem: options.clientCaPem },
  });
  return { address: server.address, certificateDer: certificate.der, certificatePem: certificate.certPem, prepare, close: () => server.close() };
}
