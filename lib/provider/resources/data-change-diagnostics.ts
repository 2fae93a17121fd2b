import type { PipelineDefinition } from '../../definition';
import type { Diagnostics, ObjectValue } from '../framework';
import { fieldToAttributePath } from './diagnostics';
import { definitionLibrary } from './lazy-libraries';
import { definitionDocument } from './pipeline-state';

/**
 * Adds one warning diagnostic per effect on data of a planned change (see the definition
 * library's `dataChangeWarnings`): for an update (`planned` a document) each points at its
 * attribute under `definition`; for a destroy (`planned` undefined) the warning names the pipeline
 * id. Nothing is added when the prior definition cannot be read (e.g. an import's first plan).
 */
export function addDataChangeWarnings(prior: ObjectValue, planned: PipelineDefinition | undefined, diags: Diagnostics): void {
  const before = definitionDocument(prior.definition);
  if (!before) return;
  for (const w of definitionLibrary().dataChangeWarnings(before, planned)) {
    if (w.kind === 'archive') diags.addWarning(w.title, typeof prior.id === 'string' ? `${w.message.slice(0, -1)} (pipeline ${prior.id}).` : w.message);
    else diags.addWarning(w.title, w.message, fieldToAttributePath(w.path));
  }
}
