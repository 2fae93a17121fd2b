/** The gRPC status codes the provider answers with. */
export const GrpcStatus = {
  ok: 0,
  invalidArgument: 3,
  unimplemented: 12,
  internal: 13,
} as const;

/** An error that a gRPC method handler throws to answer with a specific status. */
export class GrpcError extends Error {
  /**
   * @param code - A {@link GrpcStatus} code.
   * @param message - The status message sent to the client.
   */
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}
