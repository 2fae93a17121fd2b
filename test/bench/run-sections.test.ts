/** Which sections `npm run bench` runs: `--only A,B`, `--only=A,B` or `BENCH_ONLY`. */
import { SECTIONS, selectedSections } from '../../bench/run';

describe('selectedSections', () => {
  test('runs every section when nothing is selected', () => {
    expect(selectedSections([], {})).toBeUndefined();
  });

  test('takes --only A,B and --only=A,B before BENCH_ONLY', () => {
    expect(selectedSections(['--only', 'breakdown,scale'], { BENCH_ONLY: 'synth' })).toEqual(['breakdown', 'scale']);
    expect(selectedSections(['--only=breakdown'], {})).toEqual(['breakdown']);
    expect(selectedSections([], { BENCH_ONLY: 'synth, counts' })).toEqual(['synth', 'counts']);
  });

  test('fails naming an unknown section and listing the real ones', () => {
    expect(() => selectedSections(['--only', 'brekdown'], {})).toThrow(/unknown bench section\(s\) brekdown: the sections are startup, .*breakdown/);
    expect(SECTIONS).toContain('breakdown');
  });

  test('fails when --only has no list', () => {
    expect(() => selectedSections(['--only'], {})).toThrow(/--only needs a list of sections/);
  });
});
