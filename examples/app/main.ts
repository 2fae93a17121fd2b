/**
 * The app `cdktf.json` runs (`npm run build` first: it runs the compiled dist/examples/app/main.js).
 * Stacks: `basic`, `dev`, `staging`, `prod` (the multi-env example) and `fleet`.
 *
 * Every stack's provider reads INTEGRATEIO_API_URL and INTEGRATEIO_API_KEY from the environment
 * when Terraform runs; synth itself is offline.
 */
import { App } from 'cdktf';
import { defineBasic } from '../basic/main';
import { defineFleet } from '../fleet/main';
import { defineMultiEnv } from '../multi-env/main';

/** Adds every example's stacks to an app. */
export function defineApp(app: App): App {
  defineBasic(app);
  defineMultiEnv(app);
  defineFleet(app);
  return app;
}

/** Builds the app into `outdir` (call `.synth()` on the result). */
export function buildApp(outdir: string): App {
  return defineApp(new App({ outdir }));
}

if (require.main === module) {
  defineApp(new App()).synth();
}
