// Preloaded with `node --require` (or NODE_OPTIONS) by tests that must prove a behaviour survives
// garbage collection: forces a full collection every 20 ms without needing --expose-gc.
'use strict';
/* global setInterval */
const v8 = require('node:v8');
const vm = require('node:vm');
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
setInterval(() => gc(), 20).unref();
