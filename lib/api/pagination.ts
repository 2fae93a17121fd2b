import type { PipelineListResponse, PipelineMetadata } from './wire-types';

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 100;
/** The page size the API uses when none is asked for. */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Checks a page size: a whole number from 1 to {@link MAX_PAGE_SIZE}.
 *
 * @throws RangeError otherwise.
 */
export function checkPageSize(pageSize: number): number {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${String(pageSize)}`);
  }
  return pageSize;
}

/**
 * Walks every page of the pipeline list, newest first, yielding one pipeline at a time.
 *
 * It stops at the first page shorter than the page size the server reports it used (so a server
 * that caps the size does not end the walk early) or at an empty page; it does not rely on
 * `has_more` or a total. A pipeline seen on an earlier page (the list shifts when pipelines are
 * created during the walk) is not yielded twice.
 *
 * @param fetchPage reads one page (1-based).
 */
export async function* paginate(fetchPage: (page: number, pageSize: number) => Promise<PipelineListResponse>, pageSize: number = MAX_PAGE_SIZE): AsyncGenerator<PipelineMetadata, void, undefined> {
  checkPageSize(pageSize);
  const seen = new Set<number>();
  for (let page = 1; ; page++) {
    const response = await fetchPage(page, pageSize);
    for (const pipeline of response.data) {
      if (seen.has(pipeline.id)) continue;
      seen.add(pipeline.id);
      yield pipeline;
    }
    const served = Math.min(pageSize, response.pagination.page_size || pageSize);
    if (response.data.length === 0 || response.data.length < served) return;
  }
}
