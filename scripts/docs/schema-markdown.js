// @ts-check
/* global module */
'use strict';
/**
 * Renders one block of a `terraform providers schema -json` output as the "Schema" section of a
 * registry page, in the layout of HashiCorp's tfplugindocs: Required / Optional / Read-Only groups,
 * one bullet per attribute or block with its type and flags, and a "Nested Schema for `a.b`"
 * section (with an anchor the parent links to) for every nested attribute, block and object type.
 *
 * An attribute is Required when `required`, Optional when `optional` (also when computed too),
 * Read-Only when only `computed`. Flags after the type: Sensitive, Write-only, Deprecated.
 */

/**
 * @typedef {{ type?: unknown; nested_type?: NestedType; description?: string; required?: boolean; optional?: boolean; computed?: boolean; sensitive?: boolean; deprecated?: boolean; write_only?: boolean }} Attribute
 * @typedef {{ attributes?: Record<string, Attribute>; nesting_mode?: string; min_items?: number; max_items?: number }} NestedType
 * @typedef {{ attributes?: Record<string, Attribute>; block_types?: Record<string, BlockType>; description?: string; deprecated?: boolean }} Block
 * @typedef {{ block: Block; nesting_mode?: string; min_items?: number; max_items?: number }} BlockType
 * @typedef {{ anchor: string; path: string; render: () => string[] }} Section
 */

/**
 * The name of a cty type, as tfplugindocs writes it: `String`, `List of Number`, `Map of String`,
 * `Object`...
 *
 * @param {unknown} type the type's JSON form: "string" or ["list", "string"] and so on
 * @returns {string}
 */
function typeName(type) {
  if (typeof type === 'string') {
    const names = /** @type {Record<string, string>} */ ({ string: 'String', number: 'Number', bool: 'Boolean', dynamic: 'Dynamic' });
    if (names[type]) return names[type];
  } else if (Array.isArray(type)) {
    const [kind, element] = type;
    if (kind === 'list') return `List of ${typeName(element)}`;
    if (kind === 'set') return `Set of ${typeName(element)}`;
    if (kind === 'map') return `Map of ${typeName(element)}`;
    if (kind === 'object') return 'Object';
    if (kind === 'tuple') return 'Tuple';
  }
  throw new Error(`unknown type in the provider schema: ${JSON.stringify(type)}`);
}

/**
 * The attribute types of an object type, when `type` is one or a collection of one.
 *
 * @param {unknown} type
 * @returns {Record<string, unknown> | undefined}
 */
function objectAttributes(type) {
  if (!Array.isArray(type)) return undefined;
  if (type[0] === 'object') return /** @type {Record<string, unknown>} */ (type[1]);
  if (type[0] === 'list' || type[0] === 'set' || type[0] === 'map') return objectAttributes(type[1]);
  return undefined;
}

/**
 * The name of a nested attribute's or block's kind: `Attributes`, `Attributes List`, `Block Set,
 * Max: 1`...
 *
 * @param {'Attributes' | 'Block'} base
 * @param {{ nesting_mode?: string; min_items?: number; max_items?: number }} nesting
 */
function nestingName(base, nesting) {
  const mode = /** @type {Record<string, string>} */ ({ single: '', group: '', list: ' List', set: ' Set', map: ' Map' })[nesting.nesting_mode ?? 'single'];
  if (mode === undefined) throw new Error(`unknown nesting mode in the provider schema: ${nesting.nesting_mode}`);
  const limits = [];
  if (nesting.min_items) limits.push(`Min: ${nesting.min_items}`);
  if (nesting.max_items) limits.push(`Max: ${nesting.max_items}`);
  return `${base}${mode}${limits.length > 0 ? `, ${limits.join(', ')}` : ''}`;
}

/** @param {string} text */
function oneLine(text) {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/**
 * Renders the Schema section of a block.
 *
 * @param {Block} block
 * @param {{ heading?: string }} [options] `heading`: the section's title line (default `## Schema`)
 * @returns {string} markdown, ending with a newline
 */
function renderSchemaMarkdown(block, options = {}) {
  /** @type {Section[]} the nested sections the bullets being rendered link to */
  let queue = [];

  /**
   * The bullets of one group, and the nested sections they link to (queued).
   *
   * @param {Block} current
   * @param {string[]} parents the attribute path of `current`
   * @returns {{ required: string[]; optional: string[]; readOnly: string[] }}
   */
  const groupsOf = (current, parents) => {
    /** @type {{ required: string[]; optional: string[]; readOnly: string[] }} */
    const groups = { required: [], optional: [], readOnly: [] };
    /** @type {Array<[string, () => { line: string; group: keyof typeof groups }]>} */
    const items = [];
    for (const [name, attribute] of Object.entries(current.attributes ?? {})) {
      items.push([name, () => attributeLine(name, attribute, parents)]);
    }
    for (const [name, blockType] of Object.entries(current.block_types ?? {})) {
      items.push([name, () => blockLine(name, blockType, parents)]);
    }
    items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, render] of items) {
      const { line, group } = render();
      groups[group].push(line);
    }
    return groups;
  };

  /**
   * @param {string} name
   * @param {{ required?: boolean; optional?: boolean; computed?: boolean }} flags
   * @returns {'required' | 'optional' | 'readOnly'}
   */
  const groupOf = (name, flags) => {
    if (flags.required) return 'required';
    if (flags.optional) return 'optional';
    if (flags.computed) return 'readOnly';
    throw new Error(`attribute ${name} of the provider schema is neither required, optional nor computed`);
  };

  /**
   * @param {string} kind
   * @param {{ sensitive?: boolean; write_only?: boolean; deprecated?: boolean }} flags
   */
  const kindWithFlags = (kind, flags) => [kind, flags.sensitive ? 'Sensitive' : '', flags.write_only ? 'Write-only' : '', flags.deprecated ? 'Deprecated' : ''].filter((p) => p !== '').join(', ');

  /**
   * @param {string} name
   * @param {string} kind
   * @param {{ sensitive?: boolean; write_only?: boolean; deprecated?: boolean; description?: string }} flags
   * @param {string | undefined} link
   */
  const bullet = (name, kind, flags, link) => {
    const parts = [`- \`${name}\` (${kindWithFlags(kind, flags)})`];
    if (flags.description && flags.description.trim() !== '') parts.push(oneLine(flags.description));
    if (link) parts.push(`(see [below for nested schema](#${link}))`);
    return parts.join(' ');
  };

  /**
   * @param {string} name
   * @param {Attribute} attribute
   * @param {string[]} parents
   */
  const attributeLine = (name, attribute, parents) => {
    const path = [...parents, name];
    const group = groupOf(path.join('.'), attribute);
    if (attribute.nested_type) {
      const anchor = `nestedatt--${path.join('--')}`;
      const nested = attribute.nested_type;
      queue.push({ anchor, path: path.join('.'), render: () => groupsBody({ attributes: nested.attributes }, path) });
      return { line: bullet(name, nestingName('Attributes', nested), attribute, anchor), group };
    }
    const objectType = objectAttributes(attribute.type);
    if (objectType) {
      const anchor = `nestedobjatt--${path.join('--')}`;
      queue.push({ anchor, path: path.join('.'), render: () => objectBody(objectType, path) });
      return { line: bullet(name, typeName(attribute.type), attribute, anchor), group };
    }
    return { line: bullet(name, typeName(attribute.type), attribute, undefined), group };
  };

  /**
   * @param {string} name
   * @param {BlockType} blockType
   * @param {string[]} parents
   */
  const blockLine = (name, blockType, parents) => {
    const path = [...parents, name];
    const anchor = `nestedblock--${path.join('--')}`;
    queue.push({ anchor, path: path.join('.'), render: () => groupsBody(blockType.block, path) });
    // A block is required when it must appear at least once; otherwise optional.
    const group = blockType.min_items && blockType.min_items > 0 ? 'required' : 'optional';
    return { line: bullet(name, nestingName('Block', blockType), { ...blockType.block }, anchor), group: /** @type {'required' | 'optional'} */ (group) };
  };

  /**
   * The "Required:" / "Optional:" / "Read-Only:" paragraphs of a nested section.
   *
   * @param {Block} current
   * @param {string[]} path
   */
  const groupsBody = (current, path) => {
    const groups = groupsOf(current, path);
    /** @type {string[]} */
    const out = [];
    for (const [title, lines] of /** @type {Array<[string, string[]]>} */ ([['Required:', groups.required], ['Optional:', groups.optional], ['Read-Only:', groups.readOnly]])) {
      if (lines.length === 0) continue;
      out.push(title, '', ...lines, '');
    }
    return out;
  };

  /**
   * The attributes of an object type (they have types, not descriptions).
   *
   * @param {Record<string, unknown>} attributes
   * @param {string[]} path
   */
  const objectBody = (attributes, path) => {
    /** @type {string[]} */
    const lines = [];
    for (const name of Object.keys(attributes).sort()) {
      const type = attributes[name];
      const inner = objectAttributes(type);
      if (inner) {
        const anchor = `nestedobjatt--${[...path, name].join('--')}`;
        queue.push({ anchor, path: [...path, name].join('.'), render: () => objectBody(inner, [...path, name]) });
        lines.push(bullet(name, typeName(type), {}, anchor));
      } else {
        lines.push(bullet(name, typeName(type), {}, undefined));
      }
    }
    return ['Read-Only:', '', ...lines, ''];
  };

  const out = [options.heading ?? '## Schema', ''];
  if (block.deprecated) out.push('~> **Deprecated:** the provider marks this whole block as deprecated.', '');
  const top = groupsOf(block, []);
  for (const [title, lines] of /** @type {Array<[string, string[]]>} */ ([['### Required', top.required], ['### Optional', top.optional], ['### Read-Only', top.readOnly]])) {
    if (lines.length === 0) continue;
    out.push(title, '', ...lines, '');
  }
  // Nested sections depth first, each followed by its own nested sections (as tfplugindocs does).
  const emit = (/** @type {Section[]} */ sections) => {
    for (const section of sections) {
      queue = [];
      const body = section.render();
      const children = queue;
      out.push(`<a id="${section.anchor}"></a>`, `### Nested Schema for \`${section.path}\``, '', ...body);
      emit(children);
    }
  };
  emit(queue);
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

module.exports = { renderSchemaMarkdown, typeName };
