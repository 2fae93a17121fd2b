// The provider's executable entry: Terraform runs it (through the wrapper that
// `integrateio provider install` writes) and talks to it over gRPC.
import { join } from 'node:path';
import { serveProvider } from './protocol/serve-provider';
import type * as Resources from './resources';

// The resources (and with them the framework, lib/definition's checks and the codecs) are loaded
// after the handshake line, while Terraform connects (see startProviderServer).
// provider-schema.json: the schema answer, encoded by `npm run build` (scripts/encode-provider-schema.js).
serveProvider(() => (require('./resources') as typeof Resources).integrateioProvider, { precomputedSchemaFile: join(__dirname, 'provider-schema.json') });
