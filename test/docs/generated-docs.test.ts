/**
 * docs/ (the provider's registry docs) is generated from the provider's schema and the templates in
 * docs-templates/: these tests fail when docs/ and the schema disagree. Fix: `npm run docs` (after
 * `npm run generate:bindings` when the provider's schema changed), then commit docs/.
 *
 * The schema is lib/constructs/generated/provider-schema.json, which test/constructs/bindings.test.ts
 * checks against what the built provider reports to `terraform providers schema -json`: together
 * the two tests check real provider → schema → docs/.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Comparison { changed: string[]; missing: string[]; extra: string[] }
interface GenerateDocs {
  readonly DOCS_DIR: string;
  readonly TEMPLATE_DIR: string;
  readonly STALE_MESSAGE: string;
  renderDocs(schema: unknown, options?: { templateDir?: string }): Map<string, string>;
  compareDocs(files: Map<string, string>, dir?: string): Comparison;
}
interface Attribute { description?: string; nested_type?: { attributes: Record<string, Attribute> }; [key: string]: unknown }
interface Block { attributes?: Record<string, Attribute>; description?: string }
interface ProviderSchema { provider: { block: Block }; resource_schemas: Record<string, { block: Block }>; data_source_schemas: Record<string, { block: Block }> }

const root = path.resolve(__dirname, '../..');
const docs = require('../../scripts/docs/generate-docs.js') as GenerateDocs;
const bindings = require('../../scripts/generate-bindings.js') as { PROVIDER_ADDRESS: string; readCommittedSchema(): unknown };
const { renderSchemaMarkdown } = require('../../scripts/docs/schema-markdown.js') as { renderSchemaMarkdown(block: unknown): string };

/** A deep copy of the committed schema and its integrateio provider, to alter. */
function schemaCopy(): { schema: { provider_schemas: Record<string, ProviderSchema> }; provider: ProviderSchema } {
  const schema = structuredClone(bindings.readCommittedSchema()) as { provider_schemas: Record<string, ProviderSchema> };
  return { schema, provider: schema.provider_schemas[bindings.PROVIDER_ADDRESS] };
}

/** Every attribute path of a block (`definition`, `definition.sync`, `definition.sync.frequency`...). */
function attributePaths(attributes: Record<string, Attribute>, parents: string[] = []): string[][] {
  return Object.entries(attributes).flatMap(([name, a]) => [[...parents, name], ...(a.nested_type ? attributePaths(a.nested_type.attributes, [...parents, name]) : [])]);
}

/** Renders with a copy of docs-templates/ changed by `change`. */
function withTemplates<T>(change: (dir: string) => void, run: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-docs-templates-'));
  try {
    fs.cpSync(docs.TEMPLATE_DIR, dir, { recursive: true });
    change(dir);
    return run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Compares a rendering with the rendering of the unchanged schema (not with docs/, so these checks
 * hold even while docs/ itself is stale).
 */
function compareWithFresh(files: Map<string, string>): Comparison {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-docs-'));
  try {
    for (const [rel, content] of docs.renderDocs(bindings.readCommittedSchema())) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    return docs.compareDocs(files, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('docs/', () => {
  test('is the rendering of the provider schema and docs-templates/', () => {
    const { changed, missing, extra } = docs.compareDocs(docs.renderDocs(bindings.readCommittedSchema()));
    const problems = [...changed.map((f) => `changed: docs/${f}`), ...missing.map((f) => `missing: docs/${f}`), ...extra.map((f) => `extra: docs/${f}`)];
    if (problems.length > 0) throw new Error(`${docs.STALE_MESSAGE}\n${problems.join('\n')}`);
  });

  test('npm run docs -- --check exits 0 on the committed docs/', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'scripts/docs/generate-docs.js'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('up to date');
  });

  test('documents every argument and attribute of the schema, at every depth, on its page', () => {
    const { provider } = schemaCopy();
    const pages: Array<[string, Block]> = [
      ['index.md', provider.provider.block],
      ...Object.entries(provider.resource_schemas).map(([n, s]): [string, Block] => [`resources/${n.replace(/^integrateio_/, '')}.md`, s.block]),
      ...Object.entries(provider.data_source_schemas).map(([n, s]): [string, Block] => [`data-sources/${n.replace(/^integrateio_/, '')}.md`, s.block]),
    ];
    for (const [page, block] of pages) {
      const text = fs.readFileSync(path.join(docs.DOCS_DIR, page), 'utf8');
      for (const p of attributePaths(block.attributes ?? {})) {
        const parent = p.slice(0, -1).join('.');
        const section = parent === '' ? text.split('<a id=')[0] : text.split(`### Nested Schema for \`${parent}\`\n`)[1]?.split('<a id=')[0];
        expect({ page, attribute: p.join('.'), documented: section?.includes(`- \`${p[p.length - 1]}\` (`) ?? false }).toEqual({ page, attribute: p.join('.'), documented: true });
      }
      if (block.description) expect(text).toContain(block.description.trim().split('\n')[0]);
    }
  });

  test('fails when an attribute description in the schema changes and docs/ is not regenerated', () => {
    const { schema, provider } = schemaCopy();
    const [first] = Object.values(provider.resource_schemas.integrateio_pipeline.block.attributes ?? {});
    first.description = 'A description the committed docs cannot have.';
    expect(compareWithFresh(docs.renderDocs(schema))).toEqual({ changed: ['resources/pipeline.md'], missing: [], extra: [] });
  });

  test('fails when the schema gains an attribute or a data source that docs/ does not have', () => {
    const { schema, provider } = schemaCopy();
    provider.data_source_schemas.integrateio_pipeline.block.attributes!.owner_email = { type: 'string', computed: true, description: 'Who owns the pipeline.' };
    provider.data_source_schemas.integrateio_connection = { block: { description: 'Reads one connection.', attributes: { id: { type: 'string', required: true, description: 'The connection id.' } } } };
    const files = docs.renderDocs(schema);
    expect(compareWithFresh(files)).toEqual({ changed: ['data-sources/pipeline.md'], missing: ['data-sources/connection.md'], extra: [] });
    // A data source without a template gets the default page: title, description, schema.
    expect(files.get('data-sources/connection.md')).toContain('- `id` (String) The connection id.');
  });

  test('fails when a template documents a resource the schema does not have', () => {
    expect(() =>
      withTemplates(
        (dir) => fs.writeFileSync(path.join(dir, 'resources/connection.md.tmpl'), '# {{ .Name }}\n'),
        (dir) => docs.renderDocs(bindings.readCommittedSchema(), { templateDir: dir }),
      ),
    ).toThrow(/connection\.md\.tmpl documents integrateio_connection, which the provider schema has no resource named so/);
  });

  test('fails on an unknown template expression and on an example block that does not exist, naming the template', () => {
    const render = (text: string) =>
      withTemplates(
        (dir) => fs.appendFileSync(path.join(dir, 'data-sources/pipelines.md.tmpl'), text),
        (dir) => docs.renderDocs(bindings.readCommittedSchema(), { templateDir: dir }),
      );
    expect(() => render('{{ .Attributes }}')).toThrow(/data-sources\/pipelines\.md\.tmpl: unknown value \{\{ \.Attributes \}\}/);
    expect(() => render('{{ tfblock "examples/terraform/data-sources/main.tf" "data.integrateio_pipelines.gone" }}')).toThrow(/pipelines\.md\.tmpl: .*has no top-level block data\.integrateio_pipelines\.gone/);
    expect(() => render('{{ tffile "examples/terraform/none.tf" }}')).toThrow(/pipelines\.md\.tmpl: examples\/terraform\/none\.tf does not exist/);
  });

  test('copies guides as they are', () => {
    const guide = '---\npage_title: "Second account"\n---\n\n# A second account\n';
    const files = withTemplates(
      (dir) => {
        fs.mkdirSync(path.join(dir, 'guides'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'guides/second-account.md'), guide);
      },
      (dir) => docs.renderDocs(bindings.readCommittedSchema(), { templateDir: dir }),
    );
    expect(files.get('guides/second-account.md')).toBe(guide);
  });
});

describe('the Schema section', () => {
  test('shows sensitive, write-only and deprecated attributes, blocks and object types as tfplugindocs does', () => {
    const text = renderSchemaMarkdown({
      attributes: {
        token: { type: 'string', optional: true, sensitive: true, description: 'A token.' },
        password: { type: 'string', optional: true, write_only: true, description: 'Sent, never stored.' },
        old_name: { type: 'string', optional: true, deprecated: true, description: 'Use name.' },
        name: { type: 'string', required: true, description: 'The name.' },
        labels: { type: ['map', 'string'], optional: true, computed: true },
        owner: { type: ['object', { email: 'string', id: 'number' }], computed: true, description: 'The owner.' },
      },
      block_types: { rule: { nesting_mode: 'list', min_items: 1, block: { attributes: { field: { type: 'string', required: true, description: 'The field.' } }, description: 'A rule.' } } },
    });
    const section = (title: string) => text.split(`${title}\n\n`)[1]?.split('\n\n')[0] ?? '';
    expect(section('### Required').split('\n')).toEqual(['- `name` (String) The name.', '- `rule` (Block List, Min: 1) A rule. (see [below for nested schema](#nestedblock--rule))']);
    expect(section('### Optional').split('\n')).toEqual([
      '- `labels` (Map of String)',
      '- `old_name` (String, Deprecated) Use name.',
      '- `password` (String, Write-only) Sent, never stored.',
      '- `token` (String, Sensitive) A token.',
    ]);
    expect(section('### Read-Only').split('\n')).toEqual(['- `owner` (Object) The owner. (see [below for nested schema](#nestedobjatt--owner))']);
    expect(text).toContain('<a id="nestedblock--rule"></a>\n### Nested Schema for `rule`\n\nRequired:\n\n- `field` (String) The field.');
    expect(text).toContain('<a id="nestedobjatt--owner"></a>\n### Nested Schema for `owner`\n\nRead-Only:\n\n- `email` (String)\n- `id` (Number)');
  });

  test('fails with a clear error on a type it does not know', () => {
    expect(() => renderSchemaMarkdown({ attributes: { x: { type: ['capsule', 'x'], optional: true } } })).toThrow(/unknown type in the provider schema: \["capsule","x"\]/);
  });
});
