/**
 * The provider's private data in a plan: the id of the pipeline the planned instance manages.
 *
 * Every plan of an existing instance carries it. When Terraform replaces the instance (`-replace`,
 * a taint, `create_before_destroy`), it plans again with no prior state but hands over this data,
 * so the create half knows which pipeline it replaces: that pipeline is this configuration's, not
 * another's, even though it shares the name and the definition.
 */
const FIELD = 'integrateio_pipeline_id';

// One encoder and decoder for the process: making one costs more than the few bytes it converts.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The private data that marks a plan of pipeline `id`. */
export function replacementMarker(id: number): Uint8Array {
  return encoder.encode(JSON.stringify({ [FIELD]: id }));
}

/** The pipeline id of a marker, or undefined when the data is empty or not a marker. */
export function replacedPipelineId(data: Uint8Array | undefined): number | undefined {
  if (!data || data.length === 0) return undefined;
  try {
    const value = (JSON.parse(decoder.decode(data)) as Record<string, unknown>)[FIELD];
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
