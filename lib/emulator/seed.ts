import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BoundedReadError, formatPath, readBoundedTextFile, type PathSegment } from '../definition';
import { parseRfc3339 } from './time';

/** One API key of a seeded account. Its value is stored only as a SHA-256 hash. */
export interface SeedKey {
  /** A human-readable name, e.g. `ci`. */
  name: string;
  /** The full secret, `fdk_` followed by letters, digits or `_`. */
  value: string;
  /** Whether the key may manage keys. */
  admin: boolean;
  /** When the key stops working (RFC 3339), or absent for never. */
  expires_at?: string;
}

/** One existing connection of a seeded account (pipelines refer to it by id). */
export interface SeedConnection {
  /** The connection id, unique across accounts. */
  id: number;
  /** Whether pipelines read from it (`source`) or write to it (`destination`). */
  role: 'source' | 'destination';
  /** The kind of system, e.g. `postgres` or `snowflake`. */
  type: string;
}

/** One existing notification hook of a seeded account. */
export interface SeedHook {
  /** The hook id, unique across accounts. */
  id: number;
  /** Its name, e.g. `on-call`. */
  name: string;
}

/** One seeded account with its keys, connections and hooks. */
export interface SeedAccount {
  /** The account name, unique. */
  name: string;
  /** Its API keys. */
  keys: SeedKey[];
  /** Its connections. */
  connections: SeedConnection[];
  /** Its notification hooks. */
  hooks: SeedHook[];
}

/**
 * What an empty emulator database is filled with: accounts, their API keys, connections and
 * hooks. Pipelines are never seeded: they are created through the API.
 */
export interface EmulatorSeed {
  /** The accounts, in order. */
  accounts: SeedAccount[];
}

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const name = z.string().min(1).max(255);

const seedSchema = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        name,
        keys: z.array(
          z.strictObject({
            name,
            value: z.string().regex(/^fdk_[A-Za-z0-9_]{8,200}$/, 'must be fdk_ followed by 8 to 200 letters, digits or _'),
            admin: z.boolean(),
            expires_at: z.string().refine((s) => parseRfc3339(s) !== undefined, 'must be an RFC 3339 date-time with an offset, e.g. 2030-01-01T00:00:00Z').optional(),
          }),
        ),
        connections: z.array(z.strictObject({ id, role: z.enum(['source', 'destination']), type: name })).default([]),
        hooks: z.array(z.strictObject({ id, name })).default([]),
      }),
    )
    .min(1),
});

/** Reports the first value seen twice among the listed ones, naming where. */
function findDuplicate(entries: readonly { path: PathSegment[]; value: string | number }[], what: string): string | undefined {
  const seen = new Map<string | number, PathSegment[]>();
  for (const entry of entries) {
    const first = seen.get(entry.value);
    if (first !== undefined) return `${formatPath(entry.path)}: ${what} ${JSON.stringify(entry.value)} is already used at ${formatPath(first)}: ${what}s are unique across the seed`;
    seen.set(entry.value, entry.path);
  }
  return undefined;
}

/**
 * Checks a parsed seed document and returns it as an {@link EmulatorSeed}.
 *
 * @throws Error whose message names the file (when given), the failing field and the fix.
 */
export function parseSeed(value: unknown, source = 'seed'): EmulatorSeed {
  const result = seedSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = formatPath(issue.path as PathSegment[]);
    const field = issue.code === 'unrecognized_keys' ? formatPath([...(issue.path as PathSegment[]), issue.keys[0]]) : path;
    const message = issue.code === 'unrecognized_keys' ? 'unknown key: remove it or check its spelling' : issue.message;
    throw new Error(`${source}: ${field === '' ? '(document)' : field}: ${message}`);
  }
  const seed = result.data as EmulatorSeed;
  const accounts = seed.accounts.map((a, i) => ({ path: ['accounts', i, 'name'] as PathSegment[], value: a.name }));
  const keys = seed.accounts.flatMap((a, i) => a.keys.map((k, j) => ({ path: ['accounts', i, 'keys', j, 'value'] as PathSegment[], value: k.value })));
  const connections = seed.accounts.flatMap((a, i) => a.connections.map((c, j) => ({ path: ['accounts', i, 'connections', j, 'id'] as PathSegment[], value: c.id })));
  const hooks = seed.accounts.flatMap((a, i) => a.hooks.map((h, j) => ({ path: ['accounts', i, 'hooks', j, 'id'] as PathSegment[], value: h.id })));
  const problem = findDuplicate(accounts, 'account name') ?? findDuplicate(keys, 'key value') ?? findDuplicate(connections, 'connection id') ?? findDuplicate(hooks, 'hook id');
  if (problem !== undefined) throw new Error(`${source}: ${problem}`);
  return seed;
}

/** The largest seed file read, in bytes (16 MiB): a larger file, or a device such as /dev/zero, is refused. */
export const MAX_SEED_BYTES = 16 * 1024 * 1024;

/**
 * Reads a YAML seed file (see {@link EmulatorSeed}) of at most {@link MAX_SEED_BYTES}.
 *
 * @throws Error naming the file and the failing field when the file cannot be read or is not a valid seed.
 * @example
 * const seed = loadSeedFile('seed.yaml');
 * await startEmulator({ seed });
 */
export function loadSeedFile(path: string): EmulatorSeed {
  let text: string;
  try {
    text = readBoundedTextFile(path, MAX_SEED_BYTES, 'seed file');
  } catch (err) {
    throw new Error(err instanceof BoundedReadError && err.problem === 'too_large' ? err.message : `${path}: cannot read the seed file: ${err instanceof BoundedReadError ? err.reason : (err as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (err) {
    throw new Error(`${path}: the seed file is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseSeed(value, path);
}
