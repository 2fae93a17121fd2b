import { Token } from 'cdktf';
import { isPlainObject } from './check-document';
import { escapeTemplates } from './escape-templates';
import { pipelineDefinitionToTerraform, type PipelineDefinition as PipelineDefinitionStruct } from './generated/pipeline';

type Loose = Record<string, unknown>;

function obj(value: unknown): Loose {
  return isPlainObject(value) ? value : {};
}

/** A list field: token lists pass through; empty lists are left out, like the canonical form does. */
function list<T>(value: unknown, map: (entry: Loose) => T): T[] | undefined {
  if (Token.isUnresolved(value)) return value as T[];
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((entry) => (Token.isUnresolved(entry) ? (entry as T) : map(obj(entry))));
}

/**
 * The `definition` attribute of `integrateio_pipeline`, in the generated bindings' typed form.
 *
 * The document may be invalid here (validation reports that at synth): missing fields become
 * undefined rather than throwing, and keys the schema does not have are left out.
 */
export function toDefinitionStruct(document: unknown): PipelineDefinitionStruct {
  const d = obj(document);
  const endpoint = (value: unknown) => ({ connection: { id: obj(obj(value).connection).id as number } });
  const sync = obj(d.sync);
  return {
    definitionVersion: d.definition_version as number,
    name: d.name as string,
    source: endpoint(d.source),
    destination: endpoint(d.destination),
    sync: {
      frequency: sync.frequency as number | undefined,
      sourceFrequency: sync.source_frequency as number | undefined,
      destinationFrequency: sync.destination_frequency as number | undefined,
      autoSyncNewTables: sync.auto_sync_new_tables as boolean | undefined,
    },
    tables:
      list(d.tables, (t) => ({
        name: t.name as string,
        appendOnly: t.append_only as boolean | undefined,
        columns: t.columns === undefined ? undefined : { include: obj(t.columns).include as string[] | undefined, exclude: obj(t.columns).exclude as string[] | undefined },
      })) ?? [],
    transformations: list(d.transformations, (t) => {
      const c = obj(t.config);
      return {
        type: t.type as string,
        table: t.table as string,
        config:
          t.config === undefined
            ? undefined
            : {
                fields: c.fields as string[] | undefined,
                mapping: c.mapping as Record<string, string> | undefined,
                case: c.case as string | undefined,
                field: c.field as string | undefined,
                find: c.find as string | undefined,
                replace: c.replace as string | undefined,
                regex: c.regex as boolean | undefined,
              },
      };
    }),
    hooks: list(d.hooks, (h) => ({ id: h.id as number, events: h.events as string[] })),
  };
}

/** The `definition` attribute of `integrateio_pipeline` as Terraform JSON (snake_case). */
export function renderDefinition(document: unknown): unknown {
  const rendered = pipelineDefinitionToTerraform(toDefinitionStruct(document)) as Loose;
  // The generated mapper would map a token that stands for a whole list of objects element by
  // element; put such tokens back as they are, Terraform resolves them.
  const d = obj(document);
  for (const key of ['tables', 'transformations', 'hooks']) if (Token.isUnresolved(d[key])) rendered[key] = d[key];
  return escapeTemplates(rendered);
}
