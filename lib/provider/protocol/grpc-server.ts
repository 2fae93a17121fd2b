import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../framework';
import { GrpcError, GrpcStatus } from './grpc-status';

/**
 * How the server answers one method path:
 * - `unary`: one request message in, one response message out;
 * - `hold`: a streaming call accepted and held open without ever sending a message (go-plugin's
 *   stdio and broker streams, which this provider has no use for).
 */
export type GrpcMethod =
  | {
      readonly kind: 'unary';
      readonly handle: (request: Uint8Array) => Promise<Uint8Array>;
      /** Called once the response was sent (or the call ended otherwise). */
      readonly afterResponse?: () => void;
    }
  | { readonly kind: 'hold' };

/** Options of {@link startGrpcServer}. */
export interface GrpcServerOptions {
  /**
   * Handlers by path (`/tfplugin6.Provider/GetProviderSchema`); other paths answer UNIMPLEMENTED.
   * A function is called for every call, so that the handlers can be loaded on first use: it must
   * return the same map each time.
   */
  readonly methods: ReadonlyMap<string, GrpcMethod> | (() => ReadonlyMap<string, GrpcMethod>);
  /** Mutual TLS: the server's key and certificate and the only CA trusted for client certificates. Plain HTTP/2 without it. */
  readonly tls?: { readonly keyPem: string; readonly certPem: string; readonly clientCaPem: string };
  /**
   * Interface to listen on (port chosen by the system).
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /** Where to log. */
  readonly logger: Logger;
}

/** A listening server. */
export interface RunningGrpcServer {
  /** `host:port` it listens on. */
  readonly address: string;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

const GRPC_HEADERS = { ':status': 200, 'content-type': 'application/grpc' } as const;

/**
 * A gRPC server on node:http2, just large enough for the plugin protocol: unary calls without
 * compression, held streams, status codes in trailers. Loading `@grpc/grpc-js` costs more start-up
 * time than the whole provider (measured: ~85 ms), and Terraform launches the provider 3-5 times per
 * command.
 */
export function startGrpcServer(options: GrpcServerOptions): Promise<RunningGrpcServer> {
  const { logger } = options;
  const server = options.tls
    ? http2.createSecureServer({
        key: options.tls.keyPem,
        cert: options.tls.certPem,
        ca: options.tls.clientCaPem,
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      })
    : http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', (error) => logger.debug('grpc: session error', { error: error.message }));
  });
  server.on('sessionError', (error) => logger.debug('grpc: session error', { error: error.message }));
  server.on('tlsClientError', (error) => logger.warn('grpc: TLS handshake refused', { error: error.message }));
  const methods = options.methods;
  server.on('stream', (stream, headers) => handleStream(stream, headers, typeof methods === 'function' ? methods() : methods, logger));

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => {
      const info = server.address() as AddressInfo;
      resolve({
        address: `${info.address}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const session of sessions) session.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function handleStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, methods: ReadonlyMap<string, GrpcMethod>, logger: Logger): void {
  stream.on('error', (error) => logger.debug('grpc: stream error', { error: error.message }));
  const path = String(headers[':path'] ?? '');
  const contentType = String(headers['content-type'] ?? '');
  if (headers[':method'] !== 'POST' || !contentType.startsWith('application/grpc')) {
    stream.resume();
    stream.respond({ ':status': 415 }, { endStream: true });
    return;
  }
  const method = methods.get(path);
  if (!method) {
    logger.debug('grpc: unimplemented method', { path });
    stream.resume();
    respondStatus(stream, GrpcStatus.unimplemented, `method ${path} is not implemented by this provider`);
    return;
  }
  if (method.kind === 'hold') {
    stream.resume();
    stream.respond(GRPC_HEADERS);
    return;
  }
  const chunks: Buffer[] = [];
  if (method.afterResponse) stream.once('close', method.afterResponse);
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => {
    void runUnary(stream, path, Buffer.concat(chunks), method.handle, logger);
  });
}

async function runUnary(
  stream: http2.ServerHttp2Stream,
  path: string,
  body: Buffer,
  handle: (request: Uint8Array) => Promise<Uint8Array>,
  logger: Logger,
): Promise<void> {
  let response: Uint8Array;
  try {
    if (body.length < 5) throw new GrpcError(GrpcStatus.invalidArgument, 'missing request message');
    if (body[0] !== 0) throw new GrpcError(GrpcStatus.unimplemented, 'compressed messages are not supported');
    const length = body.readUInt32BE(1);
    if (body.length < 5 + length) throw new GrpcError(GrpcStatus.invalidArgument, 'truncated request message');
    logger.trace('grpc: call', { path, bytes: length });
    response = await handle(body.subarray(5, 5 + length));
  } catch (error) {
    const code = error instanceof GrpcError ? error.code : GrpcStatus.internal;
    const message = error instanceof Error ? error.message : String(error);
    logger.error('grpc: call failed', { path, error: error instanceof Error ? (error.stack ?? message) : message });
    if (!stream.closed && !stream.destroyed) respondStatus(stream, code, message);
    return;
  }
  if (stream.closed || stream.destroyed) return;
  const frame = Buffer.allocUnsafe(5 + response.length);
  frame[0] = 0;
  frame.writeUInt32BE(response.length, 1);
  frame.set(response, 5);
  stream.respond(GRPC_HEADERS, { waitForTrailers: true });
  stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(GrpcStatus.ok) }));
  stream.end(frame);
}

/** A "trailers-only" response: the status in the only header block. */
function respondStatus(stream: http2.ServerHttp2Stream, code: number, message: string): void {
  stream.respond({ ...GRPC_HEADERS, 'grpc-status': String(code), 'grpc-message': encodeGrpcMessage(message) }, { endStream: true });
}

/** Percent-encodes a status message as the gRPC spec requires (printable ASCII except `%` kept). */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
