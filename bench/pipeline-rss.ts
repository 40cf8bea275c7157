/**
 * Memory over a long run at a constant high rate (issue 4 §6, goal: RSS grows <= 50 MB over
 * 5 minutes; nothing may store per-sample data). The documented model's mix at 200× (≈76,000
 * transactions/s) on `null:`; RSS is sampled every second from the run's progress events and the
 * growth is measured from the end of the first minute (pools, JIT and histograms warmed up) to
 * the end. CHATLOAD_BENCH_RSS_MINUTES shortens the run for a quick look.
 */
import { completedTransactions, modelAt, runScenario } from './pipeline-scenario.js';

const GOAL_GROWTH_MB = 50;
const MULTIPLE = 200;

export async function run(): Promise<Record<string, number | string>> {
  const minutes = Number(process.env['CHATLOAD_BENCH_RSS_MINUTES'] ?? 5);
  const warmupS = Math.min(60, (minutes * 60) / 5);
  const samples: { t: number; rss: number }[] = [];
  const outcome = await runScenario(
    modelAt(MULTIPLE, `${minutes * 60}s`),
    { target: 'null:', workers: 2 },
    (event) => {
      if (event.kind === 'progress') {
        samples.push({ t: event.elapsedMs / 1000, rss: process.memoryUsage().rss });
      }
    },
  );
  const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
  const afterWarmup = samples.find((s) => s.t >= warmupS) ?? samples[0];
  const last = samples[samples.length - 1];
  if (afterWarmup === undefined || last === undefined) throw new Error('no progress samples');
  const peak = Math.max(...samples.map((s) => s.rss));
  const growth = last.rss - afterWarmup.rss;
  return {
    minutes,
    offeredMultiple: MULTIPLE,
    completedTransactions: completedTransactions(outcome),
    txPerS: Math.round(completedTransactions(outcome) / outcome.results.run.durationS),
    rssAfterWarmupMb: mb(afterWarmup.rss),
    rssEndMb: mb(last.rss),
    rssPeakMb: mb(peak),
    growthMb: mb(growth),
    goalGrowthMb: GOAL_GROWTH_MB,
    goalMet: mb(growth) <= GOAL_GROWTH_MB ? 'yes' : 'no',
  };
}
