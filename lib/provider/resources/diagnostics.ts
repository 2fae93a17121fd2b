import { isApiError, isWaitTimeoutError, type WaitTimeoutError } from '../../api/errors';
import { redactSecrets } from '../../api/redact';
import { describeRejection } from '../../api/rejection';
import type { DefinitionIssue } from '../../definition/issues';
import { parsePath } from '../../definition/path';
import { errorDiagnostic, type AttributePath, type AttributePathStep, type Diagnostic } from '../framework';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Turns a document field path (`tables[0].apend_only`) into the Terraform attribute path under
 * `root` (`definition.tables[0].apend_only`). `definition` is a dynamic attribute, so the whole
 * path exists in the value Terraform sent: it is kept in full (a key that is not an identifier,
 * such as a column called `a.b`, is a `["a.b"]` step).
 */
export function fieldToAttributePath(field: string, root: AttributePath = ['definition']): AttributePath {
  const out: AttributePathStep[] = [...root];
  for (const segment of parsePath(field)) out.push(typeof segment === 'number' || IDENTIFIER.test(segment) ? segment : { key: segment });
  return out;
}

const SUMMARY: Record<DefinitionIssue['kind'], string> = {
  syntax: 'Unreadable Pipeline Definition',
  shape: 'Invalid Pipeline Definition Shape',
  semantic: 'Invalid Pipeline Definition',
};

/**
 * One error diagnostic per definition issue, each pointing at its attribute under `root`; Terraform
 * shows the attribute path itself (`At definition.tables[1].columns:`), so the detail is the message.
 */
export function issuesToDiagnostics(issues: readonly DefinitionIssue[], root: AttributePath = ['definition']): Diagnostic[] {
  return issues.map((issue) => errorDiagnostic(SUMMARY[issue.kind], issue.message, fieldToAttributePath(issue.path, root)));
}

/**
 * The one sentence a 400 or 422 deserves: what the API rejected and why, without the HTTP method,
 * path and status (they are in the debug log) and without repeating the field.
 */
export function rejectionSentence(err: { detail: string; field?: string }, doing: string): string {
  const { field, message } = describeRejection(err);
  return `${doing}: the Integrate.io API rejected ${field ? `definition.${field}` : 'the definition'}: ${redactSecrets(message)}`;
}

/** What a wait that timed out saw, one sentence: `pipeline 12 did not become "running" within 600 s (it was still "starting").` */
export function waitTimeoutSummary(err: WaitTimeoutError): string {
  const last = err.lastObservedState === undefined ? 'no state was observed' : `it was still "${err.lastObservedState}"`;
  return `pipeline ${err.pipelineId} did not become "${err.target}" within ${Math.round(err.elapsedMs / 1000)} s (${last}).`;
}

/**
 * Turns any error met while calling the API into one error diagnostic whose summary names the
 * problem and whose detail says what was being done and what to do. A 400 or 422 with a failing
 * field points at that field of `definition`. The API key never appears.
 */
export function apiErrorToDiagnostic(err: unknown, doing: string): Diagnostic {
  if (isWaitTimeoutError(err)) {
    return errorDiagnostic(
      'Pipeline State Wait Timed Out',
      `${doing}: ${waitTimeoutSummary(err)} Nothing was undone: run the apply again to keep waiting, or raise ${err.target === 'stopped' ? 'stop_timeout' : 'start_timeout'}.`,
    );
  }
  if (!isApiError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return errorDiagnostic('Unexpected Provider Error', `${doing}: ${redactSecrets(message)}`);
  }
  const detail = `${doing}: ${redactSecrets(err.message)}`;
  if (err.code === 'wrong_api_url') {
    return errorDiagnostic('Wrong API URL', `${doing}: ${redactSecrets(err.detail)}.\n\nSet api_url in the provider "integrateio" block (or INTEGRATEIO_API_URL) to the service root; the provider adds /api/public/v1 itself.`);
  }
  if (err.code === 'timeout') {
    return errorDiagnostic('Integrate.io API Timeout', `${detail}\n\nThe API did not answer within request_timeout_seconds (default 30). Check that api_url (or INTEGRATEIO_API_URL) points at the API and that it is up, or raise request_timeout_seconds.`);
  }
  switch (err.status) {
    case 400:
    case 422:
      return errorDiagnostic(err.status === 400 ? 'Invalid Pipeline Definition' : 'Invalid Pipeline Definition Shape', `${rejectionSentence(err, doing)}.`.replace(/\.\.$/, '.'), err.field ? fieldToAttributePath(err.field) : ['definition']);
    case 401:
      return errorDiagnostic('Invalid API Key', `${detail}\n\nThe API key is missing, unknown, revoked or expired. Set api_key in the provider block or INTEGRATEIO_API_KEY to a valid key (fdk_…).`);
    case 403:
      return errorDiagnostic('Permission Denied', `${detail}\n\nThe API key lacks the rights for this call.`);
    case 404:
      return errorDiagnostic('Pipeline Not Found', `${detail}\n\nIt does not exist, was archived, or belongs to another account.`);
    case 429:
      return errorDiagnostic('Rate Limited', `${detail}\n\nThe API kept answering 429 after every retry. Lower -parallelism or raise max_retries.`);
    case 0:
      return errorDiagnostic(err.code === 'timeout' ? 'Integrate.io API Timeout' : 'Cannot Reach the Integrate.io API', `${detail}\n\nCheck api_url (or INTEGRATEIO_API_URL) and the network, then run the command again.`);
    default:
      return errorDiagnostic(err.status >= 500 ? 'Integrate.io API Error' : 'Unexpected API Response', `${detail}\n\nRun the command again; Terraform keeps what was already done.`);
  }
}
