import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { IntegrateioProvider, Pipeline, PipelineDefinition, type PipelineDocument } from '../../lib/constructs';
import { ORDERS, synthErrors, testStack } from './helpers';

/** A document with shape problems (unknown keys) and rule problems (include and exclude, an unknown transformation type). */
const BROKEN = {
  definition_version: 1,
  name: 'orders',
  source: { connection: { id: 42 } },
  destination: { connection: { id: 17 } },
  sync: { frequency: 5, cron: '* * * * *' },
  tables: [{ name: 'public.orders', apend_only: true, columns: { include: ['id'], exclude: ['ssn'] } }],
  transformations: [{ type: 'uppercase_everything', table: 'public.orders' }],
} as unknown as PipelineDocument;

describe('every problem at once', () => {
  test('shape problems do not hide the rules a definition breaks', () => {
    const { stack } = testStack();
    PipelineDefinition.fromDocument(stack, 'Orders', BROKEN);
    const lines = synthErrors(stack).split('\n');
    expect(lines.map((line) => line.replace(/: .*$/s, ''))).toEqual(['[test/Orders] sync.cron', '[test/Orders] tables[0].apend_only', '[test/Orders] tables[0].columns', '[test/Orders] transformations[0].type']);
  });

  test('in a file, the rule problems found with shape problems have their line too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-all-problems-'));
    const file = path.join(dir, 'orders.yaml');
    fs.writeFileSync(
      file,
      ['definition_version: 1', 'name: orders', 'source: { connection: { id: 42 } }', 'destination: { connection: { id: 17 } }', 'sync:', '  frequency: 5', '  cron: "* * * * *"', 'tables:', '  - name: public.orders', '    columns: { include: [id], exclude: [ssn] }', ''].join('\n'),
    );
    const { stack } = testStack();
    const definition = PipelineDefinition.fromFile(stack, 'Orders', file);
    expect(definition.listProblems().map((p) => [p.path, p.line, p.kind])).toEqual([
      ['sync.cron', 7, 'shape'],
      ['tables[0].columns', 10, 'semantic'],
    ]);
  });

  test('a field with the wrong type is reported, and the rules are still checked elsewhere', () => {
    const { stack } = testStack();
    PipelineDefinition.fromDocument(stack, 'Orders', { ...BROKEN, sync: { frequency: 'often' }, transformations: undefined } as unknown as PipelineDocument);
    const lines = synthErrors(stack).split('\n');
    expect(lines.map((line) => line.replace(/: .*$/s, ''))).toEqual(['[test/Orders] sync.frequency', '[test/Orders] tables[0].apend_only', '[test/Orders] tables[0].columns']);
  });

  test.each([
    ['a table entry of the wrong type', { tables: ['public.orders', { name: 'public.customers', columns: {} }], transformations: [{ type: 'history_mode', table: 'public.orders' }] }, ['tables[0]', 'tables[1].columns']],
    ['a missing sync', { sync: undefined, hooks: [{ id: 9, events: ['pipeline_exploded'] }] }, ['sync', 'hooks[0].events[0]']],
    ['a hook of the wrong type next to a rule problem in a table', { hooks: [{ id: 'nine', events: [] }], tables: [{ name: 'public.orders', columns: { include: [] } }] }, ['hooks[0].id', 'tables[0].columns.include']],
  ])('with %s, the rules are checked on the rest and nothing is reported about the stand-in', (_what, change, paths) => {
    const { stack } = testStack();
    const document = { ...BROKEN, sync: { frequency: 5 }, transformations: undefined, tables: [{ name: 'public.orders' }], ...change };
    const definition = PipelineDefinition.fromDocument(stack, 'Orders', document as unknown as PipelineDocument);
    expect(definition.listProblems().map((p) => p.path)).toEqual(paths);
  });

  test('one synth reports the problems of every stack, not only the first that fails', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-all-stacks-')) });
    for (const [env, suffix] of [['dev', '-dev'], ['staging', '-staging'], ['prod', '-prod']]) {
      const stack = new TerraformStack(app, env);
      new IntegrateioProvider(stack, 'integrateio');
      const definition = new PipelineDefinition(stack, 'OrdersDefinition', { ...ORDERS, name: `orders${suffix}`, frequency: env === 'staging' ? 5 : 0 });
      new Pipeline(stack, 'Orders', { definition, startTimeout: env === 'prod' ? 'soon' : undefined });
    }
    let message = '';
    try {
      app.synth();
    } catch (err) {
      message = (err as Error).message;
    }
    const problems = message.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('['));
    expect(problems.map((line) => line.replace(/\] (\S+): .*$/s, '] $1'))).toEqual([
      '[dev/OrdersDefinition] sync.frequency',
      '[dev/Orders] other stacks of this app have problems too (cdktf stops at the first stack that fails, so they are listed here):',
      '[prod/OrdersDefinition] sync.frequency',
      '[prod/Orders] startTimeout',
    ]);
  });
});
