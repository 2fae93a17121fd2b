export * from './pipeline-assertions';
