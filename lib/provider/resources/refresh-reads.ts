import type { IntegrateioClient, PipelineMetadata } from '../../api';

/** The page size of the list walk: the API's cap. */
const PAGE_SIZE = 100;

/**
 * The metadata reads of one provider process's refreshes (`ReadResource`), shared by the calls
 * Terraform makes concurrently (`-parallelism`, 10 by default).
 *
 * A lone read is one `GET /pipelines/{id}`, as before. When reads overlap (a plan of many
 * pipelines), the calls that find another read in flight walk the list instead, newest first,
 * 100 pipelines a page, one page at a time, and each takes its pipeline from the page that holds
 * it: a no-op plan of 100 pipelines costs about 2 requests instead of 100.
 *
 * Nothing is decided by absence: a pipeline the walk did not find (archived, older than the walk
 * went, or skipped because the list shifted under the walk) is read with its own GET, whose 404
 * is what removes it from state. The walk goes on only while its pages hold pipelines being
 * waited for: it stops at the end of the list, at a page without any, or when a page fails (the
 * waiting calls then read with their GET, which reports the failure). Each page costs one read
 * and each page after the first answers at least one call that would have cost one, so the reads
 * of a refresh never exceed its pipelines by more than one. A list entry is what the GET would
 * have answered at the time of the page (both are the same `PipelineMetadata`, decoded as
 * strictly); before this process writes, it forgets the pages, and a page in flight meanwhile
 * is dropped ({@link forget}).
 */
export class RefreshReads {
  readonly #client: IntegrateioClient;
  /** Pipelines of the pages read since the last write, by id. */
  #known = new Map<number, PipelineMetadata>();
  /** Ids whose calls wait for the walk. */
  readonly #waiting = new Set<number>();
  #nextPage = 1;
  #walkDone = false;
  #page: Promise<void> | undefined;
  #getsInFlight = 0;
  /** Counts {@link forget} calls: a page that was in flight during one is not kept. */
  #generation = 0;

  constructor(client: IntegrateioClient) {
    this.#client = client;
  }

  /**
   * The pipeline's metadata, from a page of the walk or its own GET.
   *
   * @throws ApiError as `getPipeline` does (404 `not_found` for a pipeline that is gone).
   */
  async metadata(id: number): Promise<PipelineMetadata> {
    for (;;) {
      const known = this.#known.get(id);
      if (known) return known;
      // A lone read (nothing else in flight) or a finished walk: the pipeline's own GET. A call
      // that waited and goes to its GET stops counting as waited for (the walk goes on only
      // while its pages answer calls that still wait).
      if (this.#walkDone || (this.#page === undefined && this.#getsInFlight === 0 && this.#nextPage === 1)) {
        this.#waiting.delete(id);
        return this.#get(id);
      }
      this.#waiting.add(id);
      this.#page ??= this.#readPage().finally(() => (this.#page = undefined));
      await this.#page;
    }
  }

  /** Forgets the pages read: called before this process changes a pipeline. The walk may start again. */
  forget(): void {
    this.#generation += 1;
    this.#known = new Map();
    this.#nextPage = 1;
    this.#walkDone = false;
  }

  async #get(id: number): Promise<PipelineMetadata> {
    this.#getsInFlight += 1;
    try {
      return await this.#client.getPipeline(id);
    } finally {
      this.#getsInFlight -= 1;
    }
  }

  /** Reads the next page and decides whether the walk goes on. */
  async #readPage(): Promise<void> {
    const page = this.#nextPage;
    const generation = this.#generation;
    this.#nextPage += 1;
    let items: readonly PipelineMetadata[];
    let pageSize: number;
    try {
      const response = await this.#client.listPipelinesPage(page, PAGE_SIZE);
      items = response.data;
      pageSize = response.pagination.page_size;
    } catch {
      if (generation === this.#generation) this.#walkDone = true;
      return;
    }
    // Read across a write of this process: it may predate the write; the waiting calls try again.
    if (generation !== this.#generation) return;
    let answered = 0;
    for (const item of items) {
      this.#known.set(item.id, item);
      if (this.#waiting.delete(item.id)) answered += 1;
    }
    if (items.length < pageSize || answered === 0) this.#walkDone = true;
  }
}
