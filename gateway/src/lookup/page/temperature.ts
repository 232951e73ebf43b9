/**
 * Temperature summary of an event's EPCIS 2.0 sensorElementList (§7.3.7): the reports whose type is Temperature,
 * reduced to min/max in one unit, whether any report raised an alarm, and the readings for a cold-chain table.
 */
import type { EpcisEvent } from '../../../../chaincode/src/api';
import type { TemperatureSummary } from '../publicTraceSchema';
import { localTime } from './localTime';

/** UN/ECE Rec 20 codes EPCIS uses for temperature, with their display unit and conversion to Celsius. */
const UNITS: Readonly<Record<string, { label: string; toCelsius: (v: number) => number }>> = {
  CEL: { label: '°C', toCelsius: (v) => v },
  FAH: { label: '°F', toCelsius: (v) => ((v - 32) * 5) / 9 },
  KEL: { label: 'K', toCelsius: (v) => v - 273.15 },
};

/** A table on a phone is useless beyond this; min/max still cover every report. */
const MAX_READINGS = 96;

/** `Temperature`, `gs1:Temperature` or `https://gs1.org/voc/Temperature` (the GS1 Web Vocabulary term). */
const isTemperature = (type: unknown): boolean =>
  typeof type === 'string' && /(^|[:/])Temperature$/.test(type);

/** EPCIS 2.0 sensorReport.exception: `ALARM_CONDITION` (bare or as a vocabulary URI). */
const isAlarm = (exception: unknown): boolean =>
  typeof exception === 'string' && exception.endsWith('ALARM_CONDITION');

const round = (v: number): number => Math.round(v * 10) / 10;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

interface Raw {
  readonly values: number[];
  readonly shown?: number;
  readonly uom: string;
  readonly time?: string;
  readonly alarm: boolean;
}

/** The summary of `event`'s temperature reports, or `undefined` if it has none with a value. */
export function temperatureSummary(event: EpcisEvent): TemperatureSummary | undefined {
  const raws: Raw[] = [];
  for (const element of event.sensorElementList ?? []) {
    const metaTime = str(element.sensorMetadata?.time) ?? str(element.sensorMetadata?.endTime);
    for (const report of element.sensorReport) {
      if (!isTemperature(report.type)) continue;
      const values = [report.value, report.minValue, report.maxValue, report.meanValue].filter(
        (v): v is number => typeof v === 'number' && Number.isFinite(v),
      );
      if (values.length === 0) continue;
      // A report without uom is read as Celsius: EPCIS leaves the unit to the sensor's bizRules, CEL is the norm.
      const uom = report.uom !== undefined && report.uom in UNITS ? report.uom : 'CEL';
      const time = str(report.time) ?? metaTime;
      raws.push({
        values,
        uom,
        alarm: isAlarm(report.exception),
        ...(time !== undefined ? { time } : {}),
        ...((report.value ?? report.meanValue) !== undefined
          ? { shown: report.value ?? report.meanValue }
          : {}),
      });
    }
  }
  if (raws.length === 0) return undefined;
  // One unit for the summary: the reports' own if they agree, Celsius if they mix.
  const units = new Set(raws.map((r) => r.uom));
  const uom = units.size === 1 ? raws[0]!.uom : 'CEL';
  const convert = (v: number, from: string): number => (from === uom ? v : UNITS[from]!.toCelsius(v));
  const all = raws.flatMap((r) => r.values.map((v) => convert(v, r.uom)));
  const readings = raws
    .filter((r) => r.shown !== undefined)
    .slice(0, MAX_READINGS)
    .map((r) => ({
      ...(r.time !== undefined && !Number.isNaN(Date.parse(r.time))
        ? { time: localTime(r.time, event.eventTimeZoneOffset) }
        : {}),
      value: round(convert(r.shown!, r.uom)),
      alarm: r.alarm,
    }));
  return {
    min: round(Math.min(...all)),
    max: round(Math.max(...all)),
    unit: UNITS[uom]!.label,
    alarm: raws.some((r) => r.alarm),
    readings,
  };
}
