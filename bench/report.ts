/**
 * Report size and speed for a one-hour run (issue 5 §6): 3,600 per-second points per operation
 * and histograms recorded from simulated samples. Goals: <= 3 s to generate, <= 5 MB on disk.
 * The results file is simulated first (setup, not timed: ~30 s, most of it merging histograms),
 * written, then read back and rendered as `chatload report` does: `generate_ms` includes reading
 * the results file and the chart libraries (a fresh process), `generate_warm_ms` a second report.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResults, writeResults } from '../src/metrics/results-file.js';
import { writeReport } from '../src/report/write-report.js';
import { simulateRun } from './simulated-run.js';

const GOAL_MS = 3_000;
const GOAL_BYTES = 5 * 1024 * 1024;

export async function run(): Promise<Record<string, number | string>> {
  const dir = await mkdtemp(join(tmpdir(), 'chatload-bench-report-'));
  try {
    const simulateStart = performance.now();
    const simulated = simulateRun({
      seed: 3600,
      durationS: 3_600,
      scale: 1,
      compliance: true,
      workers: 1,
    });
    const simulateMs = performance.now() - simulateStart;
    const resultsPath = join(dir, 'hour.json');
    await writeResults(resultsPath, simulated);
    const htmlPath = join(dir, 'hour.html');
    const start = performance.now();
    const results = await readResults(resultsPath);
    await writeReport([results], { out: htmlPath, labels: ['hour.json'] });
    const generateMs = performance.now() - start;
    const warmStart = performance.now();
    await writeReport([results], { out: htmlPath, labels: ['hour.json'] });
    const warmMs = performance.now() - warmStart;
    const bytes = (await stat(htmlPath)).size;
    const points = results.timeseries.t.length;
    return {
      machine: '2 cores (shared)',
      points_per_op: points,
      ops: Object.keys(results.ops).length,
      results_bytes: (await stat(resultsPath)).size,
      generate_ms: Math.round(generateMs),
      generate_warm_ms: Math.round(warmMs),
      goal_ms: GOAL_MS,
      html_bytes: bytes,
      goal_bytes: GOAL_BYTES,
      verdict: generateMs <= GOAL_MS && bytes <= GOAL_BYTES ? 'within goals' : 'OVER GOAL',
      setup_simulate_ms: Math.round(simulateMs),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
