import { defineScenario, models } from 'chatload';

export default defineScenario({
  description:
    'The documented user model at 1× with compliance capture on: every post, join and part is ' +
    'also queued for the compliance store (mgccomp), written asynchronously as the real ' +
    'compliance service does behind its message queue. The report shows the queue depth over ' +
    'time: a queue that keeps growing means the compliance store cannot keep up with chat. ' +
    'Point --compliance-target at a second database to size a separate compliance server.',
  model: models.lync2013,
  seed: 2013,
  compliance: true,
  history: { preloadDays: 1 },
  options: {
    scenarios: {
      steady: { executor: 'constant-arrival-rate', exec: 'model', duration: '2m' },
    },
    thresholds: {
      compliance_queue_depth: ['max<10000'],
      'tx_duration{op:compliance}': ['p(95)<1000'],
      'tx_duration{op:post}': ['p(95)<100'],
      tx_failed: ['rate<0.001'],
    },
  },
});
