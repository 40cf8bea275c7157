/**
 * Reading a `chatload/results@1` document: the schema in results.ts checks every field's type;
 * this adds what a JSON Schema cannot say — every histogram decodes with the shared range, and
 * every per-second array is aligned with `timeseries.t` — so that `report`, `compare`, `merge`
 * and `baselines` work on trusted data.
 */
import { checkJson } from '../core/json-check.js';
import { messageOf } from '../core/errors.js';
import { decodeHistogram } from './hdr.js';
import { ResultsFileSchema, type ResultsFile } from './results.js';

/** The checked file; every problem is an InputError naming `where` and the field. */
export function checkResults(value: unknown, where: string): ResultsFile {
  return checkJson(ResultsFileSchema, value, where, {
    what: 'results file',
    semantic: (file) => undecodableHistogram(file) ?? misalignedSeries(file),
  });
}

function histograms(file: ResultsFile): [string, string][] {
  const found: [string, string][] = [];
  for (const [op, result] of Object.entries(file.ops)) {
    found.push([`ops.${op}.hdr`, result.hdr], [`ops.${op}.serviceHdr`, result.serviceHdr]);
    for (const [roomClass, byClass] of Object.entries(result.byRoomClass)) {
      found.push([`ops.${op}.byRoomClass.${roomClass}.hdr`, byClass.hdr]);
    }
  }
  file.breakdown?.cells.forEach((cell, i) => {
    found.push([`breakdown.cells[${i}].hdr`, cell.hdr]);
    found.push([`breakdown.cells[${i}].serviceHdr`, cell.serviceHdr]);
  });
  return found;
}

function undecodableHistogram(file: ResultsFile): string | null {
  for (const [path, encoded] of histograms(file)) {
    try {
      decodeHistogram(encoded, 'int32');
    } catch (error) {
      return `field "${path}" is not an encoded HDR histogram: ${messageOf(error)}`;
    }
  }
  return null;
}

function misalignedSeries(file: ResultsFile): string | null {
  const expected = file.timeseries.t.length;
  const series: [string, readonly unknown[]][] = [
    ['timeseries.dropped', file.timeseries.dropped],
    ['timeseries.complianceQueueDepth', file.timeseries.complianceQueueDepth],
    ['timeseries.vus', file.timeseries.vus],
  ];
  for (const [op, opSeries] of Object.entries(file.timeseries.ops)) {
    for (const [field, values] of Object.entries(opSeries)) {
      series.push([`timeseries.ops.${op}.${field}`, values]);
    }
  }
  for (const [scenario, values] of Object.entries(file.breakdown?.vus ?? {})) {
    series.push([`breakdown.vus.${scenario}`, values]);
  }
  for (const [path, values] of series) {
    if (values.length !== expected) {
      return `field "${path}" has ${values.length} entries but timeseries.t has ${expected}`;
    }
  }
  return null;
}
