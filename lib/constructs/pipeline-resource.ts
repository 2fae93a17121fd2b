import { Tokenization } from 'cdktf';
import type { Construct } from 'constructs';
import { Pipeline as GeneratedPipeline, type PipelineConfig } from './generated/pipeline';
import { renderDefinition } from './render-definition';

/** The L1 config of `integrateio_pipeline` without `definition`, which is rendered at synth. */
export type PipelineResourceConfig = Omit<PipelineConfig, 'definition'>;

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Finds where an override goes into a value that is a token object (cdktf cannot merge there),
 * as the override's dotted path, e.g. `definition.tables.0`.
 */
function overrideIntoToken(target: unknown, override: unknown, path: string[]): string | undefined {
  if (!isObject(override) || Tokenization.isResolvable(override)) return undefined;
  if (Tokenization.isResolvable(target)) return path.join('.');
  if (!isObject(target)) return undefined;
  for (const [key, value] of Object.entries(override)) {
    const found = overrideIntoToken(target[key], value, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The `integrateio_pipeline` resource a {@link Pipeline} creates: the generated L1, whose
 * `definition` is the document of the pipeline's definition rendered at synth as a plain object.
 * Being a plain object (not a token), it takes escape-hatch overrides such as
 * `resource.addOverride('definition.sync.frequency', 30)`.
 *
 * @internal
 */
export class PipelineResource extends GeneratedPipeline {
  readonly #document: () => unknown;
  /** The definition rendered by the `toTerraform` call under way (rendered once per call). */
  #rendering: unknown;

  /**
   * @param document reads the definition's document (called at synth).
   * @param placeholder the value given to the generated constructor's `definition` (used by the HCL output).
   */
  constructor(scope: Construct, id: string, config: PipelineResourceConfig, document: () => unknown, placeholder: unknown) {
    super(scope, id, { ...config, definition: placeholder as PipelineConfig['definition'] });
    this.#document = document;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature of cdktf's TerraformResource
  protected override synthesizeAttributes(): { [name: string]: any } {
    const attributes: { [name: string]: unknown } = { ...super.synthesizeAttributes(), definition: this.#rendering ?? renderDefinition(this.#document()) };
    // Unset settings are left out here rather than by cdktf's resolve, which visits every key (twice per synth).
    for (const name of Object.keys(attributes)) if (attributes[name] === undefined) delete attributes[name];
    return attributes;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature of cdktf's TerraformResource
  override toTerraform(): any {
    const rendering = renderDefinition(this.#document());
    const into = overrideIntoToken({ definition: rendering }, this.rawOverrides, []);
    if (into !== undefined) {
      throw new Error(
        `${this.node.path}: an override (addOverride) changes a field inside ${into}, which is a token (known only at apply time), and cdktf cannot merge into a token: override ${into} as a whole, or change the PipelineDefinition instead of overriding the resource`,
      );
    }
    // synthesizeAttributes (called by super.toTerraform) takes this rendering instead of making another.
    this.#rendering = rendering;
    try {
      return super.toTerraform();
    } finally {
      this.#rendering = undefined;
    }
  }
}
