// ESLint flat config. Besides the recommended TypeScript rules, it enforces the layer table of
// architecture.md: each folder under lib/ may import only the layers listed for it.
const tseslint = require('typescript-eslint');
const js = require('@eslint/js');

/** Forbidden relative-import patterns per layer (what each layer must never reach). */
const layers = {
  'lib/definition/**': { deny: ['**/api', '**/api/**', '**/emulator/**', '**/provider/**', '**/constructs/**', '**/cli/**'], packages: ['cdktf', 'constructs', 'fastify', 'better-sqlite3', '@grpc/*', '@msgpack/*'] },
  'lib/api/**': { deny: ['**/emulator/**', '**/provider/**', '**/constructs/**', '**/cli/**'], packages: ['cdktf', 'constructs', 'fastify', 'better-sqlite3', '@grpc/*', '@msgpack/*'] },
  'lib/emulator/**': { deny: ['**/api/client', '**/api/client/**', '**/api/retry*', '**/api/index', '**/provider/**', '**/constructs/**', '**/cli/**'], packages: ['cdktf', 'constructs', '@grpc/*', '@msgpack/*'] },
  'lib/provider/framework/**': { deny: ['**/definition/**', '**/api/**', '**/emulator/**', '**/protocol/**', '**/resources/**', '**/constructs/**', '**/cli/**'], packages: ['cdktf', 'constructs', 'fastify', 'better-sqlite3', '@grpc/*', '@msgpack/*', 'zod', 'yaml'] },
  'lib/provider/protocol/**': { deny: ['**/definition/**', '**/api/**', '**/emulator/**', '**/resources/**', '**/constructs/**', '**/cli/**'], packages: ['cdktf', 'constructs', 'fastify', 'better-sqlite3'] },
  'lib/provider/resources/**': { deny: ['**/emulator/**', '**/protocol/**', '**/constructs/**', '**/cli/**'], packages: ['cdktf', 'constructs', 'fastify', 'better-sqlite3', '@grpc/*', '@msgpack/*'] },
  // Only the package roots 'cdktf' and 'constructs': scripts/build-cdktn.js rewrites 'cdktf' to 'cdktn'.
  'lib/constructs/**': { deny: ['**/api/**', '**/emulator/**', '**/provider/**', '**/cli/**'], packages: ['fastify', 'better-sqlite3', '@grpc/*', '@msgpack/*'], deep: ['cdktf/*', 'constructs/*'] },
};

const layerRules = Object.entries(layers).map(([files, { deny, packages, deep }]) => ({
  files: [files.replace('/**', '/**/*.ts')],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: deny, message: 'This import crosses the layer table in architecture.md.' },
        { group: packages, message: 'This package does not belong to this layer (architecture.md).' },
        ...(deep ? [{ group: deep, message: "Import the package root ('cdktf', 'constructs'): the cdktn build rewrites only the root specifier (DESIGN.md, Packaging)." }] : []),
      ],
    }],
  },
}));

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/cdktf.out/**', '**/.gen/**', 'lib/constructs/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**', '**/cli'], message: 'Nothing imports cli: it is the composition root.' }] }],
    },
  },
  ...layerRules,
  { files: ['test/**/*.js', '*.js'], languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } } },
);
