// The provider's executable entry: Terraform runs it (through the wrapper that
// `integrateio provider install` writes) and talks to it over gRPC.
import { join } from 'node:path';
import { serveProvider } from './protocol';
import { integrateioProvider } from './resources';

// provider-schema.json: the schema answer, encoded by `npm run build` (scripts/encode-provider-schema.js).
serveProvider(integrateioProvider, { precomputedSchemaFile: join(__dirname, 'provider-schema.json') });
