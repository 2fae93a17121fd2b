import type { AttributeSchema } from '../framework';

/** Whether the definition attributes are written by the user (resource) or only read (data source). */
export type DefinitionMode = 'configurable' | 'computed';

type Presence = 'required' | 'optional';

function attr(mode: DefinitionMode, presence: Presence, description: string, rest: Partial<AttributeSchema>): AttributeSchema {
  if (mode === 'computed') return { description, computed: true, ...rest };
  return presence === 'required' ? { description, required: true, ...rest } : { description, optional: true, ...rest };
}

function single(mode: DefinitionMode, presence: Presence, description: string, attributes: Record<string, AttributeSchema>): AttributeSchema {
  return attr(mode, presence, description, { nested: { nesting: 'single', attributes } });
}

function list(mode: DefinitionMode, presence: Presence, description: string, attributes: Record<string, AttributeSchema>): AttributeSchema {
  return attr(mode, presence, description, { nested: { nesting: 'list', attributes } });
}

function connection(mode: DefinitionMode, role: string): AttributeSchema {
  return single(mode, 'required', `The ${role} side of the pipeline.`, {
    connection: single(mode, 'required', `The existing ${role} connection.`, {
      id: attr(mode, 'required', `Id of an existing ${role} connection of the account.`, { type: 'number' }),
    }),
  });
}

/**
 * The attributes of the pipeline definition document, version 1, mirrored one to one from the
 * reference so that `definition = yamldecode(file("orders.yaml"))` converts into them and plans
 * show changes field by field.
 */
export function definitionAttributes(mode: DefinitionMode): Record<string, AttributeSchema> {
  const a = (presence: Presence, description: string, rest: Partial<AttributeSchema>) => attr(mode, presence, description, rest);
  return {
    definition_version: a('required', 'Contract version of the document. Currently 1.', { type: 'number' }),
    name: a('required', 'Pipeline name.', { type: 'string' }),
    source: connection(mode, 'source'),
    destination: connection(mode, 'destination'),
    sync: single(mode, 'required', 'Sync schedule, in minutes: `frequency`, or both `source_frequency` and `destination_frequency`.', {
      frequency: a('optional', 'Minutes between syncs, for both the source and the destination.', { type: 'number' }),
      source_frequency: a('optional', 'Minutes between source syncs (with `destination_frequency`).', { type: 'number' }),
      destination_frequency: a('optional', 'Minutes between destination syncs (with `source_frequency`).', { type: 'number' }),
      auto_sync_new_tables: a('optional', 'Whether tables that appear in the source later are synced too.', { type: 'bool' }),
    }),
    tables: list(mode, 'required', 'Tables to replicate.', {
      name: a('required', 'Table name, e.g. `public.orders`.', { type: 'string' }),
      append_only: a('optional', 'Whether rows are only appended, never updated.', { type: 'bool' }),
      columns: single(mode, 'optional', 'Column selection: `include` or `exclude`, not both. Omit to replicate every column.', {
        include: a('optional', 'Only these columns are replicated.', { type: { list: 'string' } }),
        exclude: a('optional', 'These columns are not replicated.', { type: { list: 'string' } }),
      }),
    }),
    transformations: list(mode, 'optional', 'Field-level transforms applied to records.', {
      type: a('required', 'One of exclude_fields, rename_fields, toggle_case, find_and_replace, replace_in_field_name, history_mode.', { type: 'string' }),
      table: a('required', 'The table (listed in `tables`) the transform applies to.', { type: 'string' }),
      config: single(mode, 'optional', 'Settings of the transform; which ones apply depends on `type`.', {
        fields: a('optional', 'Fields to drop (exclude_fields) or change the case of (toggle_case).', { type: { list: 'string' } }),
        mapping: a('optional', 'Old field name to new field name (rename_fields).', { type: { map: 'string' } }),
        case: a('optional', '`upper` or `lower` (toggle_case).', { type: 'string' }),
        field: a('optional', 'The field whose values change (find_and_replace).', { type: 'string' }),
        find: a('optional', 'Text to find (find_and_replace, replace_in_field_name).', { type: 'string' }),
        replace: a('optional', 'Replacement text (find_and_replace, replace_in_field_name).', { type: 'string' }),
        regex: a('optional', 'Whether `find` is a regular expression (find_and_replace).', { type: 'bool' }),
      }),
    }),
    hooks: list(mode, 'optional', 'Existing notification hooks attached to pipeline events.', {
      id: a('required', 'Id of an existing hook of the account.', { type: 'number' }),
      events: a('required', 'Events that trigger the hook, e.g. `pipeline_failed`.', { type: { list: 'string' } }),
    }),
  };
}
