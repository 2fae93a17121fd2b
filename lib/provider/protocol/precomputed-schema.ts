import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FrameworkServer, Schema } from '../framework';
import { diagnosticsToProto } from './diagnostics-to-proto';
import { encodeMessage, type ProtoMessage } from './proto-codec';
import { functionToProto, schemaToProto } from './schema-to-proto';

/**
 * The encoded `GetProviderSchema` response of a provider, computed at build time
 * (scripts/encode-provider-schema.js writes it next to the compiled entry), with the fingerprint
 * of the message it encodes.
 *
 * Terraform's first launch of every command asks for the whole schema; encoding it is most of
 * that call's cost in a fresh process (the codec's code is not warm yet), building the message is
 * not. So the provider builds the message, compares its fingerprint, and answers with these bytes
 * when they match (a stale file is never served: a mismatch falls back to encoding).
 */
export interface PrecomputedSchema {
  /** {@link schemaFingerprint} of the message `bytes` encode. */
  readonly fingerprint: string;
  /** The encoded `tfplugin6.GetProviderSchema.Response`. */
  readonly bytes: Buffer;
}

/** The provider's functions as `tfplugin6.Function` messages, by name. */
export function functionsToProto(framework: FrameworkServer): Record<string, ProtoMessage> {
  return Object.fromEntries([...framework.functions()].map(([name, fn]) => [name, functionToProto(fn)]));
}

/** The `tfplugin6.GetProviderSchema.Response` message of a provider. */
export function schemaResponseMessage(framework: FrameworkServer): ProtoMessage {
  const schemas = framework.getSchema();
  const map = (record: Readonly<Record<string, Schema>>) => Object.fromEntries(Object.entries(record).map(([k, s]) => [k, schemaToProto(s)]));
  return {
    provider: schemaToProto(schemas.provider),
    resource_schemas: map(schemas.resources),
    data_source_schemas: map(schemas.dataSources),
    diagnostics: diagnosticsToProto(schemas.diagnostics),
    server_capabilities: { get_provider_schema_optional: true, plan_destroy: true },
    functions: functionsToProto(framework),
  };
}

/** A SHA-256 of the message's JSON form: equal messages, equal fingerprints. */
export function schemaFingerprint(message: ProtoMessage): string {
  return createHash('sha256').update(JSON.stringify(message)).digest('hex');
}

/** Encodes the `GetProviderSchema` response of a provider, with its fingerprint. */
export function precomputeSchema(framework: FrameworkServer): PrecomputedSchema {
  const message = schemaResponseMessage(framework);
  return { fingerprint: schemaFingerprint(message), bytes: encodeMessage('tfplugin6.GetProviderSchema.Response', message) };
}

/** The file form of a {@link PrecomputedSchema} (JSON). */
export function serializePrecomputedSchema(schema: PrecomputedSchema): string {
  return `${JSON.stringify({ fingerprint: schema.fingerprint, bytes: schema.bytes.toString('base64') })}\n`;
}

/** Reads a file written by {@link serializePrecomputedSchema}; undefined when it is missing or malformed. */
export function readPrecomputedSchema(file: string): PrecomputedSchema | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint?: unknown; bytes?: unknown };
    if (typeof parsed.fingerprint !== 'string' || typeof parsed.bytes !== 'string') return undefined;
    return { fingerprint: parsed.fingerprint, bytes: Buffer.from(parsed.bytes, 'base64') };
  } catch {
    return undefined;
  }
}
