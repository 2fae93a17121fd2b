import type { IConstruct } from 'constructs';

/**
 * A pipeline that a stack can refer to: one it creates ({@link Pipeline}) or one that exists
 * already ({@link Pipeline.fromPipelineId}). Its attributes are strings to use wherever a
 * pipeline is referenced: outputs, other resources' arguments, other stacks (cdktf wires a
 * cross-stack reference when a token of one stack is used in another).
 */
export interface IPipeline extends IConstruct {
  /** The pipeline's id: a token known after apply for a created pipeline, the given id for a reference. */
  readonly pipelineId: string;
  /** The pipeline's name (a token: the definition's `name` for a created pipeline, read from the API for a reference). */
  readonly pipelineName: string;
  /** The desired run state the API reports, `deployed` or `stopped` (a token). */
  readonly pipelineStatus: string;
  /** What the pipeline is doing: `stopped`, `starting`, `running` or `stopping` (a token). */
  readonly pipelineObservedState: string;
}
