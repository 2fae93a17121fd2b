/**
 * Preloaded into a provider launch (`node -r dist/bench/startup-hook.js ENTRY`) to tell where its
 * start-up goes: it charges the time spent compiling and running each module to the module's group
 * (a lib/ layer, a package, a Node.js built-in), without the modules it requires in turn, and when
 * the provider writes its handshake line, prints to stderr one line
 * `STARTUP-BREAKDOWN {"bootMs":…,"handshakeMs":…,"groups":{…}}` (times since the process began).
 */
import Module from 'node:module';
import { performance } from 'node:perf_hooks';

/** The marker of the line the hook prints. */
export const BREAKDOWN_MARKER = 'STARTUP-BREAKDOWN';

/** What the hook reports. */
export interface StartupBreakdownLine {
  /** Milliseconds from the process's start to this hook: Node.js booting. */
  readonly bootMs: number;
  /** Milliseconds from the process's start to the handshake line. */
  readonly handshakeMs: number;
  /** Milliseconds spent in each group's own modules. */
  readonly groups: Record<string, number>;
  /** How many modules of each group were loaded. */
  readonly files: Record<string, number>;
}

/** The group of a resolved module: `node:http2`, `package zod`, `lib/provider/framework`. */
export function moduleGroup(file: string): string {
  if (!file.includes('/')) return `node:${file.replace(/^node:/, '')}`;
  // Our compiled code first: the benchmark may run a copy of dist/ kept under node_modules/.cache.
  const lib = /\/dist\/lib\/(provider\/[^/.]+|[^/.]+)/.exec(file);
  if (lib) return `lib/${lib[1]}`;
  const packages = file.lastIndexOf('node_modules/');
  if (packages >= 0) {
    const parts = file.slice(packages + 'node_modules/'.length).split('/');
    return `package ${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  return 'other';
}

function install(): void {
  const bootMs = performance.now();
  const groups: Record<string, number> = {};
  const files: Record<string, number> = {};
  const seen = new Set<string>();
  const stack: string[] = [];
  let mark = performance.now();
  const charge = (): void => {
    const now = performance.now();
    const top = stack[stack.length - 1];
    if (top !== undefined) groups[top] = (groups[top] ?? 0) + (now - mark);
    mark = now;
  };
  const internals = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
    _resolveFilename: (request: string, parent: unknown, isMain: boolean) => string;
  };
  const load = internals._load;
  internals._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    let file = request;
    try {
      file = internals._resolveFilename(request, parent, isMain);
    } catch {
      /* unresolvable: the load below throws the real error */
    }
    charge();
    const group = moduleGroup(file);
    if (!seen.has(file)) {
      seen.add(file);
      files[group] = (files[group] ?? 0) + 1;
    }
    stack.push(group);
    try {
      return load.call(this, request, parent, isMain);
    } finally {
      charge();
      stack.pop();
    }
  };
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  let reported = false;
  process.stdout.write = ((...args: unknown[]): boolean => {
    if (!reported) {
      reported = true;
      const line: StartupBreakdownLine = { bootMs, handshakeMs: performance.now(), groups, files };
      process.stderr.write(`${BREAKDOWN_MARKER} ${JSON.stringify(line)}\n`);
    }
    return write(...args);
  }) as typeof process.stdout.write;
}

if (require.main !== module && process.env.INTEGRATEIO_BENCH_STARTUP_HOOK === '1') install();
