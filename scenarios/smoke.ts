import { defineScenario, models } from 'chatload';

const documented = models.lync2013;
/** 500 connected users instead of 80,000: chat and sign-in rates shrink in proportion. */
const share = 500 / documented.population.concurrentUsers;

export default defineScenario({
  description:
    'Smoke test: a 1,000-user deployment (500 connected) runs every operation — sign-in with ' +
    'bulk join, browse joins, posts, history paging, search, invitations, parts, session ' +
    'refreshes and sign-outs — for about 12 seconds. A healthy machine passes it easily; it ' +
    'proves the whole pipeline works, not how much it carries.',
  model: {
    base: documented,
    overrides: {
      name: 'lync2013 smoke (1,000 users)',
      population: { provisionedUsers: 1_000, concurrentUsers: 500 },
      rates: { peakSigninsPerS: documented.rates.peakSigninsPerS * share },
      roomClasses: {
        small: { chatRatePerS: documented.roomClasses.small.chatRatePerS * share },
        medium: { chatRatePerS: documented.roomClasses.medium.chatRatePerS * share },
        // 16,000-user rooms cannot exist among 500 users: 250 keeps 2 large rooms per user.
        large: {
          usersPerRoom: 250,
          usersWithGroupAccess: 250,
          chatRatePerS: documented.roomClasses.large.chatRatePerS * share,
        },
      },
      directory: { directoryGroups: 200 },
    },
  },
  seed: 42,
  compliance: false,
  history: { preloadDays: 1 },
  options: {
    scenarios: {
      signins: { executor: 'constant-arrival-rate', exec: 'signin', rate: 5, duration: '10s' },
      posts: {
        executor: 'constant-arrival-rate',
        exec: 'post',
        rate: 20,
        duration: '10s',
        startTime: '1s',
      },
      largeRoomPosts: {
        executor: 'constant-arrival-rate',
        exec: 'post',
        roomClass: 'large',
        rate: 2,
        duration: '10s',
        startTime: '1s',
      },
      browse: {
        executor: 'constant-arrival-rate',
        exec: 'join',
        rate: 3,
        duration: '10s',
        startTime: '1s',
      },
      history: {
        executor: 'constant-arrival-rate',
        exec: 'history',
        rate: 3,
        duration: '10s',
        startTime: '1s',
      },
      search: {
        executor: 'constant-arrival-rate',
        exec: 'search',
        rate: 2,
        duration: '10s',
        startTime: '1s',
      },
      invites: {
        executor: 'constant-arrival-rate',
        exec: 'invites',
        rate: 2,
        duration: '10s',
        startTime: '1s',
      },
      parts: {
        executor: 'constant-arrival-rate',
        exec: 'part',
        rate: 2,
        duration: '10s',
        startTime: '2s',
      },
      refresh: {
        executor: 'constant-arrival-rate',
        exec: 'refresh',
        rate: 2,
        duration: '10s',
        startTime: '1s',
      },
      signouts: {
        executor: 'constant-arrival-rate',
        exec: 'signout',
        rate: 2,
        duration: '10s',
        startTime: '2s',
      },
      // A few closed-model clients running the model's mix, so that path is exercised too.
      clients: {
        executor: 'per-vu-iterations',
        vus: 2,
        iterations: 20,
        maxDuration: '10s',
        startTime: '1s',
      },
    },
    thresholds: {
      tx_failed: ['rate<0.01'],
      tx_duration: ['p(95)<2000'],
      'tx_duration{op:post}': ['p(99)<5000'],
    },
  },
});
