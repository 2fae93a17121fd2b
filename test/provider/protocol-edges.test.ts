import { X509Certificate } from 'node:crypto';
import {
  checkPluginEnvironment,
  createSelfSignedCertificate,
  createStderrLogger,
  diagnosticsToProto,
  formatHandshakeLine,
  logLevelFromEnv,
  MAGIC_COOKIE_VALUE,
  schemaToProto,
} from '../../lib/provider/protocol';
import { errorDiagnostic, warningDiagnostic } from '../../lib/provider/framework';
import { widgetSchema } from './framework-fixture';

describe('diagnostics at the edge', () => {
  test.each([
    ['a top-level attribute', ['name'], [{ attribute_name: 'name' }], 'd'],
    ['a list element', ['steps', 1], [{ attribute_name: 'steps' }, { element_key_int: 1 }], 'd'],
    ['a map element', ['tags', { key: 'team' }], [{ attribute_name: 'tags' }, { element_key_string: 'team' }], 'd'],
    ['an attribute of a nested object', ['definition', 'steps', 0, 'name'], [{ attribute_name: 'definition' }], 'At definition.steps[0].name: d'],
  ])('sends the path of %s so that Terraform underlines the right value', (_name, path, steps, detail) => {
    const [message] = diagnosticsToProto([errorDiagnostic('S', 'd', path as never)]);
    expect(message).toEqual({ severity: 1, summary: 'S', detail, attribute: { steps } });
  });

  test('sends warnings with severity 2 and no attribute when there is no path', () => {
    expect(diagnosticsToProto([warningDiagnostic('W', 'd')])).toEqual([{ severity: 2, summary: 'W', detail: 'd' }]);
  });
});

describe('schema conversion', () => {
  test('sorts attributes, writes type JSON for plain attributes and nested_type for nested ones', () => {
    const proto = schemaToProto(widgetSchema);
    expect(proto.version).toBe(1);
    expect(proto.block.attributes.map((a) => a.name)).toEqual(['id', 'mode', 'name', 'region', 'revision', 'steps', 'sticky', 'tags']);
    const steps = proto.block.attributes.find((a) => a.name === 'steps');
    expect(steps?.type).toBeUndefined();
    expect(steps?.nested_type?.nesting).toBe(2);
    expect(Buffer.from(proto.block.attributes[0].type as Uint8Array).toString()).toBe('"string"');
  });
});

describe('handshake and environment', () => {
  test('writes the go-plugin handshake line with the certificate in unpadded base64', () => {
    const { der } = createSelfSignedCertificate();
    const line = formatHandshakeLine('tcp', '127.0.0.1:4321', der);
    const [core, app, network, address, protocol, cert] = line.trimEnd().split('|');
    expect([core, app, network, address, protocol]).toEqual(['1', '6', 'tcp', '127.0.0.1:4321', 'grpc']);
    expect(cert).not.toContain('=');
    expect(new X509Certificate(Buffer.from(cert, 'base64')).checkHost('localhost')).toBe('localhost');
    expect(line.endsWith('\n')).toBe(true);
    expect(formatHandshakeLine('tcp', '127.0.0.1:1')).toBe('1|6|tcp|127.0.0.1:1|grpc|\n');
  });

  test('fails to start without the magic cookie, explaining how to use the provider', () => {
    expect(checkPluginEnvironment({})).toContain('it is not meant to be run directly');
    expect(checkPluginEnvironment({ TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6' })).toBeUndefined();
  });

  test('fails to start when Terraform offers only protocol 5', () => {
    expect(checkPluginEnvironment({ TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5' })).toContain('protocol 6');
  });

  test.each([
    [{}, 'warn'],
    [{ TF_LOG: 'DEBUG' }, 'debug'],
    [{ TF_LOG: 'json' }, 'trace'],
    [{ TF_LOG: 'off' }, 'off'],
    [{ TF_LOG: 'info', TF_LOG_PROVIDER: 'error' }, 'error'],
  ])('reads the log level from %j', (env, level) => {
    expect(logLevelFromEnv(env)).toBe(level);
  });

  test('logs hclog JSON lines at or above the level only', () => {
    const lines: string[] = [];
    const logger = createStderrLogger({ level: 'info', write: (l) => lines.push(l) });
    logger.debug('hidden');
    logger.warn('shown', { path: '/x' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ '@level': 'warn', '@message': 'shown', '@module': 'provider.terraform-provider-integrateio', path: '/x' });
    expect(JSON.parse(lines[0])['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });
});
