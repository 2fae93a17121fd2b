#!/usr/bin/env node
// @ts-check
/* global require, __dirname */
'use strict';
/**
 * The last step of `npm run build`: bundles the compiled provider into
 * dist/provider/terraform-provider-integrateio.js, the file every provider release is made from
 * (see lib/provider/release/bundle.ts).
 */
const path = require('node:path');
const { bundleProvider } = require('../dist/lib/provider/release/bundle.js');

bundleProvider(path.resolve(__dirname, '..'));
