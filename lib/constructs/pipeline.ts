import { Token, type TerraformProvider } from 'cdktf';
import { deferredValue } from './deferred-value';
import { Construct } from 'constructs';
import { Pipeline as PipelineResource, type PipelineDefinition as PipelineDefinitionStruct } from './generated/pipeline';
import { findStack, formatProblem, PipelineDefinition } from './pipeline-definition';
import { renderDefinition } from './render-definition';
import { renderValue } from './check-document';

/** A duration as the provider takes it: numbers with units ms, s, m, h (`90s`, `10m`, `1h30m`). */
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

/** Properties of a {@link Pipeline}. */
export interface PipelineProps {
  /** What the pipeline is: a {@link PipelineDefinition} (written in code, read from a file, or derived). */
  readonly definition: PipelineDefinition;
  /**
   * The desired run state: `true` deploys the pipeline, `false` stops it; the apply waits until
   * the observed state matches (see `startTimeout`, `stopTimeout`).
   *
   * @default - not managed: the run state is left as it is (and read back into state)
   */
  readonly running?: boolean;
  /**
   * Stop with `force=true` when `running` changes to `false`, skipping the graceful-stop checks.
   *
   * @default false - stop gracefully
   */
  readonly forceStop?: boolean;
  /**
   * How long an apply waits for the pipeline to run after a start: a duration such as `90s`,
   * `10m` or `1h30m` (units ms, s, m, h).
   *
   * @default '10m' - the provider's default
   */
  readonly startTimeout?: string;
  /**
   * How long an apply waits for the pipeline to stop: a duration such as `90s`, `10m` or `1h30m`.
   *
   * @default '10m' - the provider's default
   */
  readonly stopTimeout?: string;
  /**
   * The provider configuration to use (e.g. an aliased `IntegrateioProvider` for another account).
   *
   * @default - the stack's default configuration: its `IntegrateioProvider` without an alias
   *   (cdktf requires the stack to have an `IntegrateioProvider`; one created without props makes
   *   the provider read `INTEGRATEIO_API_URL` and `INTEGRATEIO_API_KEY` from the environment)
   */
  readonly provider?: TerraformProvider;
}

/**
 * An Integrate.io ELT & CDC pipeline: synthesizes an `integrateio_pipeline` resource whose
 * `definition` is the given {@link PipelineDefinition} as it stands at synth.
 *
 * @example
 * const pipeline = new Pipeline(this, 'Orders', { definition: orders, running: true });
 * new TerraformOutput(this, 'OrdersId', { value: pipeline.pipelineId });
 */
export class Pipeline extends Construct {
  /** The definition the pipeline is created from. */
  readonly definition: PipelineDefinition;
  /** The generated L1 resource (`integrateio_pipeline`), for settings this construct does not expose. */
  readonly resource: PipelineResource;
  /** The pipeline's id (a token, known after apply). Made when first read: tokens are not free at synth. */
  get pipelineId(): string {
    return this.resource.id;
  }
  /** The desired run state the API reports, `deployed` or `stopped` (a token, known after apply). */
  get pipelineStatus(): string {
    return this.resource.status;
  }
  /** What the pipeline is doing: `stopped`, `starting`, `running` or `stopping` (a token, known after apply). */
  get pipelineObservedState(): string {
    return this.resource.observedState;
  }

  /**
   * Defines a pipeline.
   *
   * @param scope the stack (or a construct in it).
   * @param id the construct id.
   * @param props the definition and the run settings.
   */
  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    this.definition = props.definition;
    const definition = props.definition;
    // The document is read when the stack is synthesized, so later changes to the definition
    // (addTable, changes to a base it derives from) are included.
    const value = deferredValue(() => renderDefinition(definition.document), `definition of ${definition.node.path}`);
    this.resource = new PipelineResource(this, 'Resource', {
      // The generated config type has no IResolvable for this attribute, but the resource takes one.
      definition: value as unknown as PipelineDefinitionStruct,
      running: props.running,
      forceStop: props.forceStop,
      startTimeout: props.startTimeout,
      stopTimeout: props.stopTimeout,
      provider: props.provider,
    });
    this.node.defaultChild = this.resource;
    this.node.addValidation({ validate: () => this.validationMessages(props) });
  }

  private validationMessages(props: PipelineProps): string[] {
    const messages: string[] = [];
    const definition = props.definition;
    if (!PipelineDefinition.isPipelineDefinition(definition)) {
      return [`definition: expected a PipelineDefinition construct, got ${renderValue(definition)}: create one with new PipelineDefinition(…) or PipelineDefinition.fromFile(…)`];
    }
    for (const [name, timeout] of [['startTimeout', props.startTimeout], ['stopTimeout', props.stopTimeout]] as const) {
      if (timeout !== undefined && !Token.isUnresolved(timeout) && !DURATION.test(timeout)) {
        messages.push(`${name}: expected a duration such as "90s", "10m" or "1h30m" (units ms, s, m, h), got ${renderValue(timeout)}`);
      }
    }
    // A definition that no stack validates (defined under the App) or that another stack
    // validates separately is checked here, so its problems stop this stack's synth too.
    const definitionStack = findStack(definition);
    if (definitionStack === undefined || definitionStack !== findStack(this)) {
      for (const problem of definition.listProblems()) messages.push(`definition ${definition.node.path}: ${formatProblem(problem)}`);
    }
    return messages;
  }
}
