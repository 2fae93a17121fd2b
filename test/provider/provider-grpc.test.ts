import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { isUnknown, silentLogger, type ObjectValue } from '../../lib/provider/framework';
import {
  createSelfSignedCertificate,
  decodeMsgpackValue,
  encodeMsgpackValue,
  schemaCtyType,
  startProviderServer,
  type RunningProviderServer,
} from '../../lib/provider/protocol';
import { widgetConfig, widgetProvider, widgetResource, widgetSchema } from './framework-fixture';

type Callback = (error: grpc.ServiceError | null, response: Record<string, unknown>) => void;
type ProviderClient = grpc.Client & Record<string, (request: Record<string, unknown>, callback: Callback) => void>;

const protocolDir = path.join(__dirname, '../../lib/provider/protocol');
const packages = grpc.loadPackageDefinition(
  loadSync([path.join(protocolDir, 'tfplugin6.proto'), path.join(protocolDir, 'go-plugin.proto')], { keepCase: true, defaults: true, longs: Number }),
) as unknown as {
  tfplugin6: { Provider: new (address: string, credentials: grpc.ChannelCredentials, options?: object) => ProviderClient };
  plugin: { GRPCController: new (address: string, credentials: grpc.ChannelCredentials, options?: object) => ProviderClient };
};

const clientCert = createSelfSignedCertificate({ extendedKeyUsage: ['clientAuth'] });
const widgetType = schemaCtyType(widgetSchema);

function call(client: ProviderClient, method: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => client[method](request, (error, response) => (error ? reject(error) : resolve(response))));
}

describe('the provider gRPC server (grpc-js client over mutual TLS)', () => {
  let server: RunningProviderServer;
  let shutdowns = 0;
  let client: ProviderClient;
  const credentials = (withClientCert: boolean): grpc.ChannelCredentials =>
    grpc.credentials.createSsl(
      Buffer.from(server.certificatePem as string),
      withClientCert ? Buffer.from(clientCert.keyPem) : null,
      withClientCert ? Buffer.from(clientCert.certPem) : null,
    );
  const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };

  beforeAll(async () => {
    server = await startProviderServer(widgetProvider(widgetResource()), { logger: silentLogger, clientCaPem: clientCert.certPem, onShutdown: () => shutdowns++ });
    client = new packages.tfplugin6.Provider(server.address, credentials(true), options);
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  test('serves the schema with nested attributes and JSON type bytes', async () => {
    const response = await call(client, 'GetProviderSchema', {});
    const schema = (response.resource_schemas as Record<string, { block: { attributes: Record<string, unknown>[] } }>).test_widget;
    const byName = Object.fromEntries(schema.block.attributes.map((a) => [a.name, a]));
    expect(Buffer.from(byName.tags.type as Uint8Array).toString()).toBe('["map","string"]');
    expect(byName.id).toMatchObject({ computed: true, optional: false, required: false });
    const steps = byName.steps as { nested_type: { nesting: number; attributes: { name: string }[] } };
    expect(steps.nested_type.nesting).toBe(2); // LIST
    expect(steps.nested_type.attributes.map((a) => a.name)).toEqual(['name', 'retries', 'step_id']);
    expect(response.server_capabilities).toMatchObject({ get_provider_schema_optional: true });
  });

  test('plans a create from msgpack with computed attributes unknown in the msgpack answer', async () => {
    await call(client, 'ConfigureProvider', { config: { msgpack: encodeMsgpackValue({ prefix: 'p' }, schemaCtyType(widgetProvider(widgetResource()).schema)) } });
    const config = encodeMsgpackValue(widgetConfig({ name: 'x' }), widgetType);
    const response = await call(client, 'PlanResourceChange', {
      type_name: 'test_widget',
      prior_state: { msgpack: encodeMsgpackValue(null, widgetType) },
      proposed_new_state: { msgpack: config },
      config: { msgpack: config },
    });
    const planned = decodeMsgpackValue((response.planned_state as { msgpack: Uint8Array }).msgpack, widgetType) as ObjectValue;
    expect(planned.name).toBe('x');
    expect(isUnknown(planned.id)).toBe(true);
    expect(Buffer.from((response.planned_state as { msgpack: Uint8Array }).msgpack).includes(Buffer.from([0xd4, 0, 0]))).toBe(true);
  });

  test('returns diagnostics with attribute paths Terraform can place', async () => {
    const config = widgetConfig({ name: '', tags: { team: 'x' }, steps: [{ name: 'a', retries: -2, step_id: null }] });
    const response = await call(client, 'ValidateResourceConfig', { type_name: 'test_widget', config: { msgpack: encodeMsgpackValue(config, widgetType) } });
    const diagnostics = response.diagnostics as { severity: number; summary: string; detail: string; attribute: { steps: unknown[] } | null }[];
    // Severity 1 is ERROR. A path deeper than one attribute is cut to that attribute and spelled out.
    expect(diagnostics.map((d) => [d.severity, d.attribute?.steps])).toEqual([
      [1, [{ attribute_name: 'name' }]],
      [1, [{ attribute_name: 'steps' }]],
    ]);
    expect(diagnostics[1].detail).toBe('At steps[0].retries: The value -2 is not accepted: use a whole number at least 0.');
  });

  test('fails a value Terraform sent that does not match the schema with a diagnostic, not a crash', async () => {
    const response = await call(client, 'ValidateResourceConfig', { type_name: 'test_widget', config: { msgpack: Buffer.from([0x81, 0xa1, 0x7a, 0x01]) } });
    expect((response.diagnostics as { summary: string; detail: string }[])[0]).toMatchObject({
      summary: 'Invalid Value From Terraform',
      detail: expect.stringContaining('z: unsupported attribute'),
    });
  });

  test('fails an undeclared RPC with UNIMPLEMENTED', async () => {
    const error = await new Promise<grpc.ServiceError>((resolve) =>
      client.makeUnaryRequest(
        '/tfplugin6.Provider/MoveResourceState',
        (x: Buffer) => x,
        (x: Buffer) => x,
        Buffer.alloc(0),
        (err) => resolve(err as grpc.ServiceError),
      ),
    );
    expect(error.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(error.details).toContain('MoveResourceState');
  });

  test('holds the stdio stream open without sending anything', async () => {
    const events: string[] = [];
    const stream = client.makeServerStreamRequest('/plugin.GRPCStdio/StreamStdio', (x: Buffer) => x, (x: Buffer) => x, Buffer.alloc(0));
    stream.on('data', () => events.push('data'));
    stream.on('error', () => events.push('error'));
    await new Promise((r) => setTimeout(r, 150));
    stream.cancel();
    expect(events).toEqual([]);
  });

  test('fails the TLS handshake of a client without a certificate', async () => {
    const anonymous = new packages.tfplugin6.Provider(server.address, credentials(false), options);
    await expect(call(anonymous, 'GetProviderSchema', {})).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    anonymous.close();
  });

  test('answers Shutdown, then calls onShutdown', async () => {
    const controller = new packages.plugin.GRPCController(server.address, credentials(true), options);
    await call(controller, 'Shutdown', {});
    await new Promise((r) => setTimeout(r, 50));
    expect(shutdowns).toBe(1);
    controller.close();
  });
});
