import { Token, type TerraformProvider } from 'cdktf';
import { deferredValue } from './deferred-value';
import { Construct } from 'constructs';
import { renderValue } from './check-document';
import { Duration, isDurationText } from './duration';
import type { Pipeline as GeneratedPipeline } from './generated/pipeline';
import { ImportedPipeline, type PipelineReferenceOptions } from './imported-pipeline';
import { formatProblem, PipelineDefinition, viewDocument } from './pipeline-definition';
import type { IPipeline } from './pipeline-interface';
import { PipelineResource } from './pipeline-resource';
import { renderDefinition } from './render-definition';
import { addReportedValidation, findStack, type StackPass } from './stack-report';

const IS_PIPELINE = Symbol.for('integrateio.Pipeline');

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
   * How long an apply waits for the pipeline to run after a start, e.g. `Duration.minutes(15)`.
   * A string such as `'90s'`, `'10m'` or `'1h30m'` (units ms, s, m, h) is still accepted, checked
   * at synth, and is the way to pass a token (a `TerraformVariable`'s `stringValue`); prefer
   * {@link Duration} otherwise.
   *
   * @default - 10 minutes, the provider's default
   */
  readonly startTimeout?: Duration | string;
  /**
   * How long an apply waits for the pipeline to stop, e.g. `Duration.minutes(5)` (or a string,
   * as for `startTimeout`).
   *
   * @default - 10 minutes, the provider's default
   */
  readonly stopTimeout?: Duration | string;
  /**
   * The provider configuration to use (e.g. an aliased `IntegrateioProvider` for another account).
   *
   * @default - the stack's default configuration: its `IntegrateioProvider` without an alias
   *   (cdktf requires the stack to have an `IntegrateioProvider`; one created without props makes
   *   the provider read `INTEGRATEIO_API_URL` and `INTEGRATEIO_API_KEY` from the environment)
   */
  readonly provider?: TerraformProvider;
}

/** A timeout as the provider takes it. */
function timeoutText(timeout: Duration | string | undefined): string | undefined {
  return Duration.isDuration(timeout) ? timeout.toTerraform() : timeout;
}

/** The name a pipeline synthesizes with and the provider configuration it uses, or undefined when the name is not known at synth. */
function identity(pipeline: Pipeline): { name: string; provider: string } | undefined {
  if (!PipelineDefinition.isPipelineDefinition(pipeline.definition)) return undefined;
  const document = viewDocument(pipeline.definition);
  const name = document !== null && typeof document === 'object' ? (document as { name?: unknown }).name : undefined;
  if (typeof name !== 'string' || Token.isUnresolved(name)) return undefined;
  return { name, provider: pipeline.resource.provider?.alias ?? '' };
}

/**
 * An Integrate.io ELT & CDC pipeline: synthesizes an `integrateio_pipeline` resource whose
 * `definition` is the given {@link PipelineDefinition} as it stands at synth.
 *
 * Two pipelines of one stack with the same name (and the same provider configuration) are an
 * error at synth: they would be one pipeline in the account.
 *
 * @example
 * const pipeline = new Pipeline(this, 'Orders', { definition: orders, running: true, startTimeout: Duration.minutes(15) });
 * new TerraformOutput(this, 'OrdersId', { value: pipeline.pipelineId });
 */
export class Pipeline extends Construct implements IPipeline {
  /**
   * The Terraform resource type this construct synthesizes, so that cdktf's jest matchers take the
   * construct itself: `expect(synthesized).toHaveResourceWithProperties(Pipeline, { … })`.
   */
  static readonly tfResourceType = 'integrateio_pipeline';

  /**
   * Refers to an existing pipeline that this app does not create, by id (like aws-cdk's
   * `Bucket.fromBucketName`): use it wherever a pipeline is referenced (outputs, other
   * resources, other stacks). `pipelineId` is the given id and reads nothing; reading
   * `pipelineName`, `pipelineStatus` or `pipelineObservedState` adds an `integrateio_pipeline`
   * data source that reads the pipeline at plan time (the plan fails if there is none).
   *
   * @param scope the stack (or a construct in it).
   * @param id the construct id.
   * @param pipelineId the pipeline's id (e.g. from `integrateio pipelines list`), or a token.
   * @example
   * const legacy = Pipeline.fromPipelineId(this, 'Legacy', '123');
   * new TerraformOutput(this, 'legacy_state', { value: legacy.pipelineObservedState });
   */
  static fromPipelineId(scope: Construct, id: string, pipelineId: string, options: PipelineReferenceOptions = {}): IPipeline {
    return new ImportedPipeline(scope, id, pipelineId, options);
  }

  /** True when `x` is a {@link Pipeline} construct (also across copies of this library). */
  static isPipeline(x: unknown): x is Pipeline {
    return x !== null && typeof x === 'object' && IS_PIPELINE in x;
  }

  /** The definition the pipeline is created from. */
  readonly definition: PipelineDefinition;
  /**
   * The generated L1 resource (`integrateio_pipeline`), for settings this construct does not
   * expose; also `node.defaultChild`. Its `definition` is rendered at synth as a plain object,
   * so `resource.addOverride('definition.sync.frequency', 30)` works.
   */
  readonly resource: GeneratedPipeline;
  /** The pipeline's id (a token, known after apply). Made when first read: tokens are not free at synth. */
  get pipelineId(): string {
    return this.resource.getStringAttribute('id');
  }
  /** The pipeline's name (a token for the resource's `definition.name`; Terraform knows it at plan). */
  get pipelineName(): string {
    return this.resource.getStringAttribute('definition.name');
  }
  /** The desired run state the API reports, `deployed` or `stopped` (a token, known after apply). */
  get pipelineStatus(): string {
    return this.resource.getStringAttribute('status');
  }
  /** What the pipeline is doing: `stopped`, `starting`, `running` or `stopping` (a token, known after apply). */
  get pipelineObservedState(): string {
    return this.resource.getStringAttribute('observed_state');
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
    Object.defineProperty(this, IS_PIPELINE, { value: true });
    this.definition = props.definition;
    const definition = props.definition;
    // The document is read when the stack is synthesized, so later changes to the definition
    // (addTable, changes to a base it derives from) are included. It is not copied: rendering
    // makes the copy that goes into the output.
    const document = () => viewDocument(definition);
    const lazy = deferredValue(() => renderDefinition(document()), () => `definition of ${definition.node?.path}`);
    this.resource = new PipelineResource(
      this,
      'Resource',
      {
        running: props.running,
        forceStop: props.forceStop,
        startTimeout: timeoutText(props.startTimeout),
        stopTimeout: timeoutText(props.stopTimeout),
        provider: props.provider,
      },
      document,
      lazy,
    );
    this.node.defaultChild = this.resource;
    addReportedValidation(this, (pass) => this.validationMessages(props, pass));
  }

  private validationMessages(props: PipelineProps, pass: StackPass | undefined): string[] {
    const messages: string[] = [];
    const definition = props.definition;
    if (!PipelineDefinition.isPipelineDefinition(definition)) {
      return [`definition: expected a PipelineDefinition construct, got ${renderValue(definition)}: create one with new PipelineDefinition(…) or PipelineDefinition.fromFile(…)`];
    }
    for (const [name, timeout] of [['startTimeout', props.startTimeout], ['stopTimeout', props.stopTimeout]] as const) {
      if (timeout !== undefined && !Duration.isDuration(timeout) && !Token.isUnresolved(timeout) && !(typeof timeout === 'string' && isDurationText(timeout))) {
        messages.push(`${name}: expected a duration such as Duration.minutes(10), or a string such as "90s", "10m" or "1h30m" (units ms, s, m, h), got ${renderValue(timeout)}`);
      }
    }
    // A definition that no stack validates (defined under the App) or that another stack
    // validates separately is checked here, so its problems stop this stack's synth too.
    const definitionStack = findStack(definition);
    if (definitionStack === undefined || definitionStack !== findStack(this)) {
      for (const problem of definition.listProblems()) messages.push(`definition ${definition.node.path}: ${formatProblem(problem)}`);
    }
    if (pass) messages.push(...this.sameNameMessages(pass));
    return messages;
  }

  /** The problem of sharing this pipeline's name with other pipelines of the stack (same provider configuration). */
  private sameNameMessages(pass: StackPass): string[] {
    const { byName, identities } = pass.memo('pipelinesByName', () => {
      const groups = new Map<string, Pipeline[]>();
      const found = new Map<Pipeline, { name: string; provider: string }>();
      for (const construct of pass.reporters) {
        if (!Pipeline.isPipeline(construct)) continue;
        const pipeline = identity(construct);
        if (!pipeline) continue;
        found.set(construct, pipeline);
        const key = JSON.stringify([pipeline.name, pipeline.provider]);
        const group = groups.get(key);
        if (group) group.push(construct);
        else groups.set(key, [construct]);
      }
      return { byName: groups, identities: found };
    });
    const mine = identities.get(this) ?? identity(this);
    if (!mine) return [];
    const others = (byName.get(JSON.stringify([mine.name, mine.provider])) ?? []).filter((p) => p !== this);
    if (others.length === 0) return [];
    const where = mine.provider === '' ? '' : ` with the provider alias ${JSON.stringify(mine.provider)}`;
    return [
      `definition.name: ${JSON.stringify(mine.name)} is also the name of ${others.map((p) => p.node.path).join(', ')} in this stack${where}: both would manage the same pipeline of the account; give each pipeline its own name (e.g. derive the definition with a nameSuffix)`,
    ];
  }
}
