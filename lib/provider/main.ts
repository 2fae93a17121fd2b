// The provider's executable entry: Terraform runs it (through the wrapper that
// `integrateio provider install` writes) and talks to it over gRPC.
import { serveProvider } from './protocol';
import { integrateioProvider } from './resources';

serveProvider(integrateioProvider);
