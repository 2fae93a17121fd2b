import { z } from 'zod';
import type { TransformationType } from './constants';

const nonEmptyStrings = z.array(z.string()).min(1, 'list at least one field');

/**
 * The `config` object each transformation type takes. The reference documents `rename_fields`
 * (`mapping`); the other shapes are this project's reading of the type names:
 *
 * - `exclude_fields`: `fields` — the fields to drop.
 * - `rename_fields`: `mapping` — old name to new name.
 * - `toggle_case`: `case` (`upper` or `lower`) and optional `fields` (all fields when omitted).
 * - `find_and_replace`: `field`, `find`, `replace`, optional `regex`.
 * - `replace_in_field_name`: `find`, `replace` — applied to every field name.
 * - `history_mode`: no settings; `config` may be omitted or empty.
 */
export const transformationConfigSchemas = {
  exclude_fields: z.strictObject({ fields: nonEmptyStrings }),
  rename_fields: z.strictObject({
    mapping: z.record(z.string(), z.string()).refine((m) => Object.keys(m).length > 0, 'map at least one field'),
  }),
  toggle_case: z.strictObject({ case: z.enum(['upper', 'lower']), fields: nonEmptyStrings.optional() }),
  find_and_replace: z.strictObject({
    field: z.string().min(1, 'name the field'),
    find: z.string().min(1, 'give the text to find'),
    replace: z.string(),
    regex: z.boolean().optional(),
  }),
  replace_in_field_name: z.strictObject({ find: z.string().min(1, 'give the text to find'), replace: z.string() }),
  history_mode: z.strictObject({}),
} satisfies Record<TransformationType, z.ZodType>;

/** The config keys of each transformation type, in canonical order. */
export const TRANSFORMATION_CONFIG_KEYS: Record<TransformationType, readonly string[]> = {
  exclude_fields: ['fields'],
  rename_fields: ['mapping'],
  toggle_case: ['case', 'fields'],
  find_and_replace: ['field', 'find', 'replace', 'regex'],
  replace_in_field_name: ['find', 'replace'],
  history_mode: [],
};
