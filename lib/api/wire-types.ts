/*
 * The JSON shapes that cross the wire of the public API (/api/public/v1). Shared by the client
 * (lib/api) and the emulator (lib/emulator), which must agree on them byte for byte.
 */

/** The path prefix of every endpoint of the public API. */
export const API_BASE_PATH = '/api/public/v1';

/** What the caller last asked a pipeline to be: deployed by start, stopped by stop (new pipelines are stopped). */
export type PipelineStatus = 'stopped' | 'deployed';

/** What the pipeline is actually doing now. `starting` and `stopping` are transitions. */
export type ObservedState = 'stopped' | 'starting' | 'running' | 'stopping';

/** A pipeline's runtime metadata, as returned by get, list, create, replace, start and stop. */
export interface PipelineMetadata {
  /** The pipeline id: a positive whole number, unique across all accounts. */
  readonly id: number;
  /** The pipeline name from its definition. */
  readonly name: string;
  /** The desired run state. */
  readonly status: PipelineStatus;
  /** The observed run state. */
  readonly observed_state: ObservedState;
  /** When the pipeline was created (RFC 3339, UTC, millisecond precision). */
  readonly created_at: string;
  /** When the definition last changed (RFC 3339). Unchanged by a no-op replace, start or stop. */
  readonly updated_at: string;
  /** When the source side last synced, or null if it never ran. */
  readonly last_source_sync_at: string | null;
  /** When the destination side last synced, or null if it never ran. */
  readonly last_destination_sync_at: string | null;
}

/** The pagination block of a list response. There is no total: page until `data` is short or empty. */
export interface Pagination {
  /** The 1-based page number answered. */
  readonly page: number;
  /** The page size used (default 50, at most 100). */
  readonly page_size: number;
  /** True when a further page may hold more items. */
  readonly has_more: boolean;
}

/** Body of GET /pipelines. */
export interface PipelineListResponse {
  /** This page of pipelines, newest first. */
  readonly data: readonly PipelineMetadata[];
  /** Where this page stands. */
  readonly pagination: Pagination;
}

/** Body of a successful validate call. */
export interface ValidateResponse {
  /** Always true: an invalid definition answers 400 or 422 instead. */
  readonly valid: true;
}

/** Stable error codes the API answers with. */
export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_definition'
  | 'unprocessable_definition'
  | 'unsupported_media_type'
  | 'not_acceptable'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal_error'
  | 'service_unavailable'
  | 'bad_request';

/** Body of every error response. `field` names the failing field of a 400 or 422, e.g. `tables[1].columns`. */
export interface ApiErrorBody {
  /** The error itself. */
  readonly error: {
    /** A stable machine-readable code. */
    readonly code: ApiErrorCode | string;
    /** A human-readable explanation that says what to do. */
    readonly message: string;
    /** The failing field, where there is one. */
    readonly field?: string;
  };
}

/** An API key as listed by key management (the secret value is never listed). */
export interface ApiKeyInfo {
  /** The key's id, used to revoke it. */
  readonly id: number;
  /** Its human-readable name, e.g. `terraform-prod`. */
  readonly name: string;
  /** Whether it may manage keys. */
  readonly admin: boolean;
  /** The first characters of the key (`fdk_` and 4 more), enough to recognise it. */
  readonly prefix: string;
  /** When it was created (RFC 3339). */
  readonly created_at: string;
  /** When it stops working, or null for never. */
  readonly expires_at: string | null;
  /** When it was revoked, or null while it is active. */
  readonly revoked_at: string | null;
}

/** Body of POST /api-keys: the new key, with its secret value shown this one time. */
export interface CreatedApiKey extends ApiKeyInfo {
  /** The full secret (`fdk_…`). It is not shown again. */
  readonly value: string;
}

/** Request body of POST /api-keys. */
export interface CreateApiKeyRequest {
  /** A human-readable name. */
  readonly name: string;
  /** Whether the key may manage keys. @default false */
  readonly admin?: boolean;
  /** When the key stops working (RFC 3339), or absent for never. */
  readonly expires_at?: string;
}

/** Body of GET /api-keys. */
export interface ApiKeyListResponse {
  /** Every key of the caller's account, revoked ones included, newest first. */
  readonly data: readonly ApiKeyInfo[];
}
