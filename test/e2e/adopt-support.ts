/**
 * Helpers of the adopt tests: an account seeded with pipelines of every definition feature, a
 * terraform plan read as JSON, and a node_modules that maps the constructs package entry to this
 * repository's compiled constructs.
 */
import { cleanEnv, ok, packPackage } from '../package/consumer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IntegrateioClient } from '../../lib/api';
import type { PipelineDefinition } from '../../lib/definition';
import type { TerraformWorkspace } from '../support/terraform';
import { acmeDefinition } from '../api/helpers';

const REPO = path.resolve(__dirname, '../..');

/** {@link acmeDefinition} with one table, the shape most seeded pipelines start from. */
function base(name: string, extra: Partial<PipelineDefinition> = {}): PipelineDefinition {
  return acmeDefinition(name, { tables: [{ name: 'public.orders' }], ...extra });
}

/** Definitions that together use every feature of the document, with unicode and colliding names. */
export const FEATURE_DEFINITIONS: readonly PipelineDefinition[] = [
  base('orders-to-snowflake', { tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }] }),
  base('inventory-cdc', {
    source: { connection: { id: 43 } },
    destination: { connection: { id: 18 } },
    sync: { source_frequency: 5, destination_frequency: 15, auto_sync_new_tables: true },
    tables: [{ name: 'public.inventory', append_only: true, columns: { include: ['id', 'sku', 'qty'] } }, { name: 'public.events', append_only: false }],
  }),
  base('all-transformations', {
    tables: [{ name: 'public.orders' }, { name: 'public.payments' }],
    transformations: [
      { type: 'exclude_fields', table: 'public.payments', config: { fields: ['card_number'] } },
      { type: 'rename_fields', table: 'public.orders', config: { mapping: { zip: 'postal_code', city: 'town' } } },
      { type: 'toggle_case', table: 'public.orders', config: { case: 'upper', fields: ['country'] } },
      { type: 'find_and_replace', table: 'public.orders', config: { field: 'status', find: 'cancel+ed', replace: 'canceled', regex: true } },
      { type: 'replace_in_field_name', table: 'public.orders', config: { find: ' ', replace: '_' } },
      { type: 'history_mode', table: 'public.payments' },
    ],
    hooks: [
      { id: 9, events: ['pipeline_failed', 'pipeline_stopped'] },
      { id: 10, events: ['sync_failed', 'schema_changed'] },
    ],
  }),
  base('Café Orders → Snowflake ✨'),
  base('заказы'),
  base('📦📦'),
  base('Orders To Snowflake'),
  base('orders_to_snowflake'),
  base('2024 backfill "quoted" ${x}'),
];

/** Creates the feature pipelines and starts the first one; resolves with their ids, and the running one's. */
export async function seedFeaturePipelines(client: IntegrateioClient): Promise<{ ids: number[]; running: number }> {
  const ids: number[] = [];
  for (const def of FEATURE_DEFINITIONS) ids.push((await client.createPipeline(def)).id);
  await client.startPipeline(ids[0]);
  await client.waitForObservedState(ids[0], 'running', { timeoutMs: 10_000 });
  return { ids, running: ids[0] };
}

/** One entry of `resource_changes` of `terraform show -json`. */
export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly change: { readonly actions: readonly string[]; readonly importing?: { readonly id: string } };
}

/** Plans into a file and reads it back with `terraform show -json`: the resource changes. */
export async function planChanges(tf: TerraformWorkspace): Promise<ResourceChange[]> {
  await tf.ok(['plan', '-input=false', '-no-color', '-out=tfplan']);
  const shown = await tf.ok(['show', '-json', 'tfplan']);
  return (JSON.parse(shown.stdout) as { resource_changes?: ResourceChange[] }).resource_changes ?? [];
}

/** Every file under `dir`, relative, with `/` separators. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/**
 * Installs the app's dependencies as its users would before the package is on a registry: the
 * package from a tarball packed from this repository (`npm pack`), cdktf and constructs from the
 * npm cache (`npm install --omit=dev --omit=optional TARBALL`), so `integrateio-pipelines-as-code/constructs`
 * resolves through the package's real `exports`. The development tools (typescript, @types/node)
 * are this repository's, linked in, to keep the test quick.
 */
export async function installPackedPackage(appDir: string): Promise<void> {
  const tarball = await packPackage();
  try {
    await ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', '--omit=optional', tarball], { cwd: appDir, env: cleanEnv() });
  } finally {
    fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
  }
  for (const name of ['@types/node', 'typescript']) {
    const target = path.join(appDir, 'node_modules', name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(REPO, 'node_modules', name), target, 'dir');
  }
}

