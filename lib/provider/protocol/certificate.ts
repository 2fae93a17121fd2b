import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  derBitString,
  derBoolean,
  derExplicit,
  derImplicitPrimitive,
  derNamedBits,
  derOctetString,
  derOid,
  derSequence,
  derSet,
  derSmallInteger,
  derTime,
  derUnsignedInteger,
  derUtf8String,
} from './der';

/** A certificate with its private key, ready for a TLS server or client. */
export interface CertificateAndKey {
  /** The certificate, DER. */
  readonly der: Buffer;
  /** The certificate, PEM. */
  readonly certPem: string;
  /** The private key, PEM (PKCS#8). */
  readonly keyPem: string;
}

/** Options of {@link createSelfSignedCertificate}. */
export interface CertificateOptions {
  /**
   * Subject and issuer common name.
   * @default 'localhost'
   */
  readonly commonName?: string;
  /**
   * DNS names of the subject alternative name extension.
   * @default ['localhost']
   */
  readonly dnsNames?: readonly string[];
  /**
   * Extended key usages.
   * @default ['serverAuth']
   */
  readonly extendedKeyUsage?: readonly ('serverAuth' | 'clientAuth')[];
  /**
   * How long the certificate is valid, from 1 minute ago (clock skew).
   * @default 30 days
   */
  readonly validForMs?: number;
  /**
   * Time the validity is computed from.
   * @default new Date()
   */
  readonly now?: Date;
}

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical ? derSequence(derOid(oid), derBoolean(true), derOctetString(value)) : derSequence(derOid(oid), derOctetString(value));
}

/**
 * Creates a self-signed ECDSA P-256 certificate, as go-plugin's AutoMTLS expects of a plugin:
 * a CA (so the client can trust it directly) with SAN `DNS:localhost` and extended key usage
 * serverAuth. Built with node:crypto and a small DER writer; every INTEGER is minimally encoded.
 *
 * @example
 * const { der, certPem, keyPem } = createSelfSignedCertificate();
 */
export function createSelfSignedCertificate(options: CertificateOptions = {}): CertificateAndKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return buildCertificate(privateKey, publicKey, options);
}

function buildCertificate(privateKey: KeyObject, publicKey: KeyObject, options: CertificateOptions): CertificateAndKey {
  const commonName = options.commonName ?? 'localhost';
  const dnsNames = options.dnsNames ?? ['localhost'];
  const usages = options.extendedKeyUsage ?? ['serverAuth'];
  const now = options.now ?? new Date();
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const notAfter = new Date(notBefore.getTime() + 60_000 + (options.validForMs ?? 30 * 24 * 3600 * 1000));

  const name = derSequence(
    derSet(derSequence(derOid(OID.organization), derUtf8String('Integrate.io Terraform Provider'))),
    derSet(derSequence(derOid(OID.commonName), derUtf8String(commonName))),
  );
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // 127 random bits: positive, at most 16 bytes once encoded.
  if (serial.every((b) => b === 0)) serial[15] = 1; // a serial number must be positive.
  const signatureAlgorithm = derSequence(derOid(OID.ecdsaWithSha256));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const extensions = derSequence(
    extension(OID.basicConstraints, true, derSequence(derBoolean(true))),
    // digitalSignature (0) and keyCertSign (5).
    extension(OID.keyUsage, true, derNamedBits([0, 5])),
    extension(OID.extKeyUsage, false, derSequence(...usages.map((u) => derOid(OID[u])))),
    extension(OID.subjectAltName, false, derSequence(...dnsNames.map((d) => derImplicitPrimitive(2, Buffer.from(d, 'ascii'))))),
  );
  const tbs = derSequence(
    derExplicit(0, derSmallInteger(2)), // v3
    derUnsignedInteger(serial),
    signatureAlgorithm,
    name,
    derSequence(derTime(notBefore), derTime(notAfter)),
    name,
    spki,
    derExplicit(3, extensions),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const der = derSequence(tbs, signatureAlgorithm, derBitString(signature));
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return {
    der,
    certPem: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
