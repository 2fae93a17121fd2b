import {
  DiagnosticError,
  Diagnostics,
  FrameworkServer,
  formatAttributePath,
  silentLogger,
  unknown,
  type Logger,
  type ObjectValue,
} from '../../lib/provider/framework';
import { widgetConfig, widgetProvider, widgetResource, widgetSchema } from './framework-fixture';

function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('validation diagnostics', () => {
  test('reports validator problems at their attribute path, through nested list elements', async () => {
    const s = new FrameworkServer(widgetProvider(widgetResource()));
    const diags = await s.validateResourceConfig(
      'test_widget',
      widgetConfig({ name: ' ', steps: [{ name: 'ok', retries: 1, step_id: null }, { name: '', retries: -1, step_id: null }] }),
    );
    expect(diags.map((d) => [d.summary, formatAttributePath(d.path ?? [])])).toEqual([
      ['Invalid Attribute Value', 'name'],
      ['Invalid Attribute Value', 'steps[1].name'],
      ['Invalid Attribute Value', 'steps[1].retries'],
    ]);
    expect(diags[2].detail).toBe('The value -1 is not accepted: use a whole number at least 0.');
  });

  test('skips validators for unknown and null values', async () => {
    const s = new FrameworkServer(widgetProvider(widgetResource()));
    expect(await s.validateResourceConfig('test_widget', widgetConfig({ name: unknown, steps: unknown }))).toEqual([]);
  });

  test('runs the resource validateConfig after the attribute validators', async () => {
    const resource = widgetResource();
    resource.validateConfig = (config, diags) => {
      if (config.region === 'mars') diags.addError('Unsupported Region', 'Use a region on Earth.', ['region']);
    };
    const s = new FrameworkServer(widgetProvider(resource));
    expect(await s.validateResourceConfig('test_widget', widgetConfig({ region: 'mars' }))).toEqual([
      { severity: 'error', summary: 'Unsupported Region', detail: 'Use a region on Earth.', path: ['region'] },
    ]);
  });

  test('fails with "Unknown Resource Type" for a type the provider does not have', async () => {
    const s = new FrameworkServer(widgetProvider(widgetResource()));
    const diags = await s.validateResourceConfig('test_nope', {});
    expect(diags.map((d) => d.summary)).toEqual(['Unknown Resource Type']);
  });
});

describe('exceptions at the framework boundary', () => {
  test('turns an exception into an error diagnostic without the stack, and logs the stack at debug level', async () => {
    const resource = widgetResource();
    resource.read = async () => {
      throw new TypeError('Cannot read properties of undefined');
    };
    const logger = recordingLogger();
    const s = new FrameworkServer(widgetProvider(resource), { logger });
    const state = widgetConfig({ id: 'w-1' });
    const result = await s.readResource('test_widget', state);
    expect(result.state).toBe(state);
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        summary: 'Unexpected Provider Error',
        detail:
          'The provider failed while reading test_widget: Cannot read properties of undefined\n\n' +
          'Retry the command; if the error persists, run it with TF_LOG=debug and report the log to the provider maintainers.',
      },
    ]);
    expect(result.diagnostics[0].detail).not.toContain('    at ');
    const logged = logger.lines.find((l) => l.level === 'debug');
    expect(String(logged?.fields?.error)).toContain('    at ');
  });

  test('keeps the diagnostic of a thrown DiagnosticError unchanged', async () => {
    const resource = widgetResource();
    resource.create = async () => {
      throw new DiagnosticError('Name Already Taken', 'Another widget is called w: choose another name.', ['name']);
    };
    const s = new FrameworkServer(widgetProvider(resource), { logger: silentLogger });
    const plan = await s.planResourceChange('test_widget', { prior: null, config: widgetConfig() });
    const applied = await s.applyResourceChange('test_widget', { prior: null, planned: plan.planned, config: widgetConfig() });
    expect(applied.state).toBeNull();
    expect(applied.diagnostics).toEqual([{ severity: 'error', summary: 'Name Already Taken', detail: 'Another widget is called w: choose another name.', path: ['name'] }]);
  });

  test('reports a throwing configure as a diagnostic', async () => {
    const provider = widgetProvider(widgetResource());
    provider.configure = async () => {
      throw 'not an Error';
    };
    const diags = await new FrameworkServer(provider).configureProvider({ prefix: null });
    expect(diags[0].detail).toContain('configuring the provider: not an Error');
  });
});

describe('read, import and state upgrade', () => {
  test('removes the resource from state when read finds it gone', async () => {
    const resource = widgetResource();
    resource.read = async () => null;
    const result = await new FrameworkServer(widgetProvider(resource)).readResource('test_widget', widgetConfig({ id: 'w-1' }));
    expect(result).toEqual({ state: null, diagnostics: [] });
  });

  test('imports from an id with every other attribute null', async () => {
    const resource = widgetResource();
    resource.importState = async ({ id }) => ({ id });
    const result = await new FrameworkServer(widgetProvider(resource)).importResourceState('test_widget', 'w-9');
    expect(result.state).toEqual({ ...widgetConfig({ id: 'w-9' }), name: null });
  });

  test('fails to import a resource type without importState', async () => {
    const result = await new FrameworkServer(widgetProvider(widgetResource())).importResourceState('test_widget', 'w-9');
    expect(result.diagnostics.map((d) => d.summary)).toEqual(['Resource Import Not Supported']);
  });

  test('completes state of the current schema version: missing attributes null, removed ones dropped', async () => {
    const s = new FrameworkServer(widgetProvider(widgetResource()));
    const current: ObjectValue = { id: 'w-1', name: 'w', gone: 'x' };
    const result = await s.upgradeResourceState('test_widget', { version: widgetSchema.version, rawState: current, currentState: current });
    expect(result.state).toEqual({ ...widgetConfig({ id: 'w-1' }) });
  });

  test('upgrades older state through upgradeState', async () => {
    const resource = widgetResource();
    resource.upgradeState = async ({ version, state }) => ({ id: String(state.widget_id), name: `v${version}` });
    const s = new FrameworkServer(widgetProvider(resource));
    const result = await s.upgradeResourceState('test_widget', { version: 0, rawState: { widget_id: 'w-1' }, currentState: new Error('unused') });
    expect(result.state).toEqual(widgetConfig({ id: 'w-1', name: 'v0' }));
  });

  test('fails on state written by a newer schema version', async () => {
    const s = new FrameworkServer(widgetProvider(widgetResource()));
    const result = await s.upgradeResourceState('test_widget', { version: 2, rawState: {}, currentState: {} });
    expect(result.diagnostics.map((d) => d.summary)).toEqual(['Unsupported State Version']);
  });
});

describe('schema checks', () => {
  test('reports mistakes in schema definitions as provider-bug diagnostics', () => {
    const resource = widgetResource();
    const broken = {
      ...resource,
      typeName: 'test_broken',
      schema: { version: 0, description: 'x', attributes: { Bad: { description: '', type: 'string' as const }, both: { description: 'd', required: true, computed: true } } },
    };
    const provider = widgetProvider(resource);
    const s = new FrameworkServer({ ...provider, resources: [resource, broken] });
    expect(s.getSchema().diagnostics.map((d) => d.detail)).toEqual([
      'The schema of resource test_broken is invalid: Bad: attribute names use lowercase letters, digits and underscores. This is a bug in the provider.',
      'The schema of resource test_broken is invalid: Bad: set one of required, optional, computed. This is a bug in the provider.',
      'The schema of resource test_broken is invalid: Bad: every attribute needs a description. This is a bug in the provider.',
      'The schema of resource test_broken is invalid: both: set exactly one of type and nested. This is a bug in the provider.',
      'The schema of resource test_broken is invalid: both: required excludes optional and computed. This is a bug in the provider.',
    ]);
  });

  test('the diagnostics collector keeps order and tells errors from warnings', () => {
    const diags = new Diagnostics();
    diags.addWarning('Deprecated Attribute', 'Use x.', ['y']);
    expect(diags.hasErrors()).toBe(false);
    diags.addError('Broken', 'Fix it.');
    expect(diags.all().map((d) => d.severity)).toEqual(['warning', 'error']);
    expect(diags.errors()).toHaveLength(1);
    expect(formatAttributePath(['tags', { key: 'a b' }, 'x', 2])).toBe('tags["a b"].x[2]');
  });
});
