import { FrameworkServer, isUnknown, unknown, type ObjectValue, type ResourceDefinition } from '../../lib/provider/framework';
import { widgetConfig, widgetProvider, widgetResource } from './framework-fixture';

async function server(resource: ResourceDefinition<{ prefix: string }> = widgetResource()): Promise<FrameworkServer<{ prefix: string }>> {
  const s = new FrameworkServer(widgetProvider(resource));
  await s.configureProvider({ prefix: 'w' });
  return s;
}

/** The state after creating from `config`, as Terraform would store it. */
async function created(s: FrameworkServer<{ prefix: string }>, config: ObjectValue): Promise<ObjectValue> {
  const plan = await s.planResourceChange('test_widget', { prior: null, config });
  const applied = await s.applyResourceChange('test_widget', { prior: null, planned: plan.planned, config });
  expect(applied.diagnostics).toEqual([]);
  return applied.state as ObjectValue;
}

describe('planning (framework default rules)', () => {
  test('plans a create with computed attributes unknown and optional+computed nulls unknown', async () => {
    const s = await server();
    const plan = await s.planResourceChange('test_widget', { prior: null, config: widgetConfig({ region: 'eu' }) });
    expect(plan.diagnostics).toEqual([]);
    const planned = plan.planned as ObjectValue;
    expect(['id', 'mode', 'sticky', 'revision'].map((k) => isUnknown(planned[k]))).toEqual([true, true, true, true]);
    expect(planned).toMatchObject({ name: 'w', region: 'eu', tags: null, steps: null });
    expect(plan.requiresReplace).toEqual([]);
  });

  test('keeps a configured value of an optional+computed attribute and an unknown configured value', async () => {
    const s = await server();
    const plan = await s.planResourceChange('test_widget', { prior: null, config: widgetConfig({ mode: 'manual', name: unknown }) });
    expect((plan.planned as ObjectValue).mode).toBe('manual');
    expect(isUnknown((plan.planned as ObjectValue).name)).toBe(true);
  });

  test('marks computed attributes of nested list elements unknown on create', async () => {
    const s = await server();
    const config = widgetConfig({ steps: [{ name: 'a', retries: null, step_id: null }] });
    const plan = await s.planResourceChange('test_widget', { prior: null, config });
    const steps = (plan.planned as ObjectValue).steps as ObjectValue[];
    expect(steps[0].name).toBe('a');
    expect(isUnknown(steps[0].step_id)).toBe(true);
  });

  test('plans no change as exactly the prior state, so Terraform shows "No changes"', async () => {
    const s = await server();
    const config = widgetConfig({ steps: [{ name: 'a', retries: 1, step_id: null }] });
    const prior = await created(s, config);
    const plan = await s.planResourceChange('test_widget', { prior, config });
    expect(plan.planned).toBe(prior);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('plans an update with useStateForUnknown values kept and other computed values unknown', async () => {
    const s = await server();
    const prior = await created(s, widgetConfig({ steps: [{ name: 'a', retries: null, step_id: null }] }));
    const config = widgetConfig({ name: 'renamed', steps: [{ name: 'a', retries: 2, step_id: null }, { name: 'b', retries: null, step_id: null }] });
    const plan = await s.planResourceChange('test_widget', { prior, config });
    const planned = plan.planned as ObjectValue;
    expect(planned).toMatchObject({ id: 'w-1', sticky: 'first', name: 'renamed' });
    expect(isUnknown(planned.mode)).toBe(true);
    expect(isUnknown(planned.revision)).toBe(true);
    const steps = planned.steps as ObjectValue[];
    expect(steps[0].step_id).toBe('s0'); // kept from the prior element at the same index
    expect(isUnknown(steps[1].step_id)).toBe(true); // a new element has no prior value
    expect(plan.requiresReplace).toEqual([]);
  });

  test('reports the path of an attribute whose change requires replacement', async () => {
    const s = await server();
    const prior = await created(s, widgetConfig({ region: 'eu' }));
    const plan = await s.planResourceChange('test_widget', { prior, config: widgetConfig({ region: 'us' }) });
    expect(plan.requiresReplace).toEqual([['region']]);
  });

  test('plans a destroy as null without calling the resource', async () => {
    const calls: string[] = [];
    const s = await server(widgetResource(calls));
    const prior = await created(s, widgetConfig());
    const plan = await s.planResourceChange('test_widget', { prior, config: null, proposed: null });
    expect(plan.planned).toBeNull();
    expect(calls).toEqual(['create']);
  });

  test('plans a destroy as null and returns the warnings of the resource\'s planDestroy', async () => {
    const resource = widgetResource();
    const seen: ObjectValue[] = [];
    resource.planDestroy = ({ prior }, diags) => {
      seen.push(prior);
      diags.addWarning('Gone For Good', `widget ${String(prior.id)} cannot come back.`);
    };
    const s = await server(resource);
    const prior = await created(s, widgetConfig());
    const plan = await s.planResourceChange('test_widget', { prior, config: null, proposed: null });
    expect(plan.planned).toBeNull();
    expect(seen).toEqual([prior]);
    expect(plan.diagnostics.map((d) => [d.severity, d.summary])).toEqual([['warning', 'Gone For Good']]);
  });

  test('uses the plan returned by modifyPlan after default planning', async () => {
    const resource = widgetResource();
    const seen: ObjectValue[] = [];
    resource.modifyPlan = async ({ planned }) => {
      seen.push(planned);
      return { ...planned, mode: 'from-modify-plan' };
    };
    const s = await server(resource);
    const plan = await s.planResourceChange('test_widget', { prior: null, config: widgetConfig() });
    expect(isUnknown(seen[0].id)).toBe(true);
    expect((plan.planned as ObjectValue).mode).toBe('from-modify-plan');
  });

  test('adds the replacement paths modifyPlan reports to those of the plan modifiers', async () => {
    const resource = widgetResource();
    resource.modifyPlan = async ({ planned, prior, requiresReplace }) => {
      if (prior && prior.name !== planned.name) requiresReplace(['name']);
      return planned;
    };
    const s = await server(resource);
    const prior = await created(s, widgetConfig({ region: 'eu' }));
    const plan = await s.planResourceChange('test_widget', { prior, config: widgetConfig({ region: 'us', name: 'other' }) });
    expect(plan.requiresReplace).toEqual([['region'], ['name']]);
  });
});

describe('applying', () => {
  test('keeps planned values of attributes the resource left out of its result', async () => {
    const s = await server();
    const state = await created(s, widgetConfig({ region: 'eu', tags: { a: 'b' } }));
    expect(state).toEqual({ id: 'w-1', name: 'w', region: 'eu', mode: 'auto', sticky: 'first', revision: 1, tags: { a: 'b' }, steps: null });
  });

  test('updates then deletes, keeping the prior state when delete fails', async () => {
    const calls: string[] = [];
    const resource = widgetResource(calls);
    const s = await server(resource);
    const prior = await created(s, widgetConfig());
    const config = widgetConfig({ name: 'n2' });
    const plan = await s.planResourceChange('test_widget', { prior, config });
    const updated = await s.applyResourceChange('test_widget', { prior, planned: plan.planned, config });
    expect(updated.state).toMatchObject({ name: 'n2', revision: 2, id: 'w-1' });
    resource.delete = async () => {
      throw new Error('service unavailable');
    };
    const failed = await s.applyResourceChange('test_widget', { prior: updated.state, planned: null, config: null });
    expect(failed.state).toBe(updated.state);
    expect(failed.diagnostics.map((d) => d.summary)).toEqual(['Unexpected Provider Error']);
    expect(calls).toEqual(['create', 'update']);
  });

  test('fails with a clear diagnostic and path when the resource leaves a planned unknown unset', async () => {
    const resource = widgetResource();
    resource.create = async () => ({ id: 'x', mode: 'm', sticky: 's' });
    const s = await server(resource);
    const plan = await s.planResourceChange('test_widget', { prior: null, config: widgetConfig() });
    const applied = await s.applyResourceChange('test_widget', { prior: null, planned: plan.planned, config: widgetConfig() });
    expect(applied.diagnostics).toEqual([
      {
        severity: 'error',
        summary: 'Provider Left A Value Unknown',
        detail: 'While creating test_widget, the provider did not set revision, which was unknown in the plan. This is a bug in the provider: report it to its maintainers.',
        path: ['revision'],
      },
    ]);
    expect((applied.state as ObjectValue).revision).toBeNull();
  });

  test('fails with a diagnostic when the resource returns a value of the wrong type', async () => {
    const resource = widgetResource();
    resource.create = async () => ({ id: 7 as unknown as string, mode: 'm', sticky: 's', revision: 1 });
    const s = await server(resource);
    const plan = await s.planResourceChange('test_widget', { prior: null, config: widgetConfig() });
    const applied = await s.applyResourceChange('test_widget', { prior: null, planned: plan.planned, config: widgetConfig() });
    expect(applied.diagnostics[0].summary).toBe('Provider Returned Invalid State');
    expect(applied.diagnostics[0].detail).toContain('id must be string, got number 7');
  });
});
