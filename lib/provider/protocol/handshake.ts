/** The environment variable go-plugin hosts set to prove they launched the plugin. */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';

/** The value Terraform sets in {@link MAGIC_COOKIE_KEY}. */
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** The plugin protocol version this provider speaks. */
export const PROTOCOL_VERSION = 6;

/** go-plugin's own protocol version (first field of the handshake line). */
export const CORE_PROTOCOL_VERSION = 1;

/**
 * Checks that the process was launched by Terraform and that Terraform speaks protocol 6.
 *
 * @returns A message for a human on stderr when not, else undefined.
 */
export function checkPluginEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return [
      'This program is a Terraform provider (integrateio/integrateio): Terraform starts it, it is not meant to be run directly.',
      'Install it into a Terraform plugins directory or filesystem mirror, declare it in required_providers as',
      '  integrateio = { source = "integrateio/integrateio" }',
      'and run `terraform init` and `terraform plan`.',
    ].join('\n');
  }
  const versions = env.PLUGIN_PROTOCOL_VERSIONS;
  if (versions && !versions.split(',').map((v) => v.trim()).includes(String(PROTOCOL_VERSION))) {
    return `This provider speaks plugin protocol ${PROTOCOL_VERSION}, but Terraform offered only ${versions}. Use Terraform 1.0 or later.`;
  }
  return undefined;
}

/**
 * The handshake line go-plugin reads from the plugin's stdout:
 * `1|6|tcp|127.0.0.1:PORT|grpc|<server certificate DER, base64 without padding>`.
 * The certificate field is empty without TLS.
 */
export function formatHandshakeLine(network: 'tcp' | 'unix', address: string, certificateDer?: Uint8Array): string {
  const cert = certificateDer ? Buffer.from(certificateDer).toString('base64').replace(/=+$/, '') : '';
  return `${CORE_PROTOCOL_VERSION}|${PROTOCOL_VERSION}|${network}|${address}|grpc|${cert}\n`;
}
