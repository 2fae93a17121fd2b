import { isWaitTimeoutError, WaitTimeoutError, type PipelineMetadata } from '../../lib/api';
import { useEmulator } from './emulator';
import { ACME_ADMIN_KEY, acmeDefinition, recordingClient } from './helpers';

/** Waiting for a pipeline's observed state on the real emulator (starting → running → stopping → stopped). */

const emulator = useEmulator({ startDelayMs: 600, stopDelayMs: 300 });

describe('waitForObservedState', () => {
  test('waits until a started pipeline is running, then until a stopped one is stopped, reporting progress', async () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const { id } = await client.createPipeline(acmeDefinition('wait-run'));
    await client.startPipeline(id);
    const seen: string[] = [];
    const running = await client.waitForObservedState(id, 'running', { pollMs: 50, onProgress: (m: PipelineMetadata, elapsed: number) => seen.push(`${m.observed_state}@${elapsed >= 0}`) });
    expect(running).toMatchObject({ id, status: 'deployed', observed_state: 'running' });
    expect(seen[0]).toBe('starting@true');
    expect(seen.at(-1)).toBe('running@true');
    await client.stopPipeline(id);
    await expect(client.waitForObservedState(id, 'stopped', { pollMs: 50 })).resolves.toMatchObject({ observed_state: 'stopped' });
  });

  test('returns at once when the pipeline is already in the state', async () => {
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const { id } = await client.createPipeline(acmeDefinition('wait-already'));
    await expect(client.waitForObservedState(id, 'stopped')).resolves.toMatchObject({ id });
    expect(events.filter((e) => e.type === 'request' && e.method === 'GET')).toHaveLength(1);
  });

  test('fails with a WaitTimeoutError naming the id, the target and the last observed state', async () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const { id } = await client.createPipeline(acmeDefinition('wait-timeout'));
    await client.startPipeline(id);
    const started = Date.now();
    const err = await client.waitForObservedState(id, 'running', { timeoutMs: 200, pollMs: 50 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(550);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(isWaitTimeoutError(err)).toBe(true);
    expect(err).toMatchObject({ pipelineId: id, target: 'running', lastObservedState: 'starting' });
    expect((err as Error).message).toMatch(new RegExp(`^pipeline ${id} did not reach observed state "running" within \\d+ ms: last observed state "starting"$`));
  });

  test('fails with the abort reason when the caller aborts the wait', async () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const { id } = await client.createPipeline(acmeDefinition('wait-abort'));
    await client.startPipeline(id);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed ctrl-c')), 100);
    await expect(client.waitForObservedState(id, 'running', { pollMs: 50, signal: controller.signal })).rejects.toThrow('user pressed ctrl-c');
  });

  test('fails with 404 when waiting for an unknown pipeline', async () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    await expect(client.waitForObservedState(777777, 'running', { timeoutMs: 1000 })).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});
