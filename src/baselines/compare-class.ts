import type { ResultsFile } from '../metrics/results.js';
import { complianceCondition } from './compliance-condition.js';
import { compareWithEnvelope } from './envelope.js';
import { compareWithRequirement } from './requirement.js';
import type { BaselineClass, ClassComparison, ClassFigureName } from './types.js';

/** Figures that describe the hardware itself (the envelope's inputs come after them). */
const HARDWARE_FIGURES: readonly ClassFigureName[] = [
  'concurrentUsers',
  'cpu',
  'cpuCores',
  'memoryGb',
  'disks',
  'network',
  'sqlServer',
  'dataDrives',
  'driveRpm',
  'driveRandomIops',
  'dataWritePenalty',
  'logFlushMs',
  'bufferPoolGb',
  'maxDatabaseGb',
];

/**
 * A run against a class: the documented requirement for the scenario's user count and the
 * class's derived envelope, each labelled with its kind.
 */
export function compareWithClass(cls: BaselineClass, results: ResultsFile): ClassComparison {
  const users = results.scenario.model.concurrentUsers;
  return {
    className: cls.name,
    title: cls.title,
    summary: cls.summary,
    hardware: HARDWARE_FIGURES.flatMap((name) => {
      const figure = cls.figures[name];
      return figure === undefined ? [] : [figure];
    }),
    requirement: compareWithRequirement(results, users),
    compliance: complianceCondition(cls, results),
    envelope: compareWithEnvelope(cls, results, users),
    notes: cls.notes,
  };
}
