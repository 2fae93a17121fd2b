import type { DataSourceDefinition, ObjectValue } from '../framework';
import { apiErrorToDiagnostic } from './diagnostics';
import { metadataSchemaAttributes } from './pipeline-data-source';
import { metadataAttributes } from './pipeline-state';
import { requireClient, type PipelineProviderData } from './provider-config';

/** The `integrateio_pipelines` data source: every live pipeline of the account, paginated inside the provider. */
export const pipelinesDataSource = {
  typeName: 'integrateio_pipelines',
  schema: {
    version: 0,
    description: "Lists the account's pipelines, newest first (archived ones are not listed).",
    attributes: {
      name_prefix: { description: 'Only pipelines whose name starts with this text.', type: 'string', optional: true },
      ids: { description: 'The ids of the listed pipelines.', type: { list: 'string' }, computed: true },
      pipelines: {
        description: 'The listed pipelines with their runtime metadata.',
        computed: true,
        nested: { nesting: 'list', attributes: { id: { description: 'The pipeline id.', type: 'string', computed: true }, ...metadataSchemaAttributes } },
      },
    },
  },

  async read({ config, providerData }, diags) {
    const client = requireClient(providerData, diags);
    if (!client) return config;
    const prefix = typeof config.name_prefix === 'string' ? config.name_prefix : '';
    const pipelines: ObjectValue[] = [];
    try {
      for await (const meta of client.listPipelines({ pageSize: 100 })) {
        if (meta.name.startsWith(prefix)) pipelines.push({ ...metadataAttributes(meta), name: meta.name });
      }
    } catch (err) {
      diags.add(apiErrorToDiagnostic(err, 'Listing pipelines'));
      return config;
    }
    return { ...config, ids: pipelines.map((p) => p.id), pipelines };
  },
} satisfies DataSourceDefinition<PipelineProviderData>;
