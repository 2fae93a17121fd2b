import type { IntegrateioClient, PipelineMetadata } from '../../api';
import { isApiError } from '../../api';
import { tryParseDefinition } from '../../definition';
import type { AdoptedPipeline } from './adopted-pipeline';
import { assignNames } from './names';

/** How many definitions are read at once. */
const CONCURRENCY = 4;

/** What {@link collectPipelines} found. */
export interface Collected {
  /** The pipelines to adopt, in file-name order. */
  readonly pipelines: AdoptedPipeline[];
  /** Pipelines left out, with the reason (archived during the run, or a definition this version cannot read). */
  readonly skipped: { readonly id: number; readonly name: string; readonly reason: string }[];
}

/**
 * Lists every live pipeline of the account whose name starts with `namePrefix` (all pages) and
 * reads each one's definition (a few at a time), reporting progress through `onProgress`.
 */
export async function collectPipelines(client: IntegrateioClient, namePrefix: string, onProgress: (message: string) => void): Promise<Collected> {
  const listed: PipelineMetadata[] = [];
  for await (const p of client.listPipelines({ pageSize: 100 })) {
    if (!p.name.startsWith(namePrefix)) continue;
    listed.push(p);
    if (listed.length % 500 === 0) onProgress(`listed ${listed.length} pipelines so far`);
  }
  onProgress(`listed ${listed.length} pipeline${listed.length === 1 ? '' : 's'}${namePrefix ? ` named ${JSON.stringify(`${namePrefix}…`)}` : ''}; reading their definitions`);
  const texts = new Map<number, string>();
  const skipped: Collected['skipped'][number][] = [];
  let next = 0;
  let done = 0;
  const step = Math.max(50, Math.ceil(listed.length / 10));
  const worker = async (): Promise<void> => {
    while (next < listed.length) {
      const p = listed[next++];
      try {
        const text = await client.getDefinitionText(p.id, 'yaml');
        const parsed = tryParseDefinition(text, { format: 'yaml' });
        if (parsed.ok) texts.set(p.id, text);
        else skipped.push({ id: p.id, name: p.name, reason: `its definition is not one this version can manage (${parsed.issues[0].path || 'document'}: ${parsed.issues[0].message})` });
      } catch (err) {
        if (!isApiError(err) || err.status !== 404) throw err;
        skipped.push({ id: p.id, name: p.name, reason: 'it was archived while adopt ran' });
      }
      if (++done % step === 0 && done < listed.length) onProgress(`read ${done} of ${listed.length} definitions`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, listed.length) }, worker));
  const kept = listed.filter((p) => texts.has(p.id));
  const names = assignNames(kept);
  const pipelines = kept
    .map((p): AdoptedPipeline => ({ id: p.id, name: p.name, running: p.status === 'deployed', ...names.get(p.id)!, definitionYaml: texts.get(p.id)! }))
    .sort((a, b) => (a.fileStem < b.fileStem ? -1 : a.fileStem > b.fileStem ? 1 : 0));
  return { pipelines, skipped: skipped.sort((a, b) => a.id - b.id) };
}
