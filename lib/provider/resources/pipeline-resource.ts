import type { IntegrateioClient, PipelineMetadata } from '../../api';
import type { PipelineDefinition } from '../../definition';
import { isApiError, isWaitTimeoutError } from '../../api/errors';
import { isUnknown, unknown, valuesEqual, type Diagnostics, type ObjectValue, type ResourceDefinition } from '../framework';
import { documentToValue } from './definition-value';
import { apiErrorToDiagnostic } from './diagnostics';
import { parseDuration } from './duration';
import { requireClient, type PipelineProviderData } from './provider-config';
import { DEFAULT_WAIT, pipelineSchema } from './pipeline-schema';
import { definitionLibrary } from './lazy-libraries';
import { definitionDocument, metadataAttributes, planVolatileAttributes, sameDefinition, stateAfterApply } from './pipeline-state';

function pipelineId(state: ObjectValue): number {
  return Number(state.id);
}

function waitMs(value: unknown): number {
  return parseDuration(typeof value === 'string' ? value : DEFAULT_WAIT) ?? parseDuration(DEFAULT_WAIT)!;
}

/** Brings the pipeline to the desired run state and waits until the observed state matches. */
async function converge(client: IntegrateioClient, id: number, running: boolean, plan: ObjectValue): Promise<PipelineMetadata> {
  if (running) {
    await client.startPipeline(id);
    return client.waitForObservedState(id, 'running', { timeoutMs: waitMs(plan.start_timeout) });
  }
  await client.stopPipeline(id, { force: plan.force_stop === true });
  return client.waitForObservedState(id, 'stopped', { timeoutMs: waitMs(plan.stop_timeout) });
}

/**
 * Runs the API's validate endpoint during plan; a 400/422 points at the failing attribute. A
 * definition the API accepted for the same target in the last minutes is not sent again (see
 * validation-memo.ts): Terraform plans each change twice per apply.
 */
async function validateRemotely(data: PipelineProviderData, prior: ObjectValue | null, doc: PipelineDefinition, diags: Diagnostics): Promise<void> {
  if (!data.client || data.skipRemoteValidation) return;
  const target = prior ? `pipeline ${pipelineId(prior)}` : 'new';
  const canonical = definitionLibrary().toCanonicalJson(doc);
  if (data.validations?.has(target, canonical)) return;
  try {
    if (prior) await data.client.validateExisting(pipelineId(prior), doc);
    else await data.client.validateNew(doc);
    data.validations?.remember(target, canonical);
  } catch (err) {
    diags.add(apiErrorToDiagnostic(err, prior ? `Validating the new definition of pipeline ${prior.id as string}` : 'Validating the definition'));
  }
}

/**
 * The `integrateio_pipeline` resource: create → POST (or the adoption of a live pipeline with the
 * same name and definition that no other resource of the run took, see `pipeline-adoption.ts`),
 * a changed definition → PUT in place, `running` → start/stop with waits, destroy → archive, a 404
 * on read → gone from state, import by id. Plans are checked locally and by the API's validate
 * endpoint.
 */
export const pipelineResource = {
  typeName: 'integrateio_pipeline',
  schema: pipelineSchema,

  validateConfig(config, diags) {
    definitionDocument(config.definition, diags);
  },

  async modifyPlan({ config, prior, planned, providerData }, diags) {
    const doc = isUnknown(planned.definition) ? undefined : definitionDocument(planned.definition);
    const definitionChanged = !prior || !doc || !sameDefinition(prior.definition, doc);
    if (definitionChanged && doc) await validateRemotely(providerData, prior, doc, diags);
    if (!prior) return planned;
    const runningChanged = !valuesEqual(prior.running, planned.running);
    const plan = planVolatileAttributes(planned, prior, { definition: definitionChanged, running: runningChanged });
    // A wait that timed out (a slow start): the pipeline has the wanted run state but is not there
    // yet, so the apply waits again.
    const target = config.running === true ? 'running' : config.running === false ? 'stopped' : undefined;
    if (target !== undefined && !runningChanged && prior.observed_state !== target) plan.observed_state = unknown;
    return plan;
  },

  async create({ planned, providerData }, diags) {
    const client = requireClient(providerData, diags);
    const doc = definitionDocument(planned.definition, diags);
    if (!client || !doc) return null;
    let meta: PipelineMetadata;
    try {
      const adopted = await providerData.adoption?.adopt(doc);
      if (adopted) {
        diags.addWarning(
          'Adopted Existing Pipeline',
          `Pipeline ${adopted.id} named "${doc.name}" already existed with exactly this definition, so it is now managed here instead of being created twice (it was most likely created by an earlier apply that was interrupted before it could record it). If another configuration manages it, remove it from this one with terraform state rm and give the pipelines different names.`,
        );
      }
      meta = adopted ?? (await client.createPipeline(doc));
    } catch (err) {
      diags.add(apiErrorToDiagnostic(err, 'Creating the pipeline'));
      return null;
    }
    if (planned.running === true || (planned.running === false && meta.status === 'deployed')) {
      try {
        meta = await converge(client, meta.id, planned.running === true, planned);
      } catch (err) {
        // A slow start is not a failed create: an error here would taint the new pipeline and the
        // next apply would archive it and create another. It is kept, and the next apply waits again.
        if (!isWaitTimeoutError(err)) diags.add(apiErrorToDiagnostic(err, `${planned.running === true ? 'Starting' : 'Stopping'} pipeline ${meta.id}`));
        else {
          diags.addWarning(planned.running === true ? 'Pipeline Not Yet Running' : 'Pipeline Not Yet Stopped', `${apiErrorToDiagnostic(err, `Pipeline ${meta.id} was created`).detail.replace(/ Nothing was undone:.*$/, '')} It is recorded in the state as created (not tainted, so it is never replaced for being slow); the next plan shows it waiting again and the next apply waits for it.`);
          meta = await client.getPipeline(meta.id).catch(() => meta);
        }
      }
    }
    return stateAfterApply(planned, meta);
  },

  async read({ state, providerData }, diags) {
    const client = requireClient(providerData, diags);
    if (!client) return state;
    const id = pipelineId(state);
    try {
      const [meta, remote] = await Promise.all([client.getPipeline(id), client.getDefinition(id)]);
      const definition = state.definition !== null && sameDefinition(state.definition, remote) ? state.definition : documentToValue(remote);
      return { ...state, ...metadataAttributes(meta), definition, running: meta.status === 'deployed' };
    } catch (err) {
      if (isApiError(err) && err.status === 404) return null;
      diags.add(apiErrorToDiagnostic(err, `Reading pipeline ${id}`));
      return state;
    }
  },

  async update({ planned, prior, providerData }, diags) {
    const client = requireClient(providerData, diags);
    const doc = definitionDocument(planned.definition, diags);
    if (!client || !doc) return prior;
    const id = pipelineId(prior);
    let meta: PipelineMetadata | undefined;
    try {
      if (!sameDefinition(prior.definition, doc)) meta = await client.replaceDefinition(id, doc);
      if (typeof planned.running === 'boolean' && (planned.running !== prior.running || isUnknown(planned.observed_state))) meta = await converge(client, id, planned.running, planned);
      meta ??= await client.getPipeline(id);
    } catch (err) {
      diags.add(apiErrorToDiagnostic(err, `Updating pipeline ${id}`));
      return meta ? stateAfterApply({ ...planned, running: prior.running }, meta) : prior;
    }
    return stateAfterApply(planned, meta);
  },

  async delete({ prior, providerData }, diags) {
    const client = requireClient(providerData, diags);
    if (!client) return;
    const id = pipelineId(prior);
    if (providerData.adoption?.beginArchive(id) === false) {
      diags.addWarning('Pipeline Kept', `Pipeline ${id} was not archived: another integrateio_pipeline resource with the same name and definition took it over in this apply (a resource renamed without a moved block).`);
      return;
    }
    try {
      await client.archivePipeline(id);
    } catch (err) {
      if (isApiError(err) && err.status === 404) return;
      diags.add(apiErrorToDiagnostic(err, `Archiving pipeline ${prior.id as string}`));
    }
  },

  async importState({ id }, diags) {
    if (!/^[1-9][0-9]{0,14}$/.test(id)) {
      diags.addError('Invalid Import Id', `"${id}" is not a pipeline id: import with the numeric id shown by \`integrateio pipelines list\`, e.g. terraform import integrateio_pipeline.orders 12.`);
      return {};
    }
    const state: ObjectValue = {};
    for (const name of Object.keys(pipelineSchema.attributes)) state[name] = null;
    return { ...state, id };
  },
} satisfies ResourceDefinition<PipelineProviderData>;
