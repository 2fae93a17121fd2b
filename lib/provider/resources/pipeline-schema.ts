import { useStateForUnknown, type Schema } from '../framework';
import { durationString } from './duration';

/** The default of `start_timeout` and `stop_timeout`. */
export const DEFAULT_WAIT = '10m';

/** The schema of the `integrateio_pipeline` resource. */
export const pipelineSchema: Schema = {
  // Version 1: `definition` is a dynamic attribute checked strictly by the provider (version 0 had
  // a nested attribute, which let Terraform drop unknown keys); see upgradeState.
  version: 1,
  description: 'An Integrate.io ELT & CDC pipeline, defined by its definition document. A changed definition is replaced in place; destroy archives the pipeline.',
  attributes: {
    id: { description: 'The pipeline id.', type: 'string', computed: true, planModifiers: [useStateForUnknown()] },
    definition: {
      description:
        'The pipeline definition document, version 1, as in the API reference: write it in HCL or load it with `yamldecode(file("orders.yaml"))`. Checked strictly at validate and plan: an unknown key, a wrong type or a broken rule is an error naming its field.',
      type: 'dynamic',
      required: true,
    },
    running: {
      description: 'Desired run state: true deploys the pipeline, false stops it; the apply waits until the observed state matches. Omit it to leave the run state alone.',
      type: 'bool',
      optional: true,
      computed: true,
      planModifiers: [useStateForUnknown()],
    },
    force_stop: { description: 'Stop with force=true, skipping the graceful-stop checks. Default false.', type: 'bool', optional: true },
    start_timeout: { description: `How long an apply waits for the pipeline to run after a start. Default ${DEFAULT_WAIT}.`, type: 'string', optional: true, validators: [durationString()] },
    stop_timeout: { description: `How long an apply waits for the pipeline to stop. Default ${DEFAULT_WAIT}.`, type: 'string', optional: true, validators: [durationString()] },
    status: { description: 'Desired run state reported by the API: `deployed` or `stopped`.', type: 'string', computed: true },
    observed_state: { description: 'What the pipeline is doing: `stopped`, `starting`, `running` or `stopping`.', type: 'string', computed: true },
    created_at: { description: 'When the pipeline was created (RFC 3339).', type: 'string', computed: true, planModifiers: [useStateForUnknown()] },
    updated_at: { description: 'When the definition last changed (RFC 3339).', type: 'string', computed: true },
    last_source_sync_at: { description: 'When the source last synced (RFC 3339), or null.', type: 'string', computed: true },
    last_destination_sync_at: { description: 'When the destination last synced (RFC 3339), or null.', type: 'string', computed: true },
  },
};

/** The computed attributes that come from the pipeline's metadata and change on their own. */
export const VOLATILE_ATTRIBUTES = ['status', 'observed_state', 'updated_at', 'last_source_sync_at', 'last_destination_sync_at'] as const;
