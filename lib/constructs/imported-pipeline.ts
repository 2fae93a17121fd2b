import { Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataIntegrateioPipeline } from './generated/data-integrateio-pipeline';
import type { IPipeline } from './pipeline-interface';
import { renderValue } from './check-document';
import { addReportedValidation } from './stack-report';

/** Options of {@link Pipeline.fromPipelineId}. */
export interface PipelineReferenceOptions {
  /**
   * The provider configuration that reads the pipeline's attributes (name, status, observed
   * state), e.g. an aliased `IntegrateioProvider` for another account.
   *
   * @default - the stack's default `IntegrateioProvider`
   */
  readonly provider?: TerraformProvider;
}

/**
 * A pipeline this app does not create, referred to by id (see {@link Pipeline.fromPipelineId}).
 * `pipelineId` is the id itself: referring to it reads nothing. Reading any other attribute adds
 * an `integrateio_pipeline` data source, once, which reads the pipeline at plan time (and fails
 * the plan, naming the id, when there is no such pipeline).
 *
 * @internal
 */
export class ImportedPipeline extends Construct implements IPipeline {
  readonly pipelineId: string;
  readonly #provider?: TerraformProvider;
  #lookup?: DataIntegrateioPipeline;

  constructor(scope: Construct, id: string, pipelineId: string, options: PipelineReferenceOptions) {
    super(scope, id);
    this.pipelineId = pipelineId;
    this.#provider = options.provider;
    addReportedValidation(this, () =>
      Token.isUnresolved(pipelineId) || (typeof pipelineId === 'string' && /^[1-9]\d*$/.test(pipelineId))
        ? []
        : [`pipelineId: expected the id of an existing pipeline, a positive whole number such as "123" (see integrateio pipelines list), got ${renderValue(pipelineId)}`],
    );
  }

  /** The data source that reads the pipeline, made when first needed. */
  get lookup(): DataIntegrateioPipeline {
    this.#lookup ??= new DataIntegrateioPipeline(this, 'Lookup', { id: this.pipelineId, provider: this.#provider });
    return this.#lookup;
  }

  get pipelineName(): string {
    return this.lookup.getStringAttribute('name');
  }

  get pipelineStatus(): string {
    return this.lookup.getStringAttribute('status');
  }

  get pipelineObservedState(): string {
    return this.lookup.getStringAttribute('observed_state');
  }
}
