import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { createSelfSignedCertificate, encodeMsgpackValue, MAGIC_COOKIE_VALUE } from '../../lib/provider/protocol';
import { requireCompiledProvider, ROOT, TESTTHING_ENTRY } from './compiled-provider';

type Client = grpc.Client & Record<string, (req: object, cb: (err: grpc.ServiceError | null, res: Record<string, unknown>) => void) => void>;
const protocolDir = path.join(ROOT, 'lib/provider/protocol');
const packages = grpc.loadPackageDefinition(
  loadSync([path.join(protocolDir, 'tfplugin6.proto'), path.join(protocolDir, 'go-plugin.proto')], { keepCase: true, defaults: true }),
) as unknown as Record<string, Record<string, new (address: string, credentials: grpc.ChannelCredentials, options?: object) => Client>>;
const clientCert = createSelfSignedCertificate({ extendedKeyUsage: ['clientAuth'] });
const tlsOptions = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };

interface Launched {
  child: ChildProcessWithoutNullStreams;
  line: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Every provider process started, killed after each test whatever its outcome. */
const children: ChildProcessWithoutNullStreams[] = [];

function launch(env: NodeJS.ProcessEnv): Promise<Launched> {
  const child = spawn(process.execPath, [TESTTHING_ENTRY], { env: { PATH: process.env.PATH, ...env } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) resolve({ child, line: stdout.split('\n')[0], stdout: () => stdout, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
}

function call(client: Client, method: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => client[method]({}, (err, res) => (err ? reject(err) : resolve(res))));
}

const pluginEnv = { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert.certPem };

describe('the provider process', () => {
  beforeAll(requireCompiledProvider);
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  test('fails to start by hand (no magic cookie) with a helpful message on stderr and nothing on stdout', async () => {
    const child = spawn(process.execPath, [TESTTHING_ENTRY], { env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('This program is a Terraform provider (integrateio/integrateio)');
  });

  test('prints only the handshake line, serves over mutual TLS, and exits promptly on Shutdown', async () => {
    const p = await launch({ ...pluginEnv, TF_LOG: 'debug' });
    const [, , network, address, protocol, cert] = p.line.split('|');
    expect([network, protocol]).toEqual(['tcp', 'grpc']);
    const serverPem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(cert, 'base64').toString('base64')}\n-----END CERTIFICATE-----\n`;
    const creds = grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(clientCert.keyPem), Buffer.from(clientCert.certPem));
    const provider = new packages.tfplugin6.Provider(address, creds, tlsOptions);
    const schema = await call(provider, 'GetProviderSchema');
    expect(Object.keys(schema.resource_schemas as object)).toEqual(['integrateio_testthing']);
    const configured = await new Promise<Record<string, unknown>>((resolve, reject) =>
      provider.ConfigureProvider({ config: { msgpack: encodeMsgpackValue({ directory: ROOT }, { object: { directory: 'string' } }) } }, (err, res) =>
        err ? reject(err) : resolve(res),
      ),
    );
    expect(configured.diagnostics).toEqual([]);
    const controller = new packages.plugin.GRPCController(address, creds, tlsOptions);
    const started = Date.now();
    await call(controller, 'Shutdown');
    expect(await p.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    provider.close();
    controller.close();
    expect(p.stdout()).toBe(`${p.line}\n`);
    const logLines = p.stderr().trim().split('\n');
    expect(logLines.map((l) => JSON.parse(l)['@level'])).toContain('debug');
    expect(logLines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ '@level': 'info', '@message': `configuring with directory ${ROOT}` }));
  });

  test('serves plain HTTP/2 with an empty certificate field when Terraform disables TLS', async () => {
    const p = await launch({ TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, TF_DISABLE_PLUGIN_TLS: '1' });
    expect(p.line).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|$/);
    const provider = new packages.tfplugin6.Provider(p.line.split('|')[3], grpc.credentials.createInsecure());
    expect(await call(provider, 'GetProviderSchema')).toHaveProperty('provider');
    provider.close();
    p.child.kill('SIGKILL');
    await p.exited;
  });

  test('keeps running on an interrupt (Terraform handles Ctrl-C and stops the provider itself)', async () => {
    const p = await launch(pluginEnv);
    p.child.kill('SIGINT');
    const result = await Promise.race([p.exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('running'), 300))]);
    expect(result).toBe('running');
    p.child.kill('SIGKILL');
    await p.exited;
  });
});
