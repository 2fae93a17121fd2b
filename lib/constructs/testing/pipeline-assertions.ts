import { Testing, TerraformStack } from 'cdktf';
import type { PipelineDocument } from '../../definition';
import { Duration } from '../duration';
import { Pipeline } from '../pipeline';
import { mismatch } from './match-containing';

/** Which pipeline an assertion is about: its name (`definition.name`), or the `Pipeline` construct itself. */
export type PipelineSelector = string | Pipeline;

function describeSelector(selector: PipelineSelector): string {
  return Pipeline.isPipeline(selector) ? `the pipeline of ${selector.node.path}` : `a pipeline named ${JSON.stringify(selector)}`;
}

function select(pipelines: readonly SynthesizedPipeline[], selector: PipelineSelector): SynthesizedPipeline | undefined {
  if (Pipeline.isPipeline(selector)) {
    const address = `integrateio_pipeline.${selector.resource.friendlyUniqueId}`;
    return pipelines.find((p) => p.address === address);
  }
  return pipelines.find((p) => p.name === selector);
}

/** A partial copy of `T` at every depth: what a test expects a value to contain. */
export type DeepPartial<T> = T extends readonly (infer E)[] ? readonly DeepPartial<E>[] : T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> } : T;

/** One `integrateio_pipeline` resource of a synthesized stack. */
export interface SynthesizedPipeline {
  /** The resource's Terraform address, e.g. `integrateio_pipeline.Orders_Resource_1A2B3C4D`. */
  readonly address: string;
  /** The pipeline's name (`definition.name`), when it is a string. */
  readonly name?: string;
  /** The `definition` attribute as synthesized (snake_case, as in YAML files; tokens as `${…}` strings). */
  readonly definition: Record<string, unknown>;
  /** Every attribute of the resource as synthesized (`running`, `start_timeout`, `provider`, …). */
  readonly attributes: Record<string, unknown>;
}

/**
 * What a test expects of a pipeline: each given setting must be there with that value, and the
 * definition must contain the given fields (see {@link assertPipeline} for "contain").
 */
export interface PipelineExpectation {
  /** Fields the definition contains, snake_case as in YAML files, e.g. `{ sync: { frequency: 5 } }`. @default - any definition */
  readonly definition?: DeepPartial<PipelineDocument>;
  /** The `running` setting. @default - any */
  readonly running?: boolean;
  /** The `force_stop` setting. @default - any */
  readonly forceStop?: boolean;
  /** The `start_timeout` setting. @default - any */
  readonly startTimeout?: Duration | string;
  /** The `stop_timeout` setting. @default - any */
  readonly stopTimeout?: Duration | string;
}

/** Something a pipeline assertion reads: a stack (synthesized with its validations) or the JSON of `Testing.synth(stack)`. */
export type SynthesizedStack = TerraformStack | string;

function synthesizedJson(stack: SynthesizedStack): Record<string, unknown> {
  if (TerraformStack.isStack(stack)) return JSON.parse(Testing.synth(stack, true));
  if (typeof stack === 'string') return JSON.parse(stack);
  throw new Error(`expected a TerraformStack or the JSON string of Testing.synth(stack), got ${typeof stack}`);
}

/**
 * The `integrateio_pipeline` resources of a stack, whether made by the `Pipeline` construct or
 * directly with the L1.
 *
 * @param stack a stack (it is synthesized with its validations, as `cdktf synth` does) or the
 *   JSON string of `Testing.synth(stack)`.
 */
export function synthesizedPipelines(stack: SynthesizedStack): SynthesizedPipeline[] {
  const json = synthesizedJson(stack) as { resource?: { integrateio_pipeline?: Record<string, Record<string, unknown>> } };
  return Object.entries(json.resource?.integrateio_pipeline ?? {}).map(([key, attributes]) => {
    const definition = (attributes.definition ?? {}) as Record<string, unknown>;
    return { address: `integrateio_pipeline.${key}`, name: typeof definition.name === 'string' ? definition.name : undefined, definition, attributes };
  });
}

/** The pipeline of a stack with the given name (`definition.name`), or of the given `Pipeline` construct; undefined when there is none. */
export function findPipeline(stack: SynthesizedStack, pipeline: PipelineSelector): SynthesizedPipeline | undefined {
  return select(synthesizedPipelines(stack), pipeline);
}

/** Why the stack does not have the expected pipeline, or undefined when it does. */
function pipelineMismatch(pipelines: readonly SynthesizedPipeline[], selector: PipelineSelector, expected: PipelineExpectation): string | undefined {
  const pipeline = select(pipelines, selector);
  if (!pipeline) {
    const names = pipelines.map((p) => JSON.stringify(p.name ?? p.address));
    const wanted = Pipeline.isPipeline(selector) ? `pipeline of the construct ${selector.node.path}` : `pipeline named ${JSON.stringify(selector)}`;
    return `the stack has no ${wanted}; its pipelines: ${names.length > 0 ? names.join(', ') : 'none'}`;
  }
  const name = pipeline.name ?? pipeline.address;
  const timeout = (value: Duration | string | undefined) => (Duration.isDuration(value) ? value.toTerraform() : value);
  const settings = { running: expected.running, force_stop: expected.forceStop, start_timeout: timeout(expected.startTimeout), stop_timeout: timeout(expected.stopTimeout) };
  const problem = mismatch(pipeline.attributes, { definition: expected.definition, ...settings }, '');
  return problem === undefined ? undefined : `pipeline ${JSON.stringify(name)} (${pipeline.address}) does not match: ${problem}`;
}

/** True when the stack has the pipeline (by name or construct) matching `expected` (see {@link assertPipeline}). */
export function hasPipeline(stack: SynthesizedStack, pipeline: PipelineSelector, expected: PipelineExpectation = {}): boolean {
  return pipelineMismatch(synthesizedPipelines(stack), pipeline, expected) === undefined;
}

/**
 * Asserts that a stack has a pipeline named `pipeline` (its `definition.name`), or the pipeline of
 * the given `Pipeline` construct, whose settings and definition match `expected`, and returns it; throws an Error naming the first difference
 * otherwise. Works with any test runner.
 *
 * "Match" is containment: the definition has the given fields (others may be there too); a given
 * list, such as `tables`, must have an entry containing each given entry, in any order; a jest
 * asymmetric matcher (`expect.any(Number)`) may stand for any value. For exact equality, compare
 * `assertPipeline(…).definition` with `toEqual`.
 *
 * @param stack a stack (synthesized with its validations) or the JSON of `Testing.synth(stack)`.
 * @example
 * assertPipeline(stack, 'orders-prod', { running: true, definition: { sync: { frequency: 5 }, tables: [{ name: 'public.orders' }] } });
 */
export function assertPipeline(stack: SynthesizedStack, pipeline: PipelineSelector, expected: PipelineExpectation = {}): SynthesizedPipeline {
  const pipelines = synthesizedPipelines(stack);
  const problem = pipelineMismatch(pipelines, pipeline, expected);
  if (problem !== undefined) throw new Error(problem);
  return select(pipelines, pipeline)!;
}

/** The result of a jest matcher. */
export interface MatcherResult {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** What to print when the assertion fails. */
  readonly message: () => string;
}

/**
 * Jest matchers, for `expect.extend(pipelineMatchers)`: then
 * `expect(stack).toHavePipeline('orders', { definition: { sync: { frequency: 5 } } })`, with the
 * meaning of {@link assertPipeline}. TypeScript needs the matcher declared once in the tests:
 *
 * ```ts
 * declare global { namespace jest { interface Matchers<R> { toHavePipeline(pipeline: PipelineSelector, expected?: PipelineExpectation): R } } }
 * ```
 */
export const pipelineMatchers = {
  /** `expect(stackOrSynthesizedJson).toHavePipeline(nameOrPipeline, expected?)`. */
  toHavePipeline(received: SynthesizedStack, pipeline: PipelineSelector, expected: PipelineExpectation = {}): MatcherResult {
    const problem = pipelineMismatch(synthesizedPipelines(received), pipeline, expected);
    return problem === undefined
      ? { pass: true, message: () => `expected the stack not to have ${describeSelector(pipeline)} matching ${JSON.stringify(expected)}` }
      : { pass: false, message: () => problem };
  },
};
