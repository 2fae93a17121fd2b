import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate, derLength, derNamedBits, derTime, derUnsignedInteger } from '../../lib/provider/protocol';

/** Every INTEGER content in a DER structure, descending into constructed elements and the signature. */
function integersIn(der: Uint8Array): Uint8Array[] {
  const found: Uint8Array[] = [];
  const walk = (buf: Uint8Array): void => {
    let pos = 0;
    while (pos < buf.length) {
      const tag = buf[pos++];
      let length = buf[pos++];
      if (length & 0x80) {
        const n = length & 0x7f;
        length = 0;
        for (let i = 0; i < n; i++) length = length * 256 + buf[pos++];
      }
      const content = buf.subarray(pos, pos + length);
      pos += length;
      if (tag === 0x02) found.push(content);
      else if (tag & 0x20) walk(content);
      else if (tag === 0x03 && content[0] === 0 && content[1] === 0x30) walk(content.subarray(1)); // the ECDSA signature
    }
  };
  walk(der);
  return found;
}

function isMinimal(content: Uint8Array): boolean {
  if (content.length === 0) return false;
  if (content.length === 1) return true;
  return !(content[0] === 0x00 && content[1] < 0x80) && !(content[0] === 0xff && content[1] >= 0x80);
}

describe('server certificate (own X.509 builder)', () => {
  test('2000 fresh certificates all parse, verify, name localhost and encode every INTEGER minimally', () => {
    for (let i = 0; i < 2000; i++) {
      const { der } = createSelfSignedCertificate();
      const cert = new X509Certificate(der);
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.ca).toBe(true);
      expect(cert.checkHost('localhost')).toBe('localhost');
      expect(cert.subjectAltName).toBe('DNS:localhost');
      expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
      const integers = integersIn(der);
      expect(integers).toHaveLength(4); // version, serial, signature r and s
      for (const content of integers) if (!isMinimal(content)) throw new Error(`certificate ${i}: INTEGER ${Buffer.from(content).toString('hex')} is not minimal`);
      expect(integers[1][0] & 0x80).toBe(0); // the serial number is positive
    }
  }, 120_000);

  test('the minimal-INTEGER check used above rejects padded and unpadded forms', () => {
    expect([isMinimal(Buffer.from([0x00, 0x7f])), isMinimal(Buffer.from([0xff, 0x80])), isMinimal(Buffer.from([0x00, 0x80]))]).toEqual([false, false, true]);
  });

  test('is valid from a minute ago for 30 days by default', () => {
    const now = new Date('2030-06-01T12:00:00Z');
    const cert = new X509Certificate(createSelfSignedCertificate({ now }).der);
    expect(new Date(cert.validFrom).toISOString()).toBe('2030-06-01T11:59:00.000Z');
    expect(new Date(cert.validTo).toISOString()).toBe('2030-07-01T12:00:00.000Z');
  });

  test.each([
    ['drops leading zero bytes', [0x00, 0x00, 0x7f], '02017f'],
    ['adds one zero byte when the high bit is set', [0x80], '02020080'],
    ['keeps a needed zero byte once', [0x00, 0x00, 0x80, 0x01], '0203008001'],
    ['encodes zero as one byte', [0x00, 0x00], '020100'],
    ['encodes an empty magnitude as zero', [], '020100'],
  ])('DER INTEGER %s', (_name, magnitude, expected) => {
    expect(derUnsignedInteger(Buffer.from(magnitude)).toString('hex')).toBe(expected);
  });

  test('DER lengths, named bits and times follow the encoding rules', () => {
    expect(derLength(127).toString('hex')).toBe('7f');
    expect(derLength(200).toString('hex')).toBe('81c8');
    expect(derLength(300).toString('hex')).toBe('82012c');
    expect(derNamedBits([0, 5]).toString('hex')).toBe('03020284');
    expect(derTime(new Date('2049-12-31T23:59:59Z')).toString('latin1').slice(2)).toBe('491231235959Z');
    expect(derTime(new Date('2049-12-31T23:59:59Z'))[0]).toBe(0x17);
    expect(derTime(new Date('2050-01-01T00:00:00Z')).toString('latin1').slice(2)).toBe('20500101000000Z');
    expect(derTime(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
  });

  test('completes a real mutual TLS handshake against a client CA, as Terraform dials (server name localhost)', async () => {
    for (let i = 0; i < 10; i++) {
      const server = createSelfSignedCertificate();
      const client = createSelfSignedCertificate({ extendedKeyUsage: ['clientAuth'] });
      const result = await handshake(server, client, true);
      expect(result).toEqual({ clientAuthorized: true, serverAuthorized: true });
    }
  });

  test('fails the handshake when the client presents no certificate', async () => {
    const server = createSelfSignedCertificate();
    const client = createSelfSignedCertificate({ extendedKeyUsage: ['clientAuth'] });
    await expect(handshake(server, client, false)).rejects.toThrow();
  });
});

type Pair = ReturnType<typeof createSelfSignedCertificate>;

function handshake(server: Pair, client: Pair, presentClientCert: boolean): Promise<{ clientAuthorized: boolean; serverAuthorized: boolean }> {
  return new Promise((resolve, reject) => {
    let serverAuthorized = false;
    const srv = tls.createServer({ key: server.keyPem, cert: server.certPem, ca: client.certPem, requestCert: true, rejectUnauthorized: true }, (socket) => {
      serverAuthorized = socket.authorized;
      socket.end('ok');
    });
    srv.on('tlsClientError', () => undefined);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        ca: server.certPem,
        ...(presentClientCert ? { cert: client.certPem, key: client.keyPem } : {}),
      });
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('end', () => {
        srv.close();
        if (data === 'ok') resolve({ clientAuthorized: socket.authorized, serverAuthorized });
        else reject(new Error('connection closed without an answer'));
      });
      socket.on('error', (error) => {
        srv.close();
        reject(error);
      });
    });
  });
}
