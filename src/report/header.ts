/**
 * The top of the report: what ran, where, for how long, in what state, and the verdict. The
 * server is named as identified, with the version gating's conclusion; facts the server would
 * not tell (no VIEW SERVER STATE, no sys.dm_os_sys_info) are shown as unknown with the reason.
 */
import type { ResultsFile } from '../metrics/results.js';
import { formatCount, formatSeconds } from '../core/format.js';
import { definitionList, table, text } from './html-elements.js';
import { connectionsText, unavailableText } from './run-conditions.js';
import type { RunInput } from './run-input.js';
import { serverText } from './server-text.js';
import type { Verdict } from './verdict.js';

function unknownReason(results: ResultsFile, fact: string): string {
  const entry = results.target.unknown.find((u) => u.fact.toLowerCase().includes(fact));
  return entry === undefined ? 'unknown' : `unknown (${entry.reason})`;
}

export function cpusText(results: ResultsFile): string {
  const cpus = results.target.cpus;
  return cpus === null ? unknownReason(results, 'cpu') : `${cpus} logical CPUs`;
}

export function memoryText(results: ResultsFile): string {
  const mb = results.target.memoryMb;
  if (mb === null) return unknownReason(results, 'memory');
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb} MB`;
}

/** A loud banner when the figures cover only part of a run. */
export function statusBanner(results: ResultsFile): string {
  if (results.run.status === 'completed' && !results.run.interrupted) return '';
  const what =
    results.run.status === 'aborted'
      ? 'ABORTED: a threshold with abortOnFail stopped the run'
      : 'INTERRUPTED: the run was stopped before its end';
  return `<div class="banner" role="alert"><strong>${text(what)}.</strong> These are partial results covering ${text(formatSeconds(results.run.durationS))}; do not read them as the scenario's full figures.</div>`;
}

/** The facts of one run as label/value pairs (values are HTML). */
export function runFacts(results: ResultsFile): [string, string][] {
  const s = results.scenario;
  const r = results.run;
  const t = results.target;
  const facts: [string, string][] = [
    ['scenario', `${text(s.name)} <span class="muted">(${text(s.file)})</span>`],
    ['description', text(s.description)],
    ['seed', text(String(s.seed))],
    ['scale', text(`${s.scale}× the model's rates`)],
    [
      'model',
      text(
        `${s.model.name}: ${formatCount(s.model.concurrentUsers)} concurrent of ${formatCount(s.model.provisionedUsers)} provisioned users, ${formatCount(s.model.rooms)} rooms`,
      ),
    ],
    ['duration', text(formatSeconds(r.durationS))],
    ['started', text(r.startedAt)],
    [
      'status',
      r.status === 'completed' && !r.interrupted
        ? 'completed'
        : `<strong class="fail">${text(r.status)}</strong>`,
    ],
    ['workers', text(String(r.workers))],
  ];
  const connections = connectionsText(r);
  if (connections !== null) facts.push(['connections', text(connections)]);
  const unavailable = unavailableText(r);
  if (unavailable !== null) {
    facts.push(['target unavailable', `<strong class="fail">${text(unavailable)}</strong>`]);
  }
  if (r.segment !== null) facts.push(['segment', text(r.segment)]);
  facts.push(['target', text(`${t.kind}: ${t.description}`)], ['product', text(serverText(t))]);
  if (t.banner !== undefined) facts.push(['@@VERSION', text(t.banner)]);
  if (t.gating !== undefined) facts.push(['version gating', text(t.gating)]);
  facts.push(
    ['server CPUs', text(cpusText(results))],
    ['server memory', text(memoryText(results))],
  );
  if (t.compliance !== null) {
    facts.push([
      'compliance store',
      text(`${t.compliance.kind}: ${t.compliance.description} (${serverText(t.compliance)})`),
    ]);
  }
  facts.push(
    ['compliance', s.compliance ? 'enabled' : 'disabled'],
    ['dropped', text(formatCount(results.dropped))],
    ['retries', text(formatCount(results.retries))],
    ['tool', text(`${results.tool.name} ${results.tool.version}`)],
  );
  return facts;
}

export function verdictBox(verdict: Verdict): string {
  const lines = verdict.lines
    .map((line) => `<li class="${line.outcome}">${text(line.text)}</li>`)
    .join('');
  return `<div class="verdict verdict-${verdict.overall.toLowerCase()}"><p class="overall">Verdict: <strong>${verdict.overall}</strong></p><ul>${lines}</ul></div>`;
}

export function singleRunHeader(run: RunInput, verdict: Verdict): string {
  const notes = run.results.notes ?? [];
  const noteList =
    notes.length === 0
      ? ''
      : `<ul class="notes">${notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>`;
  return [
    `<h1>chatload report: ${text(run.results.scenario.name)}</h1>`,
    statusBanner(run.results),
    verdictBox(verdict),
    definitionList(runFacts(run.results)),
    noteList,
  ].join('\n');
}

/** Several runs: one column of facts per run, a banner per incomplete run. */
export function severalRunsHeader(runs: readonly RunInput[]): string {
  const facts = runs.map((run) => runFacts(run.results));
  // The union of every run's fact labels, in first-seen order (only some runs are segments).
  const labels = [...new Set(facts.flatMap((f) => f.map(([label]) => label)))];
  const rows = labels.map((label) => ({
    cells: [text(label), ...facts.map((f) => f.find(([l]) => l === label)?.[1] ?? '–')],
  }));
  const banners = runs
    .map((run) => {
      const banner = statusBanner(run.results);
      return banner === '' ? '' : banner.replace('<strong>', `<strong>${text(run.label)}: `);
    })
    .join('\n');
  return [
    `<h1>chatload comparison of ${runs.length} runs</h1>`,
    banners,
    table([{ title: '' }, ...runs.map((run) => ({ title: run.label }))], rows),
  ].join('\n');
}
