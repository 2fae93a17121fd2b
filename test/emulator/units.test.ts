import { negotiateDefinition, definitionFormatOf, parseMediaType } from '../../lib/emulator/content-negotiation';
import { parseId } from '../../lib/emulator/ids';
import { applyStart, applyStop, lastSyncAt, NEW_RUNTIME, observedState, type RuntimeRecord } from '../../lib/emulator/runtime-state';

const timing = { startDelayMs: 300, stopDelayMs: 200, minuteMs: 1000 };

describe('runtime state derivation', () => {
  const started: RuntimeRecord = { ...NEW_RUNTIME, status: 'deployed', transition: 'start', transitionAt: 10_000, sourceAnchorAt: 10_300, destinationAnchorAt: 10_300 };
  it.each([
    ['a new pipeline', NEW_RUNTIME, 99_999, 'stopped'],
    ['just started', started, 10_000, 'starting'],
    ['started 299 ms ago', started, 10_299, 'starting'],
    ['started 300 ms ago', started, 10_300, 'running'],
    ['gracefully stopped 199 ms ago', { ...NEW_RUNTIME, transition: 'stop', transitionAt: 5_000 } as RuntimeRecord, 5_199, 'stopping'],
    ['gracefully stopped 200 ms ago', { ...NEW_RUNTIME, transition: 'stop', transitionAt: 5_000 } as RuntimeRecord, 5_200, 'stopped'],
    ['force-stopped just now', { ...NEW_RUNTIME, transition: 'force_stop', transitionAt: 5_000 } as RuntimeRecord, 5_000, 'stopped'],
  ])('observes %s as %s', (_name, record, now, state) => {
    expect(observedState(record, now, timing)).toBe(state);
  });

  it.each([
    [null, null, 5, 1_000_000, null],
    [null, 7_000, 5, 1_000_000, 7_000],
    [10_000, 7_000, 5, 9_999, 7_000],
    [10_000, null, 5, 10_000, 10_000],
    [10_000, null, 5, 14_999, 10_000],
    [10_000, null, 5, 15_000, 15_000],
    [10_000, null, 5, 31_234, 30_000],
  ])('computes the last sync from anchor %p, frozen %p, every %p minutes at %p as %p', (anchor, frozen, minutes, now, expected) => {
    expect(lastSyncAt(anchor, frozen, minutes, now, timing)).toBe(expected);
  });

  it('freezes the sync times at stop and leaves no-ops alone', () => {
    const running = applyStart(NEW_RUNTIME, 0, timing) as RuntimeRecord;
    expect(applyStart(running, 10, timing)).toBeNull();
    const stopped = applyStop(running, { source: 1, destination: 2 }, 5_400, timing, false) as RuntimeRecord;
    expect(stopped).toMatchObject({ status: 'stopped', transition: 'stop', lastSourceSyncAt: 5_300, lastDestinationSyncAt: 4_300, sourceAnchorAt: null });
    expect(applyStop(stopped, { source: 1, destination: 2 }, 9_000, timing, false)).toBeNull();
    expect(applyStop(stopped, { source: 1, destination: 2 }, 9_000, timing, true)).toBeNull();
    expect(applyStop(stopped, { source: 1, destination: 2 }, 5_450, timing, true)).toMatchObject({ transition: 'force_stop', lastSourceSyncAt: 5_300 });
  });
});

describe('content negotiation', () => {
  it.each([
    ['application/yaml', 'yaml'],
    ['text/yaml; charset=utf-8', 'yaml'],
    ['application/x-yaml;charset=UTF8', 'yaml'],
    ['APPLICATION/JSON', 'json'],
  ])('reads the definition format of Content-Type %s', (header, format) => {
    expect(definitionFormatOf(header)).toBe(format);
  });

  it.each([[undefined], [''], ['text/plain'], ['application/json; charset=utf-16'], ['/'], ['a/b/c']])('fails with 415 for Content-Type %p', (header) => {
    expect(() => definitionFormatOf(header)).toThrow(expect.objectContaining({ status: 415, code: 'unsupported_media_type' }));
  });

  it('parses media type parameters with quotes', () => {
    expect(parseMediaType('Text/YAML; Charset="utf-8"; x')).toEqual({ essence: 'text/yaml', params: { charset: 'utf-8' } });
  });

  it.each([
    ['text/*', 'yaml', 'text/yaml; charset=utf-8'],
    ['application/json;q=0.9, */*;q=0.1', 'json', 'application/json; charset=utf-8'],
    ['application/yaml;q=abc, application/json', 'json', 'application/json; charset=utf-8'],
    [',,,', 'yaml', 'application/yaml; charset=utf-8'],
  ])('negotiates Accept %s', (accept, format, contentType) => {
    expect(negotiateDefinition(accept)).toEqual({ format, contentType });
  });

  it('fails with 406 when only other types are acceptable', () => {
    expect(() => negotiateDefinition('image/png, */*;q=0')).toThrow(expect.objectContaining({ status: 406 }));
  });
});

describe('ids in paths', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['9007199254740991', 9007199254740991],
    ['9007199254740992', undefined],
    ['0', undefined],
    ['01', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    [' 1', undefined],
    ['', undefined],
  ])('reads %j as %p', (text, id) => {
    expect(parseId(text)).toBe(id);
  });
});
