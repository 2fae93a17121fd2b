import type { IntegrateioClient, PipelineMetadata } from '../../api';
import type { PipelineDefinition } from '../../definition';
import { isApiError, isWaitTimeoutError } from '../../api/errors';
import { isUnknown, unknown, valuesEqual, type Diagnostics, type ObjectValue, type ResourceDefinition } from '../framework';
import { checkDefinitionValue } from './check-definition';
import { documentToDefinitionValue, legacyDefinitionValue } from './definition-value';
import { apiErrorToDiagnostic, issuesToDiagnostics, waitTimeoutSummary } from './diagnostics';
import { addDataChangeWarnings } from './data-change-diagnostics';
import { parseDuration } from './duration';
import { requireClient, type PipelineProviderData } from './provider-config';
import { DEFAULT_WAIT, pipelineSchema } from './pipeline-schema';
import { definitionLibrary } from './lazy-libraries';
import { pipelineKey } from './plan-names';
import { replacedPipelineId, replacementMarker } from './replacement-marker';
import { needsDefinitionRead } from './definition-refresh';
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
 * Two instances of this plan naming their pipeline alike is an error: names identify pipelines
 * (the CLI applies by name, data sources look up by name). `key` identifies the instance by its
 * pipeline (or the one it replaces); a new instance gets a key of its own.
 */
function checkUniqueName(data: PipelineProviderData, name: string, key: string | undefined, diags: Diagnostics): void {
  const others = data.plannedNames?.claim(name, key ?? data.plannedNames.freshKey()) ?? [];
  if (others.length === 0) return;
  const other = others[0].startsWith('pipeline ') ? `the resource that manages ${others[0]}` : 'another new integrateio_pipeline resource';
  diags.addError(
    'Duplicate Pipeline Name',
    `The pipeline name "${name}" is also planned by ${other} of this configuration. Each integrateio_pipeline must have its own definition.name: rename one of them.`,
    ['definition', 'name'],
  );
}

/**
 * A create never takes over a live pipeline that this configuration cannot prove it made (another
 * state's, another stack's, one made by hand), so it makes a second one: the plan warns when a
 * live pipeline already has the same name and definition, with the `import {}` block that brings
 * it under this configuration instead. (Not an error: Terraform's apply-time plan of the create
 * half of a `create_before_destroy` replacement looks exactly like this, with the replaced
 * pipeline still live, and must go through.)
 */
async function warnIfAlreadyLive(data: PipelineProviderData, doc: PipelineDefinition, replacing: number | undefined, diags: Diagnostics): Promise<void> {
  if (!data.adoption) return;
  let conflicts: number[];
  try {
    conflicts = await data.adoption.conflicts(doc, replacing);
  } catch (err) {
    diags.add(apiErrorToDiagnostic(err, `Looking for live pipelines named "${doc.name}"`));
    return;
  }
  if (conflicts.length === 0) return;
  const id = conflicts[0];
  diags.addWarning(
    'Pipeline With This Name Already Exists',
    `Live pipeline ${id} is already named "${doc.name}" with exactly this definition, and this configuration did not create it (another Terraform state or CDKTF stack may manage it). This configuration never takes over a pipeline it did not create, so the apply creates a second pipeline, which runs the same sync again. If pipeline ${id} is the one this apply replaces, ignore this. To manage pipeline ${id} here instead, import it with this block (with this resource's address) and plan again:\n\nimport {\n  to = integrateio_pipeline.<name>\n  id = "${id}"\n}\n\nIf you renamed this resource, add a moved block instead; if both are meant to exist, give this one another name.`,
    ['definition', 'name'],
  );
}

/**
 * The `integrateio_pipeline` resource: create → POST through the journal of pending creates (or
 * the adoption of this configuration's own orphan of an interrupted create, see
 * `pipeline-adoption.ts`; never of another configuration's pipeline),
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

  async modifyPlan({ config, prior, planned: proposed, providerData, priorPrivate, setPlannedPrivate }, diags) {
    // Validate reported the problems of what was known then; values known since are checked here.
    const check = checkDefinitionValue(proposed.definition);
    if (check.issues.length > 0) {
      diags.add(...issuesToDiagnostics(check.issues));
      return proposed;
    }
    const doc = check.definition;
    const sameAsPrior = prior !== null && doc !== undefined && sameDefinition(prior.definition, doc);
    // Same meaning (defaults, set order, formatting aside): keep the prior value, so no diff shows.
    const planned = sameAsPrior ? { ...proposed, definition: prior.definition } : proposed;
    const definitionChanged = !sameAsPrior;
    if (definitionChanged && doc) await validateRemotely(providerData, prior, doc, diags);
    if (prior) {
      setPlannedPrivate(replacementMarker(pipelineId(prior)));
      providerData.adoption?.noteManaged(pipelineId(prior));
    }
    const replacing = prior ? undefined : replacedPipelineId(priorPrivate);
    if (doc) checkUniqueName(providerData, doc.name, prior ? pipelineKey(pipelineId(prior)) : replacing !== undefined ? pipelineKey(replacing) : undefined, diags);
    if (!prior && doc && !diags.hasErrors()) await warnIfAlreadyLive(providerData, doc, replacing, diags);
    if (!prior) return planned;
    if (definitionChanged && doc) addDataChangeWarnings(prior, doc, diags);
    const runningChanged = !valuesEqual(prior.running, planned.running);
    const plan = planVolatileAttributes(planned, prior, { definition: definitionChanged, running: runningChanged });
    // A wait that timed out (a slow start): the pipeline has the wanted run state but is not there
    // yet, so the apply waits again.
    const target = config.running === true ? 'running' : config.running === false ? 'stopped' : undefined;
    if (target !== undefined && !runningChanged && prior.observed_state !== target) plan.observed_state = unknown;
    return plan;
  },

  planDestroy({ prior }, diags) {
    addDataChangeWarnings(prior, undefined, diags);
  },

  async create({ planned, providerData }, diags) {
    const client = requireClient(providerData, diags);
    providerData.refreshReads?.forget();
    const doc = definitionDocument(planned.definition, diags);
    if (!client || !doc) return null;
    let meta: PipelineMetadata;
    try {
      meta = providerData.adoption ? await providerData.adoption.create(doc, diags) : await client.createPipeline(doc);
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
          diags.addWarning(planned.running === true ? 'Pipeline Not Yet Running' : 'Pipeline Not Yet Stopped', `Pipeline ${meta.id} was created: ${waitTimeoutSummary(err)} It is recorded in the state as created (not tainted, so it is never replaced for being slow); the next plan shows it waiting again and the next apply waits for it.`);
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
      providerData.adoption?.noteManaged(id);
      const meta = providerData.refreshReads ? await providerData.refreshReads.metadata(id) : await client.getPipeline(id);
      const remote = needsDefinitionRead(state, meta) ? await client.getDefinition(id) : undefined;
      const definition = remote === undefined || (state.definition !== null && sameDefinition(state.definition, remote)) ? state.definition : documentToDefinitionValue(remote);
      return { ...state, ...metadataAttributes(meta), definition, running: meta.status === 'deployed' };
    } catch (err) {
      if (isApiError(err) && err.status === 404) return null;
      diags.add(apiErrorToDiagnostic(err, `Reading pipeline ${id}`));
      return state;
    }
  },

  async update({ planned, prior, providerData }, diags) {
    const client = requireClient(providerData, diags);
    providerData.refreshReads?.forget();
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
    providerData.refreshReads?.forget();
    if (!client) return;
    const id = pipelineId(prior);
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

  async upgradeState({ version, state }, diags) {
    if (version === 0) {
      // Version 0 stored `definition` as a nested attribute: every field present, null when absent.
      return { ...(state as ObjectValue), definition: legacyDefinitionValue(state.definition) };
    }
    diags.addError('Unable To Upgrade State', `The state of this integrateio_pipeline has schema version ${version}, which this provider does not know. Upgrade the provider.`);
    return state as ObjectValue;
  },
} satisfies ResourceDefinition<PipelineProviderData>;
