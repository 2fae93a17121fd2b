/**
 * The generated L1 bindings make their output references on first access (scripts/generate-bindings.js,
 * lazyReferences). This renders the bindings of a fixed schema with a nested `definition` (a
 * fixture, so the test does not depend on the current provider schema) both eagerly, as
 * @cdktf/provider-generator writes them, and lazily, and checks that every way of using the
 * resource synthesizes the same JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, ComplexObject, Fn, TerraformOutput, TerraformStack, Token } from 'cdktf';
import * as ts from 'typescript';

interface GenerateBindings {
  renderBindings(schema: unknown, options?: { lazy?: boolean }): Promise<Map<string, string>>;
}

const script = require('../../scripts/generate-bindings.js') as GenerateBindings;
const root = path.resolve(__dirname, '../..');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/bindings/nested-definition-schema.json'), 'utf8')) as unknown;
// Inside the project, so that the compiled modules' require('cdktf') finds node_modules.
const work = path.join(root, 'node_modules', '.cache', `integrateio-lazy-references-${process.pid}`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the compiled bindings are loaded at run time
type Bindings = any;
let eager: Bindings;
let lazy: Bindings;

async function compile(lazyRefs: boolean): Promise<Bindings> {
  const files = await script.renderBindings(schema, { lazy: lazyRefs });
  const source = files.get('pipeline/index.ts');
  if (source === undefined) throw new Error('no pipeline/index.ts rendered');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(work, lazyRefs ? 'lazy' : 'eager', 'pipeline.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, js);
  return require(file) as Bindings;
}

beforeAll(async () => {
  eager = await compile(false);
  lazy = await compile(true);
}, 60_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const FULL = {
  definitionVersion: 1,
  name: 'orders',
  source: { connection: { id: 42 } },
  destination: { connection: { id: 17 } },
  sync: { frequency: 5, autoSyncNewTables: false },
  tables: [{ name: 'public.orders', appendOnly: true }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
  transformations: [{ table: 'public.orders', type: 'rename_fields', config: { mapping: { a: 'b' } } }],
  hooks: [{ id: 3, events: ['sync_failed'] }],
};

/** Uses the bindings one way and returns the synthesized JSON. */
type Scenario = (b: Bindings, stack: TerraformStack) => void;

const scenarios: Record<string, Scenario> = {
  'a full definition, never read': (b, stack) => {
    new b.Pipeline(stack, 'p', { definition: FULL, running: true });
  },
  'references to nested attributes, taken before and after put': (b, stack) => {
    const p = new b.Pipeline(stack, 'p', { definition: FULL });
    new TerraformOutput(stack, 'frequency', { value: p.definition.sync.frequency });
    new TerraformOutput(stack, 'table', { value: p.definition.tables.get(1).columns.exclude });
    p.putDefinition({ ...FULL, name: 'renamed', sync: { frequency: 15 } });
    new TerraformOutput(stack, 'name', { value: p.definition.name });
    new TerraformOutput(stack, 'input', { value: p.definitionInput });
  },
  'a nested object whose keys are all undefined': (b, stack) => {
    new b.Pipeline(stack, 'p', { definition: { ...FULL, sync: { frequency: undefined, autoSyncNewTables: undefined }, source: { connection: { id: undefined } } } });
  },
  'an empty nested object': (b, stack) => {
    new b.Pipeline(stack, 'p', { definition: { ...FULL, sync: {} } });
  },
  'tokens for the whole definition and for nested parts': (b, stack) => {
    new b.Pipeline(stack, 'p', { definition: Fn.yamldecode(Fn.file('orders.yaml')) });
    new b.Pipeline(stack, 'q', { definition: { ...FULL, sync: Token.asAny(Fn.lookup(Fn.yamldecode(Fn.file('x.yaml')), 'sync', {})) } });
  },
  'tokens inside nested objects': (b, stack) => {
    new b.Pipeline(stack, 'p', { definition: { ...FULL, name: Fn.lower('ORDERS'), source: { connection: { id: Token.asNumber(Fn.tonumber('42')) } } } });
  },
  'a nested reference read, then set through its own put': (b, stack) => {
    const p = new b.Pipeline(stack, 'p', { definition: FULL });
    p.definition.putSync({ frequency: 60 });
    p.definition.sync.resetFrequency();
    p.definition.putTables([{ name: 'only' }]);
  },
};

function synth(b: Bindings, scenario: Scenario): unknown {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-lazy-refs-'));
  try {
    const app = new App({ outdir, skipValidation: true });
    scenario(b, new TerraformStack(app, 'stack'));
    app.synth();
    const doc = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
    delete doc['//'];
    return doc;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('lazy output references in the generated bindings', () => {
  test.each(Object.keys(scenarios))('synthesize the same JSON as eager ones: %s', (name) => {
    expect(synth(lazy, scenarios[name])).toEqual(synth(eager, scenarios[name]));
  });

  test('a resource whose references are never read makes none', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-lazy-refs-')) });
    const p = new lazy.Pipeline(new TerraformStack(app, 'stack'), 'p', { definition: FULL });
    expect(p.definitionInput).toEqual(FULL);
    // Eager bindings hold the definition's reference (a ComplexObject) in a field from the start.
    expect(Object.values(p as object).some((v) => v instanceof ComplexObject)).toBe(false);
    const eagerOne = new eager.Pipeline(new TerraformStack(app, 'eager'), 'p', { definition: FULL });
    expect(Object.values(eagerOne as object).some((v) => v instanceof ComplexObject)).toBe(true);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test('the committed bindings are the lazy rendering (no reference is made in a field initializer)', () => {
    for (const dir of fs.readdirSync(path.join(root, 'lib/constructs/generated'), { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      const source = fs.readFileSync(path.join(root, 'lib/constructs/generated', dir.name, 'index.ts'), 'utf8');
      expect(source).not.toMatch(/private _\w+ = new \w+\(this/);
    }
  });
});
