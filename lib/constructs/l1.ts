/*
 * The L1 bindings generated from the provider's schema (./generated), flat, for the `l1`
 * namespace of the constructs entry: `l1.Pipeline` is the `integrateio_pipeline` resource,
 * `l1.PipelineDefinition` its `definition` struct, `l1.DataIntegrateioPipeline` the data source.
 * A resource or data source added to the provider needs its line here.
 */
export * from './generated/pipeline';
export * from './generated/data-integrateio-pipeline';
export * from './generated/data-integrateio-pipelines';
export * from './generated/provider';
