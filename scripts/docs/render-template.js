// @ts-check
/* global require, module */
'use strict';
/**
 * A small subset of tfplugindocs' template language, enough for hand-written page templates:
 *
 *   {{ .Name }}            integrateio_pipeline (or the provider's name on the index page)
 *   {{ .Type }}            Resource, Data Source or Provider
 *   {{ .Description }}     the block's description in the provider schema
 *   {{ .SchemaMarkdown }}  the generated Schema section (scripts/docs/schema-markdown.js)
 *   {{ tffile "examples/terraform/from-yaml/main.tf" }}
 *                          a whole file of the repository, as a ```terraform block
 *   {{ tfblock "examples/terraform/typed-hcl/main.tf" "resource.integrateio_pipeline.customers" "output.customers" }}
 *                          some top-level blocks of an HCL file (`resource.T.N`, `data.T.N`,
 *                          `provider.N`, `variable.N`, `output.N`, `terraform`), as a ```terraform block
 *   {{ codefile "yaml" "examples/terraform/from-yaml/orders.yaml" }}
 *                          a whole file, as a code block of that language
 *
 * Examples are read from the repository, so the HCL a page shows is the HCL that
 * test/e2e/terraform-examples.test.ts applies. Anything else between `{{ }}` is an error naming the
 * template, never left in the page.
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * Splits the inside of `{{ }}` into words and double-quoted strings.
 *
 * @param {string} expression
 * @returns {string[]}
 */
function tokenize(expression) {
  /** @type {string[]} */
  const tokens = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m;
  while ((m = re.exec(expression)) !== null) tokens.push(m[1] !== undefined ? JSON.parse(`"${m[1]}"`) : m[2]);
  return tokens;
}

/**
 * The top-level blocks of an HCL file, by address: each starts at a line with no indentation
 * (`resource "t" "n" {`) and ends at the next line that is exactly `}` (or on the same line,
 * `provider "p" {}`), with the comment lines right above it.
 *
 * @param {string} text
 * @param {string} file for errors
 * @returns {Map<string, string>}
 */
function topLevelBlocks(text, file) {
  /** @type {Map<string, string>} */
  const blocks = new Map();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^([a-z_]+)((?:\s+"[^"]*")*)\s*\{(.*)$/.exec(lines[i]);
    if (!head) continue;
    const labels = [...head[2].matchAll(/"([^"]*)"/g)].map((l) => l[1]);
    const address = [head[1], ...labels].join('.');
    const end = /^\s*\}\s*$/.test(head[3]) ? i : lines.indexOf('}', i + 1);
    if (end < 0) throw new Error(`${file}: the block ${address} has no closing brace at the start of a line`);
    let start = i;
    while (start > 0 && /^\s*(#|\/\/)/.test(lines[start - 1])) start--;
    blocks.set(address, lines.slice(start, end + 1).join('\n'));
    i = end;
  }
  return blocks;
}

/**
 * @param {string} lang
 * @param {string} content
 */
function fence(lang, content) {
  return `\`\`\`${lang}\n${content.replace(/\n+$/, '')}\n\`\`\``;
}

/**
 * Renders a template.
 *
 * @param {string} template the template's text
 * @param {{ root: string; file: string; values: Record<string, string> }} context `root`: where
 *   example paths start; `file`: the template's path, for errors; `values`: `.Name` and the like
 * @returns {string}
 */
function renderTemplate(template, context) {
  const fail = (/** @type {string} */ message) => {
    throw new Error(`${context.file}: ${message}`);
  };
  const readExample = (/** @type {string | undefined} */ rel) => {
    if (rel === undefined || rel === '') return fail('a file function needs a path');
    const full = path.resolve(context.root, rel);
    if (!full.startsWith(context.root + path.sep)) return fail(`${rel} is outside the repository`);
    if (!fs.existsSync(full)) return fail(`${rel} does not exist (paths start at the repository root)`);
    return fs.readFileSync(full, 'utf8');
  };
  return template.replace(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g, (_match, expression) => {
    const [head, ...args] = tokenize(expression);
    if (head !== undefined && head.startsWith('.') && args.length === 0) {
      const key = head.slice(1);
      if (!Object.prototype.hasOwnProperty.call(context.values, key)) return fail(`unknown value {{ ${head} }} (known: ${Object.keys(context.values).map((k) => `.${k}`).join(', ')})`);
      return context.values[key];
    }
    if (head === 'tffile' && args.length === 1) return fence('terraform', readExample(args[0]));
    if (head === 'codefile' && args.length === 2) return fence(args[0], readExample(args[1]));
    if (head === 'tfblock' && args.length >= 2) {
      const [rel, ...addresses] = args;
      const blocks = topLevelBlocks(readExample(rel), rel);
      const parts = addresses.map((a) => blocks.get(a) ?? fail(`${rel} has no top-level block ${a} (it has: ${[...blocks.keys()].join(', ')})`));
      return fence('terraform', parts.join('\n\n'));
    }
    return fail(`unknown template expression {{ ${expression} }}: use .Name, .Type, .Description, .SchemaMarkdown, tffile, tfblock or codefile`);
  });
}

module.exports = { renderTemplate, topLevelBlocks };
