import { stringOneOf, type DataSourceDefinition, type ObjectValue } from '../framework';
import { apiErrorToDiagnostic } from './diagnostics';
import { metadataSchemaAttributes } from './pipeline-data-source';
import { metadataAttributes } from './pipeline-state';
import { requireClient, type PipelineProviderData } from './provider-config';

/**
 * The `integrateio_pipelines` data source: the live pipelines of the account, newest first,
 * filtered by name prefix, exact name and status (all optional, combined with AND), read with a
 * consistent walk of the paged list (a pipeline archived meanwhile cannot hide another).
 */
export const pipelinesDataSource = {
  typeName: 'integrateio_pipelines',
  schema: {
    version: 0,
    description: "Lists the account's pipelines, newest first (archived ones are not listed), optionally filtered; the filters combine with AND.",
    attributes: {
      name_prefix: { description: 'Only pipelines whose name starts with this text.', type: 'string', optional: true },
      name: { description: 'Only pipelines with exactly this name (names are not unique, so this may list several).', type: 'string', optional: true },
      status: { description: 'Only pipelines with this desired run state: `deployed` or `stopped`.', type: 'string', optional: true, validators: [stringOneOf('deployed', 'stopped')] },
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
    const name = typeof config.name === 'string' ? config.name : undefined;
    const status = typeof config.status === 'string' ? config.status : undefined;
    const pipelines: ObjectValue[] = [];
    try {
      for (const meta of await client.listPipelinesConsistently()) {
        if (!meta.name.startsWith(prefix) || (name !== undefined && meta.name !== name) || (status !== undefined && meta.status !== status)) continue;
        pipelines.push({ ...metadataAttributes(meta), name: meta.name });
      }
    } catch (err) {
      diags.add(apiErrorToDiagnostic(err, 'Listing pipelines'));
      return config;
    }
    return { ...config, ids: pipelines.map((p) => p.id), pipelines };
  },
} satisfies DataSourceDefinition<PipelineProviderData>;
