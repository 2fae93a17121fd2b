import { isUnknown, stringMatches, stringNotEmpty, type DataSourceDefinition, type Schema } from '../framework';
import { definitionAttributes } from './definition-schema';
import { documentToValue } from './definition-value';
import { apiErrorToDiagnostic } from './diagnostics';
import { requireClient, type PipelineProviderData } from './provider-config';
import { metadataAttributes } from './pipeline-state';
import { definitionLibrary } from './lazy-libraries';

/** Computed metadata attributes shared by both data sources. */
export const metadataSchemaAttributes: Schema['attributes'] = {
  name: { description: 'Pipeline name.', type: 'string', computed: true },
  status: { description: 'Desired run state: `deployed` or `stopped`.', type: 'string', computed: true },
  observed_state: { description: 'What the pipeline is doing: `stopped`, `starting`, `running` or `stopping`.', type: 'string', computed: true },
  created_at: { description: 'When the pipeline was created (RFC 3339).', type: 'string', computed: true },
  updated_at: { description: 'When the definition last changed (RFC 3339).', type: 'string', computed: true },
  last_source_sync_at: { description: 'When the source last synced (RFC 3339), or null.', type: 'string', computed: true },
  last_destination_sync_at: { description: 'When the destination last synced (RFC 3339), or null.', type: 'string', computed: true },
};

/**
 * The `integrateio_pipeline` data source: one pipeline's metadata and definition, by id or by
 * exact name (exactly one of them). A name must belong to exactly one live pipeline: none or
 * several is an error naming the ids, never a silent pick.
 */
export const pipelineDataSource = {
  typeName: 'integrateio_pipeline',
  schema: {
    version: 0,
    description: "Reads one pipeline's runtime metadata and definition, by id or by exact name (set exactly one of them).",
    attributes: {
      id: { description: 'The pipeline id. Set it, or `name`.', type: 'string', optional: true, computed: true, validators: [stringMatches(/^[1-9][0-9]{0,14}$/, 'a numeric pipeline id')] },
      ...metadataSchemaAttributes,
      name: {
        description: 'The exact pipeline name. Set it, or `id`; exactly one live pipeline must have it (names are not unique: several is an error).',
        type: 'string',
        optional: true,
        computed: true,
        validators: [stringNotEmpty()],
      },
      definition: { description: 'The definition document, field by field.', computed: true, nested: { nesting: 'single', attributes: definitionAttributes('computed') } },
      definition_yaml: { description: 'The definition document as canonical YAML.', type: 'string', computed: true },
    },
  },

  validateConfig(config, diags) {
    if (isUnknown(config.id) || isUnknown(config.name)) return;
    const byId = typeof config.id === 'string';
    const byName = typeof config.name === 'string';
    if (byId === byName) {
      diags.addError('Invalid Pipeline Lookup', byId ? 'Set either id or name of data "integrateio_pipeline", not both.' : 'Set id (e.g. id = "12") or name (e.g. name = "orders-prod") of data "integrateio_pipeline".', byId ? ['name'] : undefined);
    }
  },

  async read({ config, providerData }, diags) {
    const client = requireClient(providerData, diags);
    if (!client) return config;
    let id = Number(config.id);
    if (typeof config.name === 'string' && config.id === null) {
      const name = config.name;
      try {
        const matches = await client.findPipelinesByName(name);
        if (matches.length !== 1) {
          diags.addError(
            matches.length === 0 ? 'Pipeline Not Found' : 'Pipeline Name Not Unique',
            matches.length === 0
              ? `No live pipeline is named "${name}": check the name (it must match exactly, case included), or look it up by id.`
              : `${matches.length} live pipelines are named "${name}" (ids ${matches.map((m) => m.id).join(', ')}): look the one you mean up by id, or rename the others.`,
            ['name'],
          );
          return config;
        }
        id = matches[0].id;
      } catch (err) {
        diags.add(apiErrorToDiagnostic(err, `Looking up the pipeline named "${name}"`));
        return config;
      }
    }
    try {
      const [meta, doc] = await Promise.all([client.getPipeline(id), client.getDefinition(id)]);
      return { ...config, ...metadataAttributes(meta), name: meta.name, definition: documentToValue(doc), definition_yaml: definitionLibrary().toCanonicalYaml(doc) };
    } catch (err) {
      diags.add(apiErrorToDiagnostic(err, `Reading pipeline ${id}`));
      return config;
    }
  },
} satisfies DataSourceDefinition<PipelineProviderData>;
