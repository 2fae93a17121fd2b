import type { IntegrateioClient, PipelineMetadata } from '../../api';
import { isApiError } from '../../api/errors';
import type { PipelineDefinition } from '../../definition';
import { definitionLibrary } from './lazy-libraries';

/**
 * Keeps a create from duplicating a pipeline that already exists with the same name and the same
 * definition: the orphan of an earlier apply whose create the API committed but whose answer never
 * arrived (the API or the network died in between), which Terraform could therefore not record.
 *
 * One instance lives per configured provider, i.e. per Terraform run. The first create lists the
 * account's pipelines once (before this run creates any); each create then adopts the first listed
 * pipeline with its name and an equal definition that no other create of this run adopted and no
 * delete of this run is archiving. A delete leaves alone a pipeline a create of this run adopted
 * (the resource was renamed without a `moved` block: the pipeline moves instead of being replaced).
 */
export class PipelineAdoption {
  readonly #client: IntegrateioClient;
  #existing: Promise<Map<string, number[]>> | undefined;
  readonly #adopted = new Set<number>();
  readonly #archiving = new Set<number>();

  constructor(client: IntegrateioClient) {
    this.#client = client;
  }

  /** The ids of the live pipelines by name, listed once per run. A failed listing is retried by the next create. */
  #existingByName(): Promise<Map<string, number[]>> {
    this.#existing ??= (async () => {
      const byName = new Map<string, number[]>();
      for await (const p of this.#client.listPipelines()) byName.set(p.name, [...(byName.get(p.name) ?? []), p.id]);
      return byName;
    })().catch((err: unknown) => {
      this.#existing = undefined;
      throw err;
    });
    return this.#existing;
  }

  #free(id: number): boolean {
    return !this.#adopted.has(id) && !this.#archiving.has(id);
  }

  /**
   * The existing pipeline a create of `doc` should adopt instead of creating a duplicate, claimed
   * for this run; undefined when there is none.
   *
   * @throws ApiError when the API cannot be listed or read.
   */
  async adopt(doc: PipelineDefinition): Promise<PipelineMetadata | undefined> {
    const candidates = (await this.#existingByName()).get(doc.name) ?? [];
    for (const id of candidates) {
      if (!this.#free(id)) continue;
      try {
        if (!definitionLibrary().definitionsEqual(await this.#client.getDefinition(id), doc) || !this.#free(id)) continue;
        this.#adopted.add(id);
        return await this.#client.getPipeline(id);
      } catch (err) {
        if (isApiError(err) && err.status === 404) continue;
        this.#adopted.delete(id);
        throw err;
      }
    }
    return undefined;
  }

  /**
   * Called before archiving `id`: false when a create of this run adopted it (it must not be
   * archived); otherwise marks it as being archived, so that no create adopts it, and returns true.
   */
  beginArchive(id: number): boolean {
    if (this.#adopted.has(id)) return false;
    this.#archiving.add(id);
    return true;
  }
}
