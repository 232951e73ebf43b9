/**
 * Scans become EPCIS 2.0 ObjectEvents (action OBSERVE): what was seen, at which stage, where and when.
 * The contract computes the event hash ID; the gateway only states the facts.
 */
import type { StageContext } from './stageContext';

/** Place given as GLN, SGLN URN or URL → the URI EPCIS carries. */
export function placeUri(place: string): string {
  return /^\d{13}$/.test(place) ? `https://id.gs1.org/414/${place}` : place;
}

/** `+hh:mm` of an ISO 8601 time, `+00:00` for Z. */
export function offsetOf(isoTime: string): string {
  const m = /([+-]\d\d:\d\d)$/.exec(isoTime);
  return m ? m[1]! : '+00:00';
}

export interface What {
  readonly epcList?: readonly string[];
  readonly quantityList?: readonly { epcClass: string; quantity?: number; uom?: string }[];
}

export function observeEvent(what: What, stage: StageContext, eventTime: string): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime,
    eventTimeZoneOffset: offsetOf(eventTime),
    ...(what.epcList ? { epcList: what.epcList } : {}),
    ...(what.quantityList ? { quantityList: what.quantityList } : {}),
    bizStep: stage.bizStep,
    readPoint: { id: placeUri(stage.location) },
    ...(stage.bizLocation ? { bizLocation: { id: placeUri(stage.bizLocation) } } : {}),
    ...(stage.disposition ? { disposition: stage.disposition } : {}),
  };
  const t = stage.temperature;
  if (t) {
    const outOfRange = (t.min !== undefined && t.value < t.min) || (t.max !== undefined && t.value > t.max);
    event.sensorElementList = [
      {
        sensorMetadata: {
          time: eventTime,
          ...(stage.device ? { deviceID: `urn:trace:device:${stage.device}` } : {}),
          ...(t.min !== undefined || t.max !== undefined
            ? { bizRules: `urn:trace:rule:temperature:${t.min ?? ''}..${t.max ?? ''}` }
            : {}),
        },
        sensorReport: [
          {
            type: 'Temperature',
            value: t.value,
            uom: t.uom,
            ...(outOfRange ? { exception: 'ALARM_CONDITION' } : {}),
          },
        ],
      },
    ];
  }
  return event;
}
