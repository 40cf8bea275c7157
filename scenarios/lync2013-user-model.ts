import { defineScenario, models } from 'chatload';

const model = models.lync2013;

export default defineScenario({
  description:
    "Microsoft's published Persistent Chat user model for Lync Server 2013 at 1×: 80,000 " +
    'connected users of 150,000 on 4 chat servers, 33,077 rooms, 24 messages a second, sign-ins ' +
    'at the peak join rate of 10 a second. A 15-second morning ramp of sign-ins, then the ' +
    "model's whole mix (posts per room class, joins, parts, history paging, search, session " +
    'refreshes, sign-ins and sign-outs) at its documented rates, with compliance capture on: ' +
    'the back-end requirement this run is compared with is the model with compliance enabled. ' +
    "mgccomp shares the chat store's database unless --compliance-target names another server. " +
    'Use --scale to find how far beyond the documented load the database goes, and --duration ' +
    'for a longer run.',
  model,
  seed: 2013,
  compliance: true,
  history: { preloadDays: 1 },
  options: {
    scenarios: {
      morning: {
        executor: 'ramping-arrival-rate',
        exec: 'signin',
        startRate: 0,
        timeUnit: '1s',
        stages: [{ target: model.rates.peakSigninsPerS, duration: '15s' }],
      },
      steady: {
        executor: 'constant-arrival-rate',
        exec: 'model',
        duration: '45s',
        startTime: '15s',
      },
    },
    thresholds: {
      'tx_duration{op:post}': ['p(95)<100'],
      'tx_duration{op:join}': ['p(95)<500'],
      tx_failed: [{ threshold: 'rate<0.001', abortOnFail: true, delayAbortEval: '10s' }],
    },
  },
});
