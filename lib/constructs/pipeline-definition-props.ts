import type { HookEvent, TransformationType } from '../definition';

/**
 * One table to replicate: an entry of the document's `tables`.
 *
 * @example
 * const orders: TableProps = { name: 'public.orders', excludeColumns: ['ssn'] };
 */
export interface TableProps {
  /** The table, as `schema.table` (e.g. `public.orders`). */
  readonly name: string;
  /**
   * Append rows instead of updating them in place (`append_only`).
   *
   * @default - not set: the API's default, rows are updated in place
   */
  readonly appendOnly?: boolean;
  /**
   * Replicate only these columns (`columns.include`). Give `includeColumns` or
   * `excludeColumns`, not both.
   *
   * @default - every column, less `excludeColumns`
   */
  readonly includeColumns?: string[];
  /**
   * Replicate every column but these (`columns.exclude`).
   *
   * @default - no column is excluded
   */
  readonly excludeColumns?: string[];
}

/**
 * The settings of a transformation (`config`); which keys apply depends on its type:
 *
 * - `exclude_fields`: `fields`.
 * - `rename_fields`: `mapping` (old name to new name).
 * - `toggle_case`: `case`, and optionally `fields`.
 * - `find_and_replace`: `field`, `find`, `replace`, optionally `regex`.
 * - `replace_in_field_name`: `find`, `replace`.
 * - `history_mode`: nothing.
 */
export interface TransformationConfig {
  /** The fields to act on. @default - none (all fields for `toggle_case`) */
  readonly fields?: string[];
  /** Old field name to new field name (`rename_fields`). @default - none */
  readonly mapping?: Record<string, string>;
  /** `upper` or `lower` (`toggle_case`). @default - none */
  readonly case?: 'upper' | 'lower';
  /** The field whose values are edited (`find_and_replace`). @default - none */
  readonly field?: string;
  /** The text to find. @default - none */
  readonly find?: string;
  /** The replacement text. @default - none */
  readonly replace?: string;
  /** `find` is a regular expression (`find_and_replace`). @default false */
  readonly regex?: boolean;
}

/**
 * A field-level transformation applied to the records of one table: an entry of
 * `transformations`.
 *
 * @example
 * const rename: TransformationProps = { type: 'rename_fields', table: 'public.orders', config: { mapping: { order_id: 'id' } } };
 */
export interface TransformationProps {
  /** The transformation type, e.g. `rename_fields`. */
  readonly type: TransformationType;
  /** The table it applies to: one of the definition's tables. */
  readonly table: string;
  /**
   * The settings of the transformation.
   *
   * @default - no settings (only valid for `history_mode`)
   */
  readonly config?: TransformationConfig;
}

/**
 * An existing notification hook attached to pipeline events: an entry of `hooks`.
 *
 * @example
 * const onCall: HookProps = { id: 9, events: ['pipeline_failed', 'pipeline_stopped'] };
 */
export interface HookProps {
  /** The hook's id (created in Settings > Hooks). */
  readonly id: number;
  /** The events that trigger it. */
  readonly events: HookEvent[];
}

/**
 * The fields of a {@link PipelineDefinitionProps} other than the schedule. They mirror the
 * definition document, version 1, in camelCase.
 */
export interface PipelineDefinitionCommonProps {
  /** The pipeline's name (`name`). */
  readonly name: string;
  /** The existing source connection's id (`source.connection.id`). */
  readonly sourceConnectionId: number;
  /** The existing destination connection's id (`destination.connection.id`). */
  readonly destinationConnectionId: number;
  /**
   * Replicate tables that appear in the source later (`sync.auto_sync_new_tables`).
   *
   * @default - not set: the API's default, new tables are not replicated
   */
  readonly autoSyncNewTables?: boolean;
  /** The tables to replicate, at least one (`tables`). More can be added with `addTable`. */
  readonly tables: TableProps[];
  /**
   * Field-level transformations (`transformations`).
   *
   * @default - none
   */
  readonly transformations?: TransformationProps[];
  /**
   * Notification hooks (`hooks`).
   *
   * @default - none
   */
  readonly hooks?: HookProps[];
  /**
   * The definition document version (`definition_version`).
   *
   * @default 1 - the only version there is
   */
  readonly definitionVersion?: number;
}

/** One schedule for source and destination: `frequency` alone (`sync.frequency`). */
export interface SingleFrequencyProps {
  /** Minutes between syncs, for both source and destination (`sync.frequency`). */
  readonly frequency: number;
  /** Not with `frequency`. @default - none */
  readonly sourceFrequency?: undefined;
  /** Not with `frequency`. @default - none */
  readonly destinationFrequency?: undefined;
}

/** Separate schedules: `sourceFrequency` and `destinationFrequency` together, without `frequency`. */
export interface SplitFrequencyProps {
  /** Not with `sourceFrequency` and `destinationFrequency`. @default - none */
  readonly frequency?: undefined;
  /** Minutes between reads from the source (`sync.source_frequency`). */
  readonly sourceFrequency: number;
  /** Minutes between writes to the destination (`sync.destination_frequency`). */
  readonly destinationFrequency: number;
}

/**
 * The schedule of a definition: `frequency`, or both `sourceFrequency` and
 * `destinationFrequency`. Other combinations do not compile.
 */
export type ScheduleProps = SingleFrequencyProps | SplitFrequencyProps;

/**
 * The properties of a {@link PipelineDefinition} written in code. They mirror the definition
 * document, version 1, in camelCase; problems are reported at synth with the document's field
 * paths (`tables[1].columns`), the same ones the CLI, the API and the provider use.
 *
 * The schedule is `frequency`, or `sourceFrequency` with `destinationFrequency` (a TypeScript
 * union: giving both kinds, or half a pair, does not compile).
 *
 * Every value may be a token (e.g. a Terraform variable); tokens are not validated at synth.
 */
export type PipelineDefinitionProps = PipelineDefinitionCommonProps & ScheduleProps;

/** A derived definition's new schedule: one `frequency` (drops the base's pair). */
export interface DerivedSingleFrequencyProps {
  /**
   * Sets one frequency for source and destination; removes the base's `source_frequency` and
   * `destination_frequency`.
   *
   * @default - the base's schedule
   */
  readonly frequency?: number;
  /** Not with `frequency`. @default - none */
  readonly sourceFrequency?: undefined;
  /** Not with `frequency`. @default - none */
  readonly destinationFrequency?: undefined;
}

/** A derived definition's new schedule: source and/or destination frequency (drops the base's single `frequency`). */
export interface DerivedSplitFrequencyProps {
  /** Not with `sourceFrequency` or `destinationFrequency`. @default - none */
  readonly frequency?: undefined;
  /**
   * Sets the source frequency; removes the base's single `frequency` (then give
   * `destinationFrequency` too, unless the base has one).
   *
   * @default - the base's schedule
   */
  readonly sourceFrequency?: number;
  /**
   * Sets the destination frequency; removes the base's single `frequency` (then give
   * `sourceFrequency` too, unless the base has one).
   *
   * @default - the base's schedule
   */
  readonly destinationFrequency?: number;
}

/**
 * What a derived definition changes in its base, other than the schedule (see
 * {@link DerivedPipelineDefinitionProps}): the usual differences between environments. Anything not given is taken from the base, as it is
 * when the stack is synthesized (later changes to the base are seen).
 *
 * @example
 * const prod = orders.derive(prodStack, 'Orders', { sourceConnectionId: 42, destinationConnectionId: 17, frequency: 5, nameSuffix: '-prod' });
 */
export interface DerivedPipelineDefinitionCommonProps {
  /**
   * Replaces the name.
   *
   * @default - the base's name
   */
  readonly name?: string;
  /**
   * Put before the name (after `name` replaced it, if given).
   *
   * @default - nothing
   */
  readonly namePrefix?: string;
  /**
   * Put after the name.
   *
   * @default - nothing
   */
  readonly nameSuffix?: string;
  /**
   * Replaces the source connection id.
   *
   * @default - the base's
   */
  readonly sourceConnectionId?: number;
  /**
   * Replaces the destination connection id.
   *
   * @default - the base's
   */
  readonly destinationConnectionId?: number;
  /**
   * Replaces `sync.auto_sync_new_tables`.
   *
   * @default - the base's
   */
  readonly autoSyncNewTables?: boolean;
  /**
   * Tables appended to the base's (after `removeTables` is applied).
   *
   * @default - none
   */
  readonly addTables?: TableProps[];
  /**
   * Names of the base's tables to leave out. The transformations on those tables are left out
   * too. Naming a table the base does not have is an error (a typo would otherwise go unseen).
   *
   * @default - none
   */
  readonly removeTables?: string[];
  /**
   * Transformations appended to the base's.
   *
   * @default - none
   */
  readonly addTransformations?: TransformationProps[];
  /**
   * Hooks appended to the base's (after `removeHooks` is applied).
   *
   * @default - none
   */
  readonly addHooks?: HookProps[];
  /**
   * Ids of the base's hooks to detach. Naming a hook the base does not have is an error.
   *
   * @default - none
   */
  readonly removeHooks?: number[];
}

/**
 * What a derived definition changes in its base (see {@link PipelineDefinition.derive}): the
 * common changes and at most one kind of schedule (`frequency`, or `sourceFrequency` /
 * `destinationFrequency`; both kinds together do not compile).
 */
export type DerivedPipelineDefinitionProps = DerivedPipelineDefinitionCommonProps & (DerivedSingleFrequencyProps | DerivedSplitFrequencyProps);
