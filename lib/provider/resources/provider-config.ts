import type { IntegrateioClient } from '../../api';
import { normaliseBaseUrl } from '../../api/config';
import { redactSecrets } from '../../api/redact';
import { apiLibrary } from './lazy-libraries';
import { intAtLeast, isUnknown, type Diagnostics, type Logger, type ObjectValue, type Schema } from '../framework';
import { apiEventLogger } from './api-event-logger';
import { CreateJournal, keyFingerprint, terraformDataDir, terraformWorkspace } from './create-journal';
import { PipelineAdoption } from './pipeline-adoption';
import { PlannedNames } from './plan-names';
import { RefreshReads } from './refresh-reads';
import { ValidationMemo } from './validation-memo';

/** What the provider's configuration hands to every resource and data source. */
export interface PipelineProviderData {
  /** The API client, or undefined while the configuration still has unknown values. */
  readonly client?: IntegrateioClient;
  /** Journaled creates and the adoption of this configuration's own orphans (see {@link PipelineAdoption}); present with the client. */
  readonly adoption?: PipelineAdoption;
  /** The pipeline names planned by this process, to catch two resources with one name (see {@link PlannedNames}). */
  readonly plannedNames?: PlannedNames;
  /** Definitions the API accepted recently (see {@link ValidationMemo}); present with the client. */
  readonly validations?: ValidationMemo;
  /** The metadata reads of refreshes, shared by concurrent calls (see {@link RefreshReads}); present with the client. */
  readonly refreshReads?: RefreshReads;
  /** Skip the API's validate endpoint during plan (local checks still run). */
  readonly skipRemoteValidation: boolean;
  /** Where resources log their decisions (adoption, recovery) as Terraform log lines; absent in unit tests. */
  readonly logger?: Logger;
}

/** The schema of the `provider "integrateio"` block. */
export const providerSchema: Schema = {
  version: 0,
  description: 'Manage Integrate.io ELT & CDC pipelines as code.',
  attributes: {
    api_url: { description: 'Root URL of the API, e.g. `https://api.integrate.io` or the emulator `http://127.0.0.1:8787`. Defaults to INTEGRATEIO_API_URL.', type: 'string', optional: true },
    api_key: { description: 'API key (`fdk_…`). Defaults to INTEGRATEIO_API_KEY. Never shown in plans, state or logs.', type: 'string', optional: true, sensitive: true },
    request_timeout_seconds: { description: 'Timeout of one API request, in seconds. Default 30.', type: 'number', optional: true, validators: [intAtLeast(1)] },
    max_retries: { description: 'How many times an idempotent request is retried on 429, 5xx and network errors. Default 4.', type: 'number', optional: true, validators: [intAtLeast(0)] },
    skip_remote_validation: { description: "Skip the API's validate endpoint during plan; the local checks still run. Default false.", type: 'bool', optional: true },
  },
};

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Configures the provider from its block, falling back to INTEGRATEIO_API_URL and
 * INTEGRATEIO_API_KEY. A missing or malformed key is an error diagnostic, never a crash. With a
 * logger, every API request, retry and recovery is logged (see {@link apiEventLogger}).
 */
export async function configureProvider(config: ObjectValue, diags: Diagnostics, env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<PipelineProviderData> {
  const skipRemoteValidation = config.skip_remote_validation === true;
  if (isUnknown(config.api_url) || isUnknown(config.api_key)) return { skipRemoteValidation };
  const apiUrl = optionalString(config.api_url) ?? optionalString(env.INTEGRATEIO_API_URL);
  const apiKey = optionalString(config.api_key) ?? optionalString(env.INTEGRATEIO_API_KEY);
  if (apiUrl === undefined) {
    diags.addError('Missing API URL', 'Set api_url in the provider "integrateio" block or the INTEGRATEIO_API_URL environment variable (for the local emulator: http://127.0.0.1:8787).', ['api_url']);
  }
  if (apiKey === undefined) {
    diags.addError('Missing API Key', 'Set api_key in the provider "integrateio" block or the INTEGRATEIO_API_KEY environment variable to an API key (fdk_…).', ['api_key']);
  } else if (!/^fdk_[A-Za-z0-9_]+$/.test(apiKey)) {
    diags.addError('Malformed API Key', 'Integrate.io API keys start with fdk_ followed by letters, digits or underscores. Check api_key or INTEGRATEIO_API_KEY.', ['api_key']);
  }
  if (apiUrl !== undefined) {
    const fromConfig = optionalString(config.api_url) !== undefined;
    try {
      normaliseBaseUrl(apiUrl, fromConfig ? 'api_url' : 'INTEGRATEIO_API_URL');
    } catch (err) {
      // No attribute path for a URL with a password: Terraform would print the config line.
      const hasUserInfo = /user name or password/.test((err as Error).message);
      diags.addError('Invalid API URL', `${redactSecrets((err as Error).message)}.`, fromConfig && !hasUserInfo ? ['api_url'] : undefined);
    }
  }
  if (diags.hasErrors()) return { skipRemoteValidation };
  const timeout = typeof config.request_timeout_seconds === 'number' ? config.request_timeout_seconds : undefined;
  const retries = typeof config.max_retries === 'number' ? config.max_retries : undefined;
  try {
    const client = new (apiLibrary().IntegrateioClient)({
      baseUrl: apiUrl,
      apiKey,
      // Only the timeout may come from the environment here: the URL and key were resolved above.
      env: timeout === undefined && env.INTEGRATEIO_REQUEST_TIMEOUT_SECONDS !== undefined ? { INTEGRATEIO_REQUEST_TIMEOUT_SECONDS: env.INTEGRATEIO_REQUEST_TIMEOUT_SECONDS } : {},
      timeoutMs: timeout === undefined ? undefined : timeout * 1000,
      retry: retries === undefined ? undefined : { maxAttempts: retries + 1 },
      userAgent: 'terraform-provider-integrateio',
      onEvent: logger ? apiEventLogger(logger) : undefined,
    });
    const dataDir = terraformDataDir(env);
    const adoption = new PipelineAdoption(client, {
      journal: new CreateJournal(dataDir),
      workspace: terraformWorkspace(dataDir, env),
      keyHash: keyFingerprint(apiKey ?? ''),
      // The client refuses a URL with a user name or password, so its base URL has none.
      apiUrl: client.baseUrl,
      logger,
    });
    return { client, adoption, plannedNames: new PlannedNames(), validations: new ValidationMemo(apiUrl ?? '', apiKey ?? ''), refreshReads: new RefreshReads(client), skipRemoteValidation, logger };
  } catch (err) {
    diags.addError('Invalid Provider Configuration', redactSecrets(err instanceof Error ? err.message : String(err)));
    return { skipRemoteValidation };
  }
}

/**
 * The client, or an error diagnostic saying why there is none.
 */
export function requireClient(data: PipelineProviderData, diags: Diagnostics): IntegrateioClient | undefined {
  if (data.client) return data.client;
  diags.addError('Provider Not Configured', 'The provider "integrateio" has no usable api_url and api_key (they may depend on values known only after apply). Set them to known values or the INTEGRATEIO_API_URL and INTEGRATEIO_API_KEY environment variables.');
  return undefined;
}
