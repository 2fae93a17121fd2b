#!/usr/bin/env node
// Run by `npm run build` after tsc: encodes the provider's GetProviderSchema answer once and writes
// it next to the compiled entry (dist/lib/provider/provider-schema.json), so that a launch answers
// the schema with these bytes instead of encoding it (see lib/provider/protocol/precomputed-schema.ts).
/* global require, __dirname */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist', 'lib', 'provider');
const { FrameworkServer } = require(path.join(dist, 'framework'));
const { precomputeSchema, serializePrecomputedSchema } = require(path.join(dist, 'protocol', 'precomputed-schema'));
const { integrateioProvider } = require(path.join(dist, 'resources'));

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const schema = precomputeSchema(new FrameworkServer(integrateioProvider, { logger: quiet }));
fs.writeFileSync(path.join(dist, 'provider-schema.json'), serializePrecomputedSchema(schema));
