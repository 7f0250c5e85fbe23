import { describe, expect, it } from 'vitest';
import { legalClockFromEnv, OFFICIAL_SCHEDULES } from '../src/calendar/index.js';
import { ConfigError, LegalClockEnvSchema, parseEnv } from '../src/config.js';
import { vn } from './clock-helpers.js';

describe('LegalClockEnvSchema', () => {
  it('defaults to a 15:00 cut-off, receipt day not counted, nearly due and apology lead one day, one apology', () => {
    expect(parseEnv(LegalClockEnvSchema, {})).toEqual({
      LEGAL_CLOCK_AFTERNOON_CUTOFF: '15:00',
      LEGAL_CLOCK_RECEIPT_DAY_COUNTS: false,
      LEGAL_CLOCK_NEARLY_DUE: '1d',
      APOLOGY_LEAD_TIME: '1d',
      APOLOGY_LIMIT: 1,
    });
  });

  it('reads "none" as no cut-off and "true" as counting the receipt day', () => {
    const settings = parseEnv(LegalClockEnvSchema, {
      LEGAL_CLOCK_AFTERNOON_CUTOFF: 'none',
      LEGAL_CLOCK_RECEIPT_DAY_COUNTS: 'true',
    });
    expect(settings.LEGAL_CLOCK_AFTERNOON_CUTOFF).toBeNull();
    expect(settings.LEGAL_CLOCK_RECEIPT_DAY_COUNTS).toBe(true);
  });

  it('names every bad variable', () => {
    const parse = () =>
      parseEnv(LegalClockEnvSchema, {
        LEGAL_CLOCK_AFTERNOON_CUTOFF: '3pm',
        LEGAL_CLOCK_RECEIPT_DAY_COUNTS: 'yes',
        LEGAL_CLOCK_NEARLY_DUE: '1 day',
        APOLOGY_LEAD_TIME: '-1d',
        APOLOGY_LIMIT: '0',
      });
    expect(parse).toThrow(ConfigError);
    for (const variable of [
      'LEGAL_CLOCK_AFTERNOON_CUTOFF',
      'LEGAL_CLOCK_RECEIPT_DAY_COUNTS',
      'LEGAL_CLOCK_NEARLY_DUE',
      'APOLOGY_LEAD_TIME',
      'APOLOGY_LIMIT',
    ]) {
      expect(parse).toThrow(variable);
    }
  });
});

describe('legalClockFromEnv', () => {
  it('builds the calendar from the data rows and the clock from the variables', () => {
    const setup = legalClockFromEnv(
      {
        LEGAL_CLOCK_AFTERNOON_CUTOFF: 'none',
        LEGAL_CLOCK_RECEIPT_DAY_COUNTS: 'false',
        LEGAL_CLOCK_NEARLY_DUE: '4h',
        APOLOGY_LEAD_TIME: '0.5d',
        APOLOGY_LIMIT: '2',
      },
      OFFICIAL_SCHEDULES,
    );
    expect(setup.calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(setup.clock.afternoonCutoff).toBeNull();
    expect(setup.clock.appointment(vn('2026-11-27 16:00'), 1)).toEqual(vn('2026-11-30 16:00'));
    expect(setup.nearlyDueMinutes).toBe(240);
    expect(setup.clock.nearlyDueMinutes).toBe(240);
    expect(setup.apologyLeadMinutes).toBe(285);
    expect(setup.apologyLimit).toBe(2);
  });

  it('applies the defaults and accepts a configuration that was already parsed', () => {
    const setup = legalClockFromEnv(parseEnv(LegalClockEnvSchema, {}), []);
    expect(setup.clock.afternoonCutoff).toBe(15 * 60);
    expect(setup.clock.receiptDayCounts).toBe(false);
    expect(setup.nearlyDueMinutes).toBe(570);
    expect(setup.apologyLeadMinutes).toBe(570);
    expect(setup.apologyLimit).toBe(1);
  });

  it('passes an already parsed "none" cut-off through as none', () => {
    const settings = parseEnv(LegalClockEnvSchema, { LEGAL_CLOCK_AFTERNOON_CUTOFF: 'none', APOLOGY_LIMIT: '3' });
    const setup = legalClockFromEnv({ ...settings, UNRELATED: 'ignored' }, []);
    expect(setup.clock.afternoonCutoff).toBeNull();
    expect(setup.apologyLimit).toBe(3);
  });

  it('names the variable when a value passes the schema but not the clock', () => {
    expect(() => legalClockFromEnv({ LEGAL_CLOCK_AFTERNOON_CUTOFF: '06:00' }, [])).toThrow(
      /LEGAL_CLOCK_AFTERNOON_CUTOFF/,
    );
    expect(() => legalClockFromEnv({ APOLOGY_LEAD_TIME: '0.001d' }, [])).toThrow(/APOLOGY_LEAD_TIME/);
    expect(() => legalClockFromEnv({ APOLOGY_LEAD_TIME: '0.001d' }, [])).toThrow(ConfigError);
  });
});
