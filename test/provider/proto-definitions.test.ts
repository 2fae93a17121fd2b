import * as path from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { FrameworkServer } from '../../lib/provider/framework';
import { createProviderMethods, decodeMessage, encodeMessage, messageDescriptors, type FieldDescriptor } from '../../lib/provider/protocol';
import { widgetProvider, widgetResource } from './framework-fixture';

const protocolDir = path.join(__dirname, '../../lib/provider/protocol');

interface FieldProto {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName: string;
}
interface MessageProto {
  name: string;
  field: FieldProto[];
  nestedType: MessageProto[];
  oneofDecl: unknown[];
  options?: { mapEntry?: boolean } | null;
}

/** Every message of a .proto file, by full name, as protobufjs parsed it. */
function messagesOf(file: string): Map<string, MessageProto> {
  const definition = loadSync(path.join(protocolDir, file), { keepCase: true });
  const out = new Map<string, MessageProto>();
  const add = (fullName: string, message: MessageProto): void => {
    out.set(fullName, message);
    for (const nested of message.nestedType) add(`${fullName}.${nested.name}`, nested);
  };
  for (const [name, entry] of Object.entries(definition)) {
    const type = (entry as { type?: MessageProto; format?: string }).type;
    if (type && (entry as { format?: string }).format?.includes('DescriptorProto') && 'field' in type) add(name, type);
  }
  return out;
}

const KIND: Record<string, FieldDescriptor['kind']> = {
  TYPE_STRING: 'string',
  TYPE_BYTES: 'bytes',
  TYPE_BOOL: 'bool',
  TYPE_INT64: 'int64',
  TYPE_UINT32: 'uint32',
  TYPE_ENUM: 'enum',
  TYPE_MESSAGE: 'message',
};

/** Resolves a relative type name the way protobuf scoping does. */
function resolve(all: Map<string, MessageProto>, scope: string, name: string): string | undefined {
  const parts = scope.split('.');
  for (let i = parts.length; i > 0; i--) {
    const candidate = `${parts.slice(0, i).join('.')}.${name}`;
    if (all.has(candidate)) return candidate;
  }
  return undefined;
}

/** The descriptor the table should hold for a message of the .proto file. */
function expectedFields(all: Map<string, MessageProto>, fullName: string, message: MessageProto): FieldDescriptor[] {
  return message.field.map((f) => {
    const target = f.typeName ? resolve(all, fullName, f.typeName) : undefined;
    const entry = target ? all.get(target) : undefined;
    if (entry?.options?.mapEntry) {
      const value = entry.field.find((x) => x.name === 'value') as FieldProto;
      const valueType = value.typeName ? resolve(all, fullName, value.typeName) : undefined;
      return { name: f.name, no: f.number, kind: 'map' as const, ...(valueType ? { message: valueType } : {}) };
    }
    const out: FieldDescriptor = { name: f.name, no: f.number, kind: KIND[f.type] };
    return {
      ...out,
      ...(f.type === 'TYPE_MESSAGE' ? { message: target } : {}),
      ...(f.label === 'LABEL_REPEATED' ? { repeated: true } : {}),
      ...(message.oneofDecl.length > 0 ? { oneof: true } : {}),
    };
  });
}

describe('protobuf definitions', () => {
  const all = new Map([...messagesOf('tfplugin6.proto'), ...messagesOf('go-plugin.proto')]);
  // Map entries are implied by map fields; messages with only nested messages are namespaces (GetMetadata).
  const fromProto = [...all.entries()].filter(([, m]) => !m.options?.mapEntry && !(m.field.length === 0 && m.nestedType.length > 0));

  test('the descriptor table and the .proto files declare the same messages', () => {
    expect(Object.keys(messageDescriptors).sort()).toEqual(fromProto.map(([name]) => name).sort());
  });

  test.each(fromProto.map(([name, m]) => [name, m] as const))('%s has the same fields in the table as in the .proto file', (name, message) => {
    expect(messageDescriptors[name]).toEqual(expectedFields(all, name, message));
  });

  test('every RPC of the .proto services is served, and nothing else', () => {
    const rpcs: string[] = [];
    for (const file of ['tfplugin6.proto', 'go-plugin.proto']) {
      for (const [name, entry] of Object.entries(loadSync(path.join(protocolDir, file), { keepCase: true }))) {
        if (!('format' in entry)) for (const method of Object.values(entry)) rpcs.push((method as { path: string }).path);
        void name;
      }
    }
    const methods = createProviderMethods(new FrameworkServer(widgetProvider(widgetResource())), { logger: console as never, onShutdown: () => undefined });
    expect([...methods.keys()].sort()).toEqual(rpcs.sort());
  });
});

describe('protobuf codec', () => {
  test('encodes a oneof member even when it holds the default value (list index 0)', () => {
    const bytes = encodeMessage('tfplugin6.AttributePath', { steps: [{ attribute_name: 'steps' }, { element_key_int: 0 }, { element_key_string: '' }] });
    expect(bytes.toString('hex')).toBe('0a070a0573746570730a0218000a021200');
    expect(decodeMessage('tfplugin6.AttributePath', bytes)).toEqual({ steps: [{ attribute_name: 'steps' }, { element_key_int: 0 }, { element_key_string: '' }] });
  });

  test('leaves proto3 default values out and fills them back when decoding', () => {
    const bytes = encodeMessage('tfplugin6.Diagnostic', { severity: 0, summary: '', detail: 'd' });
    expect(bytes.toString('hex')).toBe('1a0164');
    expect(decodeMessage('tfplugin6.Diagnostic', bytes)).toEqual({ severity: 0, summary: '', detail: 'd' });
  });

  test('round-trips negative int64, maps of messages and maps of strings', () => {
    const schema = { version: -1, block: { version: 3, attributes: [], description: 'x', description_kind: 0, deprecated: false } };
    const response = decodeMessage(
      'tfplugin6.GetProviderSchema.Response',
      encodeMessage('tfplugin6.GetProviderSchema.Response', { resource_schemas: { a_b: schema } }),
    ) as { resource_schemas: Record<string, unknown> };
    expect(response.resource_schemas).toEqual({ a_b: schema });
    const raw = decodeMessage('tfplugin6.RawState', encodeMessage('tfplugin6.RawState', { flatmap: { 'a.%': '1' } }));
    expect(raw.flatmap).toEqual({ 'a.%': '1' });
  });

  test('skips fields it does not declare (newer Terraform fields)', () => {
    // type_name = "t" (1), client_capabilities = {deferral_allowed: true} (3, undeclared here)
    const bytes = Buffer.from('0a0174' + '1a020801', 'hex');
    expect(decodeMessage('tfplugin6.ValidateResourceConfig.Request', bytes)).toEqual({ type_name: 't' });
  });

  test('fails on a truncated message', () => {
    expect(() => decodeMessage('tfplugin6.Diagnostic', Buffer.from('1a05646464', 'hex'))).toThrow('truncated');
  });
});
