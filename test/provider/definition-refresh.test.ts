/**
 * When a refresh reads a pipeline's definition (lib/provider/resources/definition-refresh.ts): the
 * end-to-end behaviour is in test/e2e/provider-pipeline.test.ts (drift through the API is shown;
 * a no-op plan reads no definition); these are the edge cases of the rule.
 */
import type { PipelineMetadata } from '../../lib/api';
import { needsDefinitionRead, REFRESH_DEFINITIONS_ENV } from '../../lib/provider/resources/definition-refresh';

const meta = (updatedAt: unknown): PipelineMetadata => ({ id: 12, updated_at: updatedAt }) as unknown as PipelineMetadata;
const state = { id: '12', definition: { name: 'orders' }, updated_at: '2026-12-01T10:00:00.000Z' };

describe('needsDefinitionRead', () => {
  test('skips the read when updated_at did not move', () => {
    expect(needsDefinitionRead(state, meta('2026-12-01T10:00:00.000Z'), {})).toBe(false);
  });

  test('reads when updated_at moved', () => {
    expect(needsDefinitionRead(state, meta('2026-12-01T10:00:00.001Z'), {})).toBe(true);
  });

  test('reads after an import (no definition or updated_at in state yet)', () => {
    expect(needsDefinitionRead({ id: '12', definition: null, updated_at: null }, meta('2026-12-01T10:00:00.000Z'), {})).toBe(true);
    expect(needsDefinitionRead({ ...state, updated_at: null }, meta('2026-12-01T10:00:00.000Z'), {})).toBe(true);
  });

  test('reads when the API sends no updated_at', () => {
    expect(needsDefinitionRead(state, meta(undefined), {})).toBe(true);
    expect(needsDefinitionRead(state, meta(null), {})).toBe(true);
  });

  test(`reads every time with ${REFRESH_DEFINITIONS_ENV}=always`, () => {
    expect(needsDefinitionRead(state, meta('2026-12-01T10:00:00.000Z'), { [REFRESH_DEFINITIONS_ENV]: 'always' })).toBe(true);
  });

  test(`takes an unknown ${REFRESH_DEFINITIONS_ENV} value as always (the safe side), and changed or empty as the default`, () => {
    expect(needsDefinitionRead(state, meta('2026-12-01T10:00:00.000Z'), { [REFRESH_DEFINITIONS_ENV]: 'yes' })).toBe(true);
    expect(needsDefinitionRead(state, meta('2026-12-01T10:00:00.000Z'), { [REFRESH_DEFINITIONS_ENV]: 'changed' })).toBe(false);
    expect(needsDefinitionRead(state, meta('2026-12-01T10:00:00.000Z'), { [REFRESH_DEFINITIONS_ENV]: '' })).toBe(false);
  });
});
