import { Duration } from '../../lib/constructs';

describe('Duration', () => {
  test.each([
    [Duration.minutes(5), '5m', 300_000],
    [Duration.seconds(90), '1m30s', 90_000],
    [Duration.hours(1.5), '1h30m', 5_400_000],
    [Duration.millis(1500), '1s500ms', 1500],
    [Duration.seconds(0), '0s', 0],
    [Duration.parse('1h30m'), '1h30m', 5_400_000],
    [Duration.parse('90s'), '1m30s', 90_000],
    [Duration.parse('1.5m'), '1m30s', 90_000],
  ])('%s renders as the provider takes it', (duration, text, millis) => {
    expect(duration.toTerraform()).toBe(text);
    expect(duration.toMilliseconds()).toBe(millis);
  });

  test.each([
    ['a negative amount', () => Duration.minutes(-1), /Duration\.minutes: expected a finite amount, 0 or more/],
    ['not a number', () => Duration.seconds(Number.NaN), /Duration\.seconds: expected a finite amount/],
    ['a fraction of a millisecond', () => Duration.millis(0.5), /whole number of milliseconds, got 0\.5/],
    ['text that is not a duration', () => Duration.parse('5 minutes'), /Duration\.parse: expected a duration such as "90s", "10m" or "1h30m" \(units ms, s, m, h\), got "5 minutes"/],
  ])('fails on %s', (_what, make, message) => {
    expect(make).toThrow(message);
  });
});
