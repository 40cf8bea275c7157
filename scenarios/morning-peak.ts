import { defineScenario, models } from 'chatload';

const model = models.lync2013;

export default defineScenario({
  description:
    'The morning sign-in storm: nobody is connected at the start, then users sign in at the ' +
    "documented peak join rate (10 a second). Each sign-in is the client's whole sequence: " +
    'INVITE to the chat server, server info, room associations, a bulk join of all 16 of the ' +
    "user's rooms (with the permission checks) and the latest 25 messages of each room, then " +
    'pending invitations. Shows whether the store keeps sign-in and join latency acceptable ' +
    'while everyone arrives at work; --scale multiplies the sign-in rate.',
  model,
  seed: 7,
  compliance: false,
  history: { preloadDays: 1 },
  initiallyOnline: 'none',
  options: {
    scenarios: {
      storm: {
        executor: 'constant-arrival-rate',
        exec: 'signin',
        rate: model.rates.peakSigninsPerS,
        timeUnit: '1s',
        duration: '2m',
      },
    },
    thresholds: {
      'tx_duration{op:signin}': ['p(95)<500'],
      'tx_duration{op:join}': ['p(95)<1000'],
      tx_failed: ['rate<0.001'],
    },
  },
});
