import { toCanonicalJson, validateDefinition, formatIssues, DefinitionError, type PipelineDefinition } from '../definition';
import { isApiError } from './errors';
import { runCall, type CallContext, type CallSpec, type RetryMode } from './call';
import { resolveConfig } from './config';
import { createWithRecovery, DEFAULT_CLOCK_SKEW_MS } from './create-recovery';
import { decodeApiKeyList, decodeCreatedApiKey, decodePipelineList, decodePipelineMetadata, decodeValid, parseJson, ShapeError } from './decode';
import type { ClientEvent } from './events';
import { HttpTransport, invalidResponse, type HttpRequest, type HttpResponse } from './http';
import { checkPageSize, MAX_PAGE_SIZE, paginate } from './pagination';
import { listConsistently, type ConsistentListOptions } from './stable-list';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy';
import { waitForObservedState, type WaitOptions } from './wait';
import {
  API_BASE_PATH,
  type ApiKeyInfo,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  type ObservedState,
  type PipelineListResponse,
  type PipelineMetadata,
} from './wire-types';

/** The version this client reports in its User-Agent. */
export const CLIENT_VERSION = '0.1.0';

/** The User-Agent sent when none is given. */
export const DEFAULT_USER_AGENT = `integrateio-pipelines-as-code/${CLIENT_VERSION} node/${process.versions.node}`;

/** How to reach the API and how to behave when it fails. */
export interface ClientOptions {
  /**
   * The service root, e.g. `http://127.0.0.1:8787` or `https://api.integrate.io`. A trailing
   * `/api/public/v1` is accepted and stripped.
   * @default process.env.INTEGRATEIO_API_URL
   */
  baseUrl?: string;
  /**
   * The API key (`fdk_…`).
   * @default process.env.INTEGRATEIO_API_KEY
   */
  apiKey?: string;
  /**
   * The timeout of each request (each attempt of a retried call), in milliseconds: the whole
   * response, body included, must arrive within it.
   * @default INTEGRATEIO_REQUEST_TIMEOUT_SECONDS × 1000, else 30000
   */
  timeoutMs?: number;
  /** Changes to the retry policy; unset fields keep {@link DEFAULT_RETRY_POLICY}. */
  retry?: Partial<RetryPolicy>;
  /**
   * The User-Agent header.
   * @default `integrateio-pipelines-as-code/<version> node/<version>`
   */
  userAgent?: string;
  /**
   * Where INTEGRATEIO_API_KEY and INTEGRATEIO_API_URL are read from.
   * @default process.env
   */
  env?: NodeJS.ProcessEnv;
  /** Receives request, retry, recovery and failure events, for logs. Events never contain the key. */
  onEvent?: (e: ClientEvent) => void;
  /**
   * How far the server's clock may be behind this machine's when a create whose outcome was
   * unknown looks for the pipeline it may have made, in milliseconds.
   * @default 60000
   */
  clockSkewMs?: number;
}

/** The HTTP methods the client uses. */
type Method = HttpRequest['method'];

/** Checks an id given by the caller: a positive whole number. */
function checkId(what: string, id: number): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new RangeError(`${what} must be a positive whole number, got ${String(id)}`);
  return id;
}

/**
 * Serializes a definition for a request body: canonical JSON when it is a valid definition; as
 * given (plain JSON) otherwise, so that the server reports the real problem (an unknown key, a
 * wrong type) instead of one introduced by canonicalizing a malformed document.
 */
function definitionBody(definition: PipelineDefinition): string {
  const result = validateDefinition(definition);
  return result.ok ? toCanonicalJson(result.definition) : JSON.stringify(definition);
}

/** A response reader that parses JSON and checks its shape. */
function json<T>(decode: (value: unknown) => T): (response: HttpResponse) => T {
  return (response) => decode(parseJson(response.text));
}

/**
 * A typed client of the Integrate.io public API (`/api/public/v1`).
 *
 * Every method throws an {@link ApiError} when the call fails for good. Safe calls are retried
 * under the {@link RetryPolicy}; creating a pipeline is never blindly retried (an attempt whose
 * outcome is unknown is looked up first, see {@link IntegrateioClient.createPipeline}). Nothing the
 * client throws or reports contains the API key.
 *
 * @example
 * const client = new IntegrateioClient(); // INTEGRATEIO_API_URL and INTEGRATEIO_API_KEY
 * for await (const p of client.listPipelines()) console.log(p.id, p.name, p.observed_state);
 */
export class IntegrateioClient {
  /** The service root this client talks to, without a trailing slash. */
  readonly baseUrl: string;
  /** The retry policy in force. */
  readonly retryPolicy: RetryPolicy;
  readonly #ctx: CallContext;
  readonly #clockSkewMs: number;
  /** Ids returned by createPipeline: never adopted by a later create's recovery. */
  readonly #claimed = new Set<number>();
  /** Ids whose create this client saw answered with a 201. */
  readonly #answered = new Set<number>();
  /** Whether a call succeeded: the base URL then leads to the API, and a 404 means what it says. */
  #apiUrlVerified = false;
  /** Creates in flight per canonical body: identical creates run one after the other. */
  readonly #createQueues = new Map<string, Promise<unknown>>();

  /**
   * Creates a client; it does not contact the API.
   *
   * @throws ConfigError naming INTEGRATEIO_API_KEY or INTEGRATEIO_API_URL when the key or the URL
   * is missing, or the key does not look like `fdk_…`. The message never contains the key.
   * @throws RangeError when a timeout or retry setting is out of range.
   */
  constructor(options: ClientOptions = {}) {
    const config = resolveConfig(options);
    this.baseUrl = config.baseUrl;
    this.retryPolicy = resolveRetryPolicy(options.retry);
    this.#clockSkewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    if (!Number.isFinite(this.#clockSkewMs) || this.#clockSkewMs < 0) throw new RangeError(`clockSkewMs must be a number of milliseconds ≥ 0, got ${String(options.clockSkewMs)}`);
    const transport = new HttpTransport({ baseUrl: config.baseUrl, apiKey: config.apiKey, timeoutMs: config.timeoutMs, userAgent: options.userAgent ?? DEFAULT_USER_AGENT });
    this.#ctx = { transport, policy: this.retryPolicy, onEvent: options.onEvent, random: Math.random };
  }

  /** What `console.log(client)` shows: the URL, never the key. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `IntegrateioClient { baseUrl: '${this.baseUrl}' }`;
  }

  async #call<T>(method: Method, path: string, retry: RetryMode, parse: (r: HttpResponse) => T, extra: Partial<CallSpec<T>> = {}): Promise<T> {
    try {
      const value = await runCall(this.#ctx, { method, path: `${API_BASE_PATH}${path}`, retry, parse, ...extra });
      this.#apiUrlVerified = true;
      return value;
    } catch (err) {
      if (isApiError(err) && err.status === 404 && !this.#apiUrlVerified) await this.#verifyApiUrl();
      throw err;
    }
  }

  /**
   * After a 404, checks once that the base URL leads to the API (a wrong path prefix in front of a
   * server that answers in the API's format would otherwise pass for "pipeline not found").
   *
   * @throws ApiError `wrong_api_url` when the list endpoint is not there either.
   */
  async #verifyApiUrl(): Promise<void> {
    try {
      await this.listPipelinesPage(1, 1);
    } catch (err) {
      if (isApiError(err) && err.code === 'wrong_api_url') throw err;
    }
  }

  /**
   * Every pipeline of the account, newest first, read page by page as the caller iterates.
   *
   * Pages until a page comes back short or empty. A pipeline is yielded once even if the list
   * shifts during the walk.
   *
   * @param options.pageSize the page size asked for, 1 to 100. @default 100
   * @throws ApiError from the page request that failed.
   * @example
   * for await (const p of client.listPipelines()) if (p.name === 'orders') ...
   */
  listPipelines(options: { pageSize?: number } = {}): AsyncIterable<PipelineMetadata> {
    const pageSize = checkPageSize(options.pageSize ?? MAX_PAGE_SIZE);
    return paginate((page, size) => this.listPipelinesPage(page, size), pageSize);
  }

  /**
   * Every live pipeline of the account, newest first, read so that none that stayed live during
   * the read is missing even while other pipelines are archived or created (a plain walk of the
   * offset-paged list skips one pipeline per archive on an already-read page). A one-page list
   * is read once; a longer one is walked until two consecutive walks agree (see
   * `stable-list.ts`). Use it, not {@link IntegrateioClient.listPipelines}, to decide anything by
   * name.
   *
   * @param options.stopAt stop before the first pipeline for which it returns true (e.g. older than a time).
   * @throws ApiError `list_unstable` ("the pipeline list kept changing …; retry") when no two
   * consecutive walks agreed within `maxWalks` (default 6); a page's ApiError when one fails.
   */
  listPipelinesConsistently(options: ConsistentListOptions = {}): Promise<PipelineMetadata[]> {
    return listConsistently((page, size) => this.listPipelinesPage(page, size), options);
  }

  /**
   * The live pipelines whose name is exactly `name` (names are not unique), newest first, from a
   * consistent read of the list ({@link IntegrateioClient.listPipelinesConsistently}): the API has no
   * name filter.
   *
   * @throws ApiError `list_unstable` when the list kept changing; a page's ApiError when one fails.
   */
  async findPipelinesByName(name: string): Promise<PipelineMetadata[]> {
    return (await this.listPipelinesConsistently()).filter((p) => p.name === name);
  }

  /**
   * One page of the pipeline list (`GET /pipelines?page&page_size`), newest first.
   *
   * @param page the 1-based page number.
   * @param pageSize 1 to 100. @default the server's (50)
   * @throws RangeError for a page below 1 or a page size outside 1 to 100.
   */
  async listPipelinesPage(page: number, pageSize?: number): Promise<PipelineListResponse> {
    checkId('page', page);
    const query = new URLSearchParams({ page: String(page) });
    if (pageSize !== undefined) query.set('page_size', String(checkPageSize(pageSize)));
    return this.#call('GET', `/pipelines?${query.toString()}`, 'idempotent', json(decodePipelineList));
  }

  /** A pipeline's runtime metadata (`GET /pipelines/{id}`). @throws ApiError 404 `not_found` for an unknown or other-account id. */
  async getPipeline(id: number): Promise<PipelineMetadata> {
    return this.#getPipeline(id);
  }

  #getPipeline(id: number, signal?: AbortSignal): Promise<PipelineMetadata> {
    return this.#call('GET', `/pipelines/${checkId('id', id)}`, 'idempotent', json(decodePipelineMetadata), { signal });
  }

  /**
   * A pipeline's definition (`GET /pipelines/{id}/definition`, as JSON), checked with the
   * definition schema and returned in canonical form.
   *
   * @throws ApiError `invalid_response` (its cause a DefinitionError) when the server's document is not a valid definition.
   */
  async getDefinition(id: number): Promise<PipelineDefinition> {
    const path = `/pipelines/${checkId('id', id)}/definition`;
    return this.#call('GET', path, 'idempotent', (response) => {
      const result = validateDefinition(parseJson(response.text));
      if (result.ok) return result.definition;
      const error = new DefinitionError(result.issues, 'the server');
      throw invalidResponse({ method: 'GET', path: `${API_BASE_PATH}${path}` }, response.status, `the server's definition is not valid: ${formatIssues(result.issues).split('\n').join('; ')}`, error);
    }, { accept: 'application/json' });
  }

  /**
   * A pipeline's definition as the server writes it (`GET /pipelines/{id}/definition`): canonical
   * YAML or JSON text, for export.
   *
   * @param format `yaml` or `json`.
   */
  async getDefinitionText(id: number, format: 'yaml' | 'json'): Promise<string> {
    if (format !== 'yaml' && format !== 'json') throw new RangeError(`format must be "yaml" or "json", got ${String(format)}`);
    const accept = format === 'json' ? 'application/json' : 'application/yaml';
    return this.#call('GET', `/pipelines/${checkId('id', id)}/definition`, 'idempotent', (response) => {
      if (response.text.trim() === '') throw new ShapeError('the definition is empty');
      if (format === 'json') parseJson(response.text);
      return response.text;
    }, { accept });
  }

  /**
   * Creates a pipeline (`POST /pipelines`, canonical JSON) and returns its metadata.
   *
   * It never creates the pipeline twice because of a retry: when an attempt's outcome is unknown
   * (a timeout, a dropped connection, a 5xx), the client first looks for a pipeline of the same
   * name and equal definition created since that attempt began (less the clock-skew allowance),
   * not already returned by this client, and adopts it (a `recovery` event is emitted); only if
   * there is none does it send the create again. 429 and refused connections are retried
   * directly. Identical creates on one client run one after the other, so two of them never
   * adopt the same pipeline.
   *
   * @throws ApiError 400 `invalid_definition` or 422 with `field` when the server rejects the
   * definition; `create_outcome_unknown` when the lookup itself failed.
   */
  async createPipeline(definition: PipelineDefinition): Promise<PipelineMetadata> {
    const body = definitionBody(definition);
    const previous = this.#createQueues.get(body) ?? Promise.resolve();
    const run = previous.then(
      () => this.#create(definition, body),
      () => this.#create(definition, body),
    );
    const settled = run.catch(() => undefined);
    this.#createQueues.set(body, settled);
    try {
      return await run;
    } finally {
      if (this.#createQueues.get(body) === settled) this.#createQueues.delete(body);
    }
  }

  #create(definition: PipelineDefinition, body: string): Promise<PipelineMetadata> {
    let canonical: PipelineDefinition;
    try {
      canonical = JSON.parse(body) as PipelineDefinition;
    } catch {
      canonical = definition;
    }
    return createWithRecovery({
      ctx: this.#ctx,
      spec: { method: 'POST', path: `${API_BASE_PATH}/pipelines`, body, retry: 'idempotent', parse: json(decodePipelineMetadata) },
      definition: canonical,
      claimed: this.#claimed,
      answered: this.#answered,
      clockSkewMs: this.#clockSkewMs,
      listSince: (since) => this.listPipelinesConsistently({ stopAt: (p) => Date.parse(p.created_at) < since }),
      getDefinition: (id) => this.getDefinition(id),
    });
  }

  /**
   * Whether this client certainly created pipeline `id`: one of its creates was answered with
   * it (201). False for a pipeline a create adopted after a lost answer (see
   * {@link IntegrateioClient.createPipeline}): that one was most likely made by the lost attempt, but
   * an identical create by someone else at the same moment cannot be ruled out. Use it before
   * undoing a create, e.g. archiving a duplicate.
   */
  createdByThisClient(id: number): boolean {
    return this.#answered.has(id);
  }

  /**
   * Replaces a pipeline's definition (`PUT /pipelines/{id}/definition`). Idempotent: an equal
   * document is a no-op and leaves `updated_at` alone. Retried like every idempotent call.
   */
  async replaceDefinition(id: number, definition: PipelineDefinition): Promise<PipelineMetadata> {
    return this.#call('PUT', `/pipelines/${checkId('id', id)}/definition`, 'idempotent', json(decodePipelineMetadata), { body: definitionBody(definition) });
  }

  /**
   * Checks a definition for a new pipeline without creating it (`POST /pipelines/validate`).
   *
   * @throws ApiError 400 `invalid_definition` or 422 naming the failing `field`.
   */
  async validateNew(definition: PipelineDefinition): Promise<void> {
    await this.#call('POST', '/pipelines/validate', 'idempotent', json(decodeValid), { body: definitionBody(definition) });
  }

  /**
   * Dry-runs a change to an existing pipeline (`POST /pipelines/{id}/definition/validate`).
   *
   * @throws ApiError 400 or 422 naming the failing `field`; 404 for an unknown pipeline.
   */
  async validateExisting(id: number, definition: PipelineDefinition): Promise<void> {
    await this.#call('POST', `/pipelines/${checkId('id', id)}/definition/validate`, 'idempotent', json(decodeValid), { body: definitionBody(definition) });
  }

  /** Deploys a pipeline (`POST /pipelines/{id}/start`). Idempotent; see {@link IntegrateioClient.waitForObservedState}. */
  async startPipeline(id: number): Promise<PipelineMetadata> {
    return this.#call('POST', `/pipelines/${checkId('id', id)}/start`, 'idempotent', json(decodePipelineMetadata));
  }

  /**
   * Stops a pipeline (`POST /pipelines/{id}/stop`). Idempotent.
   *
   * @param options.force skip the graceful-stop checks (`?force=true`). @default false
   */
  async stopPipeline(id: number, options: { force?: boolean } = {}): Promise<PipelineMetadata> {
    const query = options.force ? '?force=true' : '';
    return this.#call('POST', `/pipelines/${checkId('id', id)}/stop${query}`, 'idempotent', json(decodePipelineMetadata));
  }

  /**
   * Archives a pipeline (`DELETE /pipelines/{id}`), stopping it first if deployed. A 404 that
   * follows an attempt whose outcome was unknown counts as success: that attempt archived it.
   */
  async archivePipeline(id: number): Promise<void> {
    await this.#call('DELETE', `/pipelines/${checkId('id', id)}`, 'idempotent', () => undefined, { notFoundAfterAmbiguous: () => undefined });
  }

  /**
   * Waits until a pipeline's observed state is `target`, polling its metadata with backoff.
   *
   * @throws WaitTimeoutError naming the id, the target and the last observed state when
   * `timeoutMs` (default 300000) passes; the signal's reason when the caller aborts; ApiError when a poll fails.
   * @example
   * await client.startPipeline(id);
   * await client.waitForObservedState(id, 'running', { onProgress: (m) => log(m.observed_state) });
   */
  async waitForObservedState(id: number, target: ObservedState, options: WaitOptions = {}): Promise<PipelineMetadata> {
    checkId('id', id);
    return waitForObservedState((pipelineId, signal) => this.#getPipeline(pipelineId, signal), id, target, options);
  }

  /** Every API key of the account, revoked ones included (`GET /api-keys`). The secret values are never listed. */
  async listApiKeys(): Promise<ApiKeyInfo[]> {
    const list = await this.#call('GET', '/api-keys', 'idempotent', json(decodeApiKeyList));
    return [...list.data];
  }

  /**
   * Mints an API key (`POST /api-keys`); admin keys only. The returned `value` is shown this once.
   *
   * Retried only when the server certainly did nothing (429, connection refused): a key minted by
   * a lost attempt could not be recovered, since its value is never shown again.
   *
   * @throws ApiError 403 `forbidden` for a non-admin key.
   */
  async createApiKey(req: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const body = JSON.stringify({ name: req.name, admin: req.admin, expires_at: req.expires_at });
    return this.#call('POST', '/api-keys', 'unsent-only', json(decodeCreatedApiKey), { body });
  }

  /**
   * Revokes an API key (`DELETE /api-keys/{id}`); admin keys only. A 404 that follows an attempt
   * whose outcome was unknown counts as success.
   *
   * @throws ApiError 403 `forbidden` for a non-admin key; 404 for an unknown key.
   */
  async revokeApiKey(id: number): Promise<void> {
    await this.#call('DELETE', `/api-keys/${checkId('id', id)}`, 'idempotent', () => undefined, { notFoundAfterAmbiguous: () => undefined });
  }
}
