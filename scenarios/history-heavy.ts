import { defineScenario, models } from 'chatload';

const documented = models.lync2013;
/**
 * 1,000 connected users (1,875 provisioned, the documented 80:150 ratio): the store's year of
 * history at this size is about 2.2 million messages, which provisions in seconds.
 */
const share = 1_000 / documented.population.concurrentUsers;

export default defineScenario({
  description:
    'Paging back through a year of chat history: a deployment of 1,875 users (1,000 connected) ' +
    "whose store already holds 250 working days of messages at the model's chat rates " +
    "(about 2.2 million). On top of the model's normal mix, clients page back through older " +
    'history 50 times a second and browse-join rooms (loading recent history) 5 times a ' +
    'second. Shows whether history reads stay fast once the chat table holds a year of data.',
  model: {
    base: documented,
    overrides: {
      name: 'lync2013 history (1,875 users)',
      population: { provisionedUsers: 1_875, concurrentUsers: 1_000 },
      // Sign-ins and chat shrink with the population; history paging is per user already.
      rates: { peakSigninsPerS: documented.rates.peakSigninsPerS * share },
      roomClasses: {
        small: { chatRatePerS: documented.roomClasses.small.chatRatePerS * share },
        medium: { chatRatePerS: documented.roomClasses.medium.chatRatePerS * share },
        // 16,000-user rooms cannot exist among 1,000 users: 500 keeps 2 large rooms per user.
        large: {
          usersPerRoom: 500,
          usersWithGroupAccess: 500,
          chatRatePerS: documented.roomClasses.large.chatRatePerS * share,
        },
      },
      directory: { directoryGroups: 300 },
    },
  },
  seed: 250,
  compliance: false,
  history: { preloadDays: documented.rates.workdaysPerYear },
  options: {
    scenarios: {
      background: { executor: 'constant-arrival-rate', exec: 'model', duration: '2m' },
      paging: {
        executor: 'constant-arrival-rate',
        exec: 'history',
        rate: 50,
        timeUnit: '1s',
        duration: '2m',
      },
      joins: {
        executor: 'constant-arrival-rate',
        exec: 'join',
        rate: 5,
        timeUnit: '1s',
        duration: '2m',
      },
    },
    thresholds: {
      'tx_duration{op:history}': ['p(95)<500'],
      'tx_duration{op:join}': ['p(95)<1000'],
      tx_failed: ['rate<0.001'],
    },
  },
});
