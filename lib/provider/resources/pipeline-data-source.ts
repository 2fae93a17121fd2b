import { stringMatches, type DataSourceDefinition, type Schema } from '../framework';
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

/** The `integrateio_pipeline` data source: one pipeline's metadata and definition, by id. */
export const pipelineDataSource = {
  typeName: 'integrateio_pipeline',
  schema: {
    version: 0,
    description: "Reads one pipeline's runtime metadata and definition by id.",
    attributes: {
      id: { description: 'The pipeline id.', type: 'string', required: true, validators: [stringMatches(/^[1-9][0-9]{0,14}$/, 'a numeric pipeline id')] },
      ...metadataSchemaAttributes,
      definition: { description: 'The definition document, field by field.', computed: true, nested: { nesting: 'single', attributes: definitionAttributes('computed') } },
      definition_yaml: { description: 'The definition document as canonical YAML.', type: 'string', computed: true },
    },
  },

  async read({ config, providerData }, diags) {
    const client = requireClient(providerData, diags);
    if (!client) return config;
    const id = Number(config.id);
    try {
      const [meta, doc] = await Promise.all([client.getPipeline(id), client.getDefinition(id)]);
      return { ...config, ...metadataAttributes(meta), name: meta.name, definition: documentToValue(doc), definition_yaml: definitionLibrary().toCanonicalYaml(doc) };
    } catch (err) {
      diags.add(apiErrorToDiagnostic(err, `Reading pipeline ${id}`));
      return config;
    }
  },
} satisfies DataSourceDefinition<PipelineProviderData>;
