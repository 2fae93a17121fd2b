export * from './constants';
export * from './schema';
export * from './transformation-configs';
export * from './issues';
export * from './path';
export * from './validate';
export * from './parse';
export * from './canonical';
