import type { EmulatorSeed } from './seed';

/**
 * The seed of a new emulator database: two accounts, so that cross-account isolation can be seen.
 *
 * - `acme`: keys `fdk_emulator_acme_admin_key_000000000001` (admin) and
 *   `fdk_emulator_acme_ci_key_00000000000002` (not admin); source connections 42 (postgres) and
 *   43 (mysql); destination connections 17 (snowflake) and 18 (bigquery); hooks 9 (on-call) and
 *   10 (data-team).
 * - `globex`: key `fdk_emulator_globex_admin_key_00000000003` (admin); source connection 52
 *   (postgres); destination connection 27 (redshift); hook 19.
 *
 * These keys are public: use them only against the emulator.
 */
export const DEFAULT_SEED: EmulatorSeed = {
  accounts: [
    {
      name: 'acme',
      keys: [
        { name: 'admin', value: 'fdk_emulator_acme_admin_key_000000000001', admin: true },
        { name: 'ci', value: 'fdk_emulator_acme_ci_key_00000000000002', admin: false },
      ],
      connections: [
        { id: 42, role: 'source', type: 'postgres' },
        { id: 43, role: 'source', type: 'mysql' },
        { id: 17, role: 'destination', type: 'snowflake' },
        { id: 18, role: 'destination', type: 'bigquery' },
      ],
      hooks: [
        { id: 9, name: 'on-call' },
        { id: 10, name: 'data-team' },
      ],
    },
    {
      name: 'globex',
      keys: [{ name: 'admin', value: 'fdk_emulator_globex_admin_key_00000000003', admin: true }],
      connections: [
        { id: 52, role: 'source', type: 'postgres' },
        { id: 27, role: 'destination', type: 'redshift' },
      ],
      hooks: [{ id: 19, name: 'alerts' }],
    },
  ],
};
