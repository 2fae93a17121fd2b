/**
 * Provider-defined functions through the gRPC methods: declared in the schema and GetFunctions,
 * called with msgpack arguments, errors returned as function errors (never exceptions).
 */
import { FrameworkServer, type FunctionDefinition } from '../../lib/provider/framework';
import { createProviderMethods, decodeMessage, encodeMessage } from '../../lib/provider/protocol';
import { decodeMsgpackValue, encodeMsgpackValue } from '../../lib/provider/protocol/msgpack-value';
import { definitionFunction } from '../../lib/provider/resources/definition-function';
import { widgetProvider, widgetResource } from './framework-fixture';

const boom = {
  name: 'boom',
  summary: 'Throws.',
  description: 'Always throws.',
  parameters: [],
  returnType: 'string',
  run: () => {
    throw new Error('kaboom');
  },
} satisfies FunctionDefinition;

const methods = createProviderMethods(new FrameworkServer({ ...widgetProvider(widgetResource()), functions: [definitionFunction, boom] }), {
  logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never,
  onShutdown: () => undefined,
});

async function call(method: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const handler = methods.get(`/tfplugin6.Provider/${method}`);
  if (handler?.kind !== 'unary') throw new Error(`${method} is not served`);
  const bytes = await handler.handle(Buffer.from(encodeMessage(`tfplugin6.${method}.Request`, request)));
  return decodeMessage(`tfplugin6.${method}.Response`, bytes) as Record<string, unknown>;
}

describe('provider-defined functions', () => {
  test('are declared by GetProviderSchema and GetFunctions', async () => {
    for (const method of ['GetProviderSchema', 'GetFunctions']) {
      const response = (await call(method, {})) as { functions: Record<string, { summary: string; return: { type: Uint8Array } }> };
      expect(Object.keys(response.functions).sort()).toEqual(['boom', 'definition']);
      expect(Buffer.from(response.functions.definition.return.type).toString()).toBe('"dynamic"');
    }
  });

  test('returns the document of valid text as a dynamic value', async () => {
    const text = 'definition_version: 1\nname: fn\nsource: {connection: {id: 42}}\ndestination: {connection: {id: 17}}\nsync: {frequency: 5}\ntables: [{name: public.orders}]\n';
    const response = (await call('CallFunction', { name: 'definition', arguments: [{ msgpack: encodeMsgpackValue(text, 'string') }] })) as { result: { msgpack: Uint8Array } };
    expect(decodeMsgpackValue(response.result.msgpack, 'dynamic')).toMatchObject({ name: 'fn', tables: [{ name: 'public.orders' }] });
  });

  test('fails with the line, column and field of each problem, on the text argument', async () => {
    const response = (await call('CallFunction', { name: 'definition', arguments: [{ msgpack: encodeMsgpackValue('definition_version: 1\nnmae: x\n', 'string') }] })) as {
      error: { text: string; function_argument: number };
    };
    expect(response.error.function_argument).toBe(0);
    expect(response.error.text).toContain('line 2, column 1: nmae: unknown key');
  });

  test('fails with a function error for an unknown function or an exception', async () => {
    expect(((await call('CallFunction', { name: 'nope', arguments: [] })) as { error: { text: string } }).error.text).toContain('no function nope');
    expect(((await call('CallFunction', { name: 'boom', arguments: [] })) as { error: { text: string } }).error.text).toContain('kaboom');
  });
});
