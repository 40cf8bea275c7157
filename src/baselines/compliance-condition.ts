/**
 * A class whose documented requirement holds with compliance capture on (the Lync Server 2013
 * back-end class: "80,000 users with compliance enabled"): whether a run meets that condition,
 * and the sentence a report or summary shows about it.
 */
import type { ResultsFile } from '../metrics/results.js';
import type { BaselineClass } from './types.js';

export interface ComplianceCondition {
  /** Compliance was on in the run. */
  enabled: boolean;
  /** Where mgccomp was: with mgc, or in its own database (`--compliance-target`). */
  where: 'same database' | 'separate database' | null;
  /** One sentence for the reader. */
  statement: string;
}

/** Null when the class's requirement has no compliance condition. */
export function complianceCondition(
  cls: BaselineClass,
  results: ResultsFile,
): ComplianceCondition | null {
  if (!cls.requiresCompliance) return null;
  if (!results.scenario.compliance) {
    return {
      enabled: false,
      where: null,
      statement:
        'This run had compliance off, but this requirement is for the model with compliance ' +
        `enabled (${cls.title}): the run does not show it. Turn ` +
        'compliance on in the scenario (compliance: true; --compliance-target puts mgccomp on ' +
        'another server).',
    };
  }
  const separate = results.target.compliance;
  const place =
    separate === null ? 'the same database as mgc' : `its own database, ${separate.description}`;
  return {
    enabled: true,
    where: separate === null ? 'same database' : 'separate database',
    statement:
      'Compliance was on, as this requirement needs (it is for the model with compliance ' +
      `enabled: ${cls.title}); mgccomp was in ${place}.`,
  };
}
