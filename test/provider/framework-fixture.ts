import {
  requiresReplace,
  stringNotEmpty,
  intAtLeast,
  useStateForUnknown,
  type ObjectValue,
  type ProviderDefinition,
  type ResourceDefinition,
  type Schema,
} from '../../lib/provider/framework';

/** A schema exercising every planning rule: computed, optional+computed, replacement, nested lists. */
export const widgetSchema: Schema = {
  version: 1,
  description: 'A widget.',
  attributes: {
    id: { description: 'Id.', type: 'string', computed: true, planModifiers: [useStateForUnknown()] },
    name: { description: 'Name.', type: 'string', required: true, validators: [stringNotEmpty()] },
    region: { description: 'Region.', type: 'string', optional: true, planModifiers: [requiresReplace()] },
    mode: { description: 'Mode, defaulted by the service.', type: 'string', optional: true, computed: true },
    sticky: { description: 'Defaulted once.', type: 'string', optional: true, computed: true, planModifiers: [useStateForUnknown()] },
    revision: { description: 'Revision.', type: 'number', computed: true },
    tags: { description: 'Tags.', type: { map: 'string' }, optional: true },
    steps: {
      description: 'Steps.',
      optional: true,
      nested: {
        nesting: 'list',
        attributes: {
          name: { description: 'Step name.', type: 'string', required: true, validators: [stringNotEmpty()] },
          retries: { description: 'Retries.', type: 'number', optional: true, validators: [intAtLeast(0)] },
          step_id: { description: 'Step id.', type: 'string', computed: true, planModifiers: [useStateForUnknown()] },
        },
      },
    },
  },
};

/** A configuration with every attribute present, as Terraform sends it. */
export function widgetConfig(overrides: ObjectValue = {}): ObjectValue {
  return { id: null, name: 'w', region: null, mode: null, sticky: null, revision: null, tags: null, steps: null, ...overrides };
}

/** An in-memory widget resource; `calls` records what ran. */
export function widgetResource(calls: string[] = []): ResourceDefinition<{ prefix: string }> {
  return {
    typeName: 'test_widget',
    schema: widgetSchema,
    async create({ planned, providerData }) {
      calls.push('create');
      return { id: `${providerData.prefix}-1`, mode: 'auto', sticky: 'first', revision: 1, steps: stepIds(planned.steps) };
    },
    async read({ state }) {
      calls.push('read');
      return state;
    },
    async update({ planned, prior }) {
      calls.push('update');
      return { mode: 'auto', revision: (prior.revision as number) + 1, steps: stepIds(planned.steps) };
    },
    async delete() {
      calls.push('delete');
    },
  };
}

function stepIds(steps: unknown): ObjectValue['steps'] {
  if (!Array.isArray(steps)) return null;
  return steps.map((s, i) => ({ ...(s as ObjectValue), step_id: typeof (s as ObjectValue).step_id === 'string' ? (s as ObjectValue).step_id : `s${i}` }));
}

/** A provider around one resource. */
export function widgetProvider(resource: ResourceDefinition<{ prefix: string }>): ProviderDefinition<{ prefix: string }> {
  return {
    typeName: 'test',
    schema: { version: 0, description: 'Test provider.', attributes: { prefix: { description: 'Id prefix.', type: 'string', optional: true } } },
    async configure(config) {
      return { prefix: typeof config.prefix === 'string' ? config.prefix : 'w' };
    },
    resources: [resource],
    dataSources: [],
  };
}
