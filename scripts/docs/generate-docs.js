#!/usr/bin/env node
// @ts-check
/* global require, module, process, __dirname */
'use strict';
/**
 * Writes docs/ (the provider's documentation in the Terraform Registry layout) from the provider's
 * own schema and the hand-written templates in docs-templates/, the way HashiCorp's tfplugindocs
 * does for Go providers.
 *
 *   npm run docs                                    rewrite docs/ from the committed schema
 *   node scripts/docs/generate-docs.js --check      exit 1 when docs/ is stale
 *   node scripts/docs/generate-docs.js --schema F   use a saved `terraform providers schema -json`
 *
 * The schema is lib/constructs/generated/provider-schema.json: `npm run generate:bindings` writes it
 * from what the built provider reports to `terraform providers schema -json`, and
 * test/constructs/bindings.test.ts checks it against the real provider, so the chain
 * provider → schema JSON → docs/ is checked end to end (test/docs/generated-docs.test.ts does the
 * last step).
 *
 * Pages: docs/index.md (the provider), docs/resources/<name>.md and docs/data-sources/<name>.md
 * for every resource and data source of the schema (`<name>` without the `integrateio_` prefix).
 * Each page is its template (docs-templates/<same path>.tmpl, or a default one: title, description,
 * schema) rendered by scripts/docs/render-template.js, after a front matter made from the schema's
 * description. docs-templates/guides/*.md are copied as they are to docs/guides/. A provider function's
 * page is its template functions/<name>.md.tmpl (front matter, prose, examples) followed by the
 * Signature, Arguments and Return sections rendered from the schema; every function needs one.
 */
const fs = require('node:fs');
const path = require('node:path');
const { renderSchemaMarkdown } = require('./schema-markdown.js');
const { renderTemplate } = require('./render-template.js');
const bindings = require('../generate-bindings.js');

const { listFiles } = bindings;

/** The repository root. */
const ROOT = path.resolve(__dirname, '..', '..');
/** The generated documentation. */
const DOCS_DIR = path.join(ROOT, 'docs');
/** The hand-written templates and guides. */
const TEMPLATE_DIR = path.join(ROOT, 'docs-templates');
/** The provider's local name, the prefix of its resource types. */
const PROVIDER_NAME = 'integrateio';
/** The message of a failed check. */
const STALE_MESSAGE = 'docs/ is stale: run `npm run docs` and commit docs/ (edit docs-templates/, not docs/)';

/** The template used for a resource or data source without one of its own. */
const DEFAULT_TEMPLATE = '# {{ .Name }} ({{ .Type }})\n\n{{ .Description }}\n\n{{ .SchemaMarkdown }}';

/** @typedef {{ block: any }} Schema */

/**
 * The integrateio provider's part of a `terraform providers schema -json` output.
 *
 * @param {any} schema
 * @returns {{ provider: Schema; resource_schemas?: Record<string, Schema>; data_source_schemas?: Record<string, Schema>; [key: string]: unknown }}
 */
function providerSchemaOf(schema) {
  const provider = schema?.provider_schemas?.[bindings.PROVIDER_ADDRESS];
  if (!provider) {
    const found = Object.keys(schema?.provider_schemas ?? {}).join(', ') || 'none';
    throw new Error(`the schema has no ${bindings.PROVIDER_ADDRESS} provider (found: ${found})`);
  }
  for (const [key, value] of Object.entries(provider)) {
    if (['provider', 'resource_schemas', 'data_source_schemas', 'functions'].includes(key)) continue;
    if (value && typeof value === 'object' && Object.keys(value).length > 0) {
      throw new Error(`the provider schema has ${key}, which scripts/docs/generate-docs.js does not document yet: add its pages to the generator`);
    }
  }
  return provider;
}

/**
 * The registry front matter of a page.
 *
 * @param {string} title
 * @param {string | undefined} description
 */
function frontMatter(title, description) {
  const text = (description ?? '').trim();
  const lines = ['---', `page_title: ${JSON.stringify(title)}`, 'subcategory: ""'];
  if (text !== '') lines.push('description: |-', ...text.split('\n').map((l) => `  ${l}`.trimEnd()));
  lines.push('---', '');
  return lines.join('\n');
}

/**
 * Reads a template when it exists.
 *
 * @param {string} templateDir
 * @param {string} rel
 */
function readTemplate(templateDir, rel) {
  const file = path.join(templateDir, rel);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/**
 * Renders every page: a map from path inside docs/ to content.
 *
 * @param {any} schema a `terraform providers schema -json` output (normalized or not)
 * @param {{ templateDir?: string }} [options]
 * @returns {Map<string, string>}
 */
function renderDocs(schema, options = {}) {
  const templateDir = options.templateDir ?? TEMPLATE_DIR;
  const provider = providerSchemaOf(schema);
  const templateRel = (/** @type {string} */ rel) => path.relative(ROOT, path.join(templateDir, rel)).split(path.sep).join('/');
  /** @type {Map<string, string>} */
  const files = new Map();
  /** @type {Set<string>} */
  const usedTemplates = new Set();

  /**
   * @param {string} page path inside docs/
   * @param {string} title
   * @param {{ Name: string; Type: string }} names
   * @param {any} block
   * @param {string | undefined} fallback a template used when the page has none
   */
  const addPage = (page, title, names, block, fallback) => {
    const rel = `${page}.tmpl`;
    const own = readTemplate(templateDir, rel);
    if (own === undefined && fallback === undefined) throw new Error(`${templateRel(rel)} is missing: every page but resources and data sources needs a template`);
    if (own !== undefined) usedTemplates.add(rel);
    if (own !== undefined && own.startsWith('---')) throw new Error(`${templateRel(rel)}: remove the front matter, the generator writes it from the schema's description`);
    const description = (block.description ?? '').trim();
    const values = { ...names, Description: description, SchemaMarkdown: renderSchemaMarkdown(block).trimEnd() };
    const body = renderTemplate(own ?? /** @type {string} */ (fallback), { root: ROOT, file: own !== undefined ? templateRel(rel) : `default template of ${page}`, values });
    const origin = own !== undefined ? templateRel(rel) : 'the default template';
    const notice = `<!-- Generated by \`npm run docs\` from ${origin} and the provider schema: edit those, not this file. -->\n\n`;
    files.set(page, `${frontMatter(title, description)}\n${notice}${body.trim()}\n`);
  };

  addPage('index.md', `${PROVIDER_NAME} Provider`, { Name: PROVIDER_NAME, Type: 'Provider' }, provider.provider.block, undefined);
  /** @type {Array<[string, string, string, Record<string, Schema> | undefined]>} */
  const kinds = [
    ['resources', 'Resource', 'resource', provider.resource_schemas],
    ['data-sources', 'Data Source', 'data source', provider.data_source_schemas],
  ];
  for (const [dir, type, noun, schemas] of kinds) {
    for (const name of Object.keys(schemas ?? {}).sort()) {
      const prefix = `${PROVIDER_NAME}_`;
      if (!name.startsWith(prefix)) throw new Error(`the ${noun} ${name} does not start with ${prefix}`);
      const short = name.slice(prefix.length);
      addPage(`${dir}/${short}.md`, `${name} ${type} - ${PROVIDER_NAME}`, { Name: name, Type: type }, /** @type {Record<string, Schema>} */ (schemas)[name].block, DEFAULT_TEMPLATE);
    }
  }

  // Provider functions: prose from functions/<name>.md.tmpl, signature from the schema.
  for (const [name, fn] of Object.entries(/** @type {Record<string, any>} */ (provider.functions ?? {})).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rel = `functions/${name}.md.tmpl`;
    if (!fs.existsSync(path.join(templateDir, rel))) throw new Error(`the provider function ${name} has no template ${templateRel(rel)}: write one (prose and examples; the signature is generated)`);
    usedTemplates.add(rel);
    const params = /** @type {{ name: string; type: string; description?: string }[]} */ (fn.parameters ?? []);
    const signature = `${name}(${params.map((p) => `${p.name} ${p.type}`).join(', ')}) ${fn.return_type}`;
    const args = params.map((p, i) => `${i + 1}. \`${p.name}\` (${p.type}) ${p.description ?? ''}`.trimEnd());
    const body = fs.readFileSync(path.join(templateDir, rel), 'utf8').trimEnd();
    const generated = ['## Signature', '', '```text', signature, '```', '', '## Arguments', '', ...(args.length > 0 ? args : ['None.']), '', '## Return', '', `${fn.return_type}.`, ''];
    files.set(`functions/${name}.md`, `${frontMatter(`${name} function - ${PROVIDER_NAME}`, fn.summary)}${body}\n\n${generated.join('\n')}`);
  }

  // Every file of the template folder is used: a template whose resource is gone is an error.
  for (const rel of listFiles(templateDir)) {
    if (rel === 'README.md' || usedTemplates.has(rel)) continue;
    if (rel.startsWith('guides/') && rel.endsWith('.md')) {
      files.set(rel, fs.readFileSync(path.join(templateDir, rel), 'utf8'));
      continue;
    }
    const kind = /^(resources|data-sources)\/([^/]+)\.md\.tmpl$/.exec(rel);
    if (kind) throw new Error(`${templateRel(rel)} documents ${PROVIDER_NAME}_${kind[2]}, which the provider schema has no ${kind[1] === 'resources' ? 'resource' : 'data source'} named so: rename or delete the template`);
    throw new Error(`${templateRel(rel)} is not a page template (index.md.tmpl, resources/*.md.tmpl, data-sources/*.md.tmpl) nor a guide (guides/*.md)`);
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Compares rendered pages with docs/: the paths that differ, are missing or are extra.
 *
 * @param {Map<string, string>} files
 * @param {string} [dir]
 */
function compareDocs(files, dir = DOCS_DIR) {
  return bindings.compareBindings(files, dir);
}

/**
 * Replaces the content of docs/ with the rendered pages.
 *
 * @param {Map<string, string>} files
 * @param {string} [dir]
 */
function writeDocs(files, dir = DOCS_DIR) {
  bindings.writeBindings(files, dir);
}

/** @param {string[]} argv */
function main(argv) {
  const check = argv.includes('--check');
  const schemaIndex = argv.indexOf('--schema');
  const unknown = argv.filter((a, i) => a !== '--check' && a !== '--schema' && !(schemaIndex >= 0 && i === schemaIndex + 1));
  if (unknown.length > 0 || (schemaIndex >= 0 && argv[schemaIndex + 1] === undefined)) {
    process.stderr.write('usage: node scripts/docs/generate-docs.js [--check] [--schema <terraform providers schema -json output>]\n');
    return 2;
  }
  const schema = schemaIndex >= 0 ? JSON.parse(fs.readFileSync(argv[schemaIndex + 1], 'utf8')) : bindings.readCommittedSchema();
  const files = renderDocs(schema);
  if (check) {
    const { changed, missing, extra } = compareDocs(files);
    if (changed.length + missing.length + extra.length === 0) {
      process.stdout.write('docs/ is up to date with the provider schema and docs-templates/\n');
      return 0;
    }
    const lines = [...changed.map((f) => `  changed: docs/${f}`), ...missing.map((f) => `  missing: docs/${f}`), ...extra.map((f) => `  extra:   docs/${f}`)];
    process.stderr.write(`${STALE_MESSAGE}\n${lines.join('\n')}\n`);
    return 1;
  }
  writeDocs(files);
  process.stdout.write(`wrote ${files.size} files to docs/\n`);
  return 0;
}

module.exports = { DOCS_DIR, TEMPLATE_DIR, STALE_MESSAGE, renderDocs, compareDocs, writeDocs };

if (require.main === module) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
