import { formatNumber } from '../core/format.js';
import { row, type TableContext } from './plan-row.js';
import type { Basis, PlanTable } from './plan-types.js';
import { publishedMessagesPerDayCheck } from './published-lync2013.js';
import { ROOM_CLASSES } from '../core/vocabulary.js';

/** The rate tables: chat-rate models, sign-in and presence activity, workload, store growth. */

export function chatTable({ model, capacity, input }: TableContext): PlanTable {
  const chat = capacity.chat;
  const day = `${model.rates.workdayHours}-hour day`;
  return {
    id: 'chat',
    title: 'Chat rates',
    layout: 'perClass',
    rows: [
      row(
        'chat.perfModel',
        'performance model: messages/s',
        input,
        chat.perfModelPerS,
        2,
        'perSecond',
      ),
      row(
        'chat.model1PerRoomPerDay',
        'model 1: messages per room per day',
        input,
        chat.model1.perRoomPerDay,
      ),
      row(
        'chat.model1PerS',
        `model 1: messages/s, all rooms (${day})`,
        'derived',
        chat.model1.perS,
        2,
        'perSecond',
      ),
      row(
        'chat.model2PerUserPerDay',
        'model 2: messages per user per day',
        input,
        chat.model2.perUserPerDay,
        1,
      ),
      row(
        'chat.model2PerRoomPerDay',
        'model 2: messages per room per day',
        'derived',
        chat.model2.perRoomPerDay,
      ),
      row(
        'chat.model2PerS',
        `model 2: messages/s, all rooms (${day})`,
        'derived',
        chat.model2.perS,
        2,
        'perSecond',
      ),
    ],
  };
}

export function activityTable({ model, capacity, input }: TableContext): PlanTable {
  const a = capacity.activity;
  return {
    id: 'activity',
    title: 'Sign-in, joins and presence',
    layout: 'single',
    rows: [
      row(
        'activity.peakSignins',
        'peak sign-ins/s (the "peak join rate")',
        input,
        a.peakSigninsPerS,
        2,
        'perSecond',
      ),
      row('activity.roomsPerSignin', 'rooms joined at each sign-in', 'derived', a.roomsPerSignin),
      row(
        'activity.peakRoomJoins',
        'room joins/s at peak',
        'derived',
        a.peakRoomJoinsPerS,
        1,
        'perSecond',
      ),
      row(
        'activity.roomsJoinedPerUser',
        'rooms joined per user',
        input,
        model.rates.roomsJoinedPerUser,
      ),
      row(
        'activity.historyPerJoin',
        'history messages a client asks for per join',
        input,
        a.historyMessagesPerJoin,
      ),
      row(
        'activity.peakHistoryMessages',
        'history messages read/s at peak',
        'derived',
        a.peakHistoryMessagesPerS,
        0,
        'perSecond',
      ),
      row(
        'activity.visibleRoomsPerUser',
        'visible rooms per user',
        input,
        model.rates.visibleRoomsPerUser,
        2,
      ),
      row(
        'activity.pollingPerS',
        'participants polled/s (presence polling)',
        'derived',
        a.pollingPerS,
        0,
        'perSecond',
      ),
      row(
        'activity.presenceChangesPerS',
        'presence changes/s',
        'derived',
        a.presenceChangesPerS,
        2,
        'perSecond',
      ),
    ],
  };
}

/**
 * The actions chatload's workload generates per second at 1× (rates.ts `actionRates`), each
 * labelled with where its rate comes from.
 */
export function workloadTable({ capacity, input }: TableContext): PlanTable {
  const actions = capacity.actions;
  const perS = (id: string, label: string, basis: Basis, value: number) =>
    row(`workload.${id}`, label, basis, value, 2, 'perSecond');
  const posts = ROOM_CLASSES.map((c) =>
    perS(`post.${c}`, `post, ${c} rooms`, input, actions.post[c]),
  );
  const total =
    actions.signin +
    actions.signout +
    ROOM_CLASSES.reduce((sum, c) => sum + actions.post[c], 0) +
    actions.browseJoin +
    actions.part +
    actions.history +
    actions.search +
    actions.refresh;
  return {
    id: 'workload',
    title: "chatload's workload at 1× (actions/s)",
    layout: 'single',
    rows: [
      perS('signin', 'signin (at the peak join rate)', input, actions.signin),
      perS('signout', 'signout (balances sign-ins)', 'derived', actions.signout),
      ...posts,
      perS('join', 'join (rooms browsed beyond the followed ones)', 'derived', actions.browseJoin),
      perS('part', 'part (balances browse joins)', 'derived', actions.part),
      perS('history', 'history (paging back)', 'assumption', actions.history),
      perS('search', 'search', 'assumption', actions.search),
      perS('refresh', 'refresh (SIP UPDATE session refresh)', 'assumption', actions.refresh),
      perS('total', 'all actions', 'derived', total),
    ],
  };
}

export function growthTable({ model, capacity, published }: TableContext): PlanTable {
  const g = capacity.growth;
  const rowBytes = model.assumptions.averageChatRowBytes;
  return {
    id: 'growth',
    title: 'Store growth (chat history at the performance model rate)',
    layout: 'single',
    rows: [
      row(
        'growth.messagesPerDay',
        `messages per day (chat rate × ${model.rates.workdayHours}-hour day)`,
        'derived',
        g.messagesPerDay,
      ),
      ...(published
        ? [
            row(
              'growth.messagesPerDayPublishedCheck',
              'published arithmetic: 24/s × 28,800 s',
              'published',
              publishedMessagesPerDayCheck(),
            ),
          ]
        : []),
      row(
        'growth.messagesPerYear',
        `messages per year (${model.rates.workdaysPerYear} working days)`,
        'derived',
        g.messagesPerYear,
      ),
      row(
        'growth.bytesPerDay',
        `bytes per day (${formatNumber(rowBytes)} B a row)`,
        'estimate',
        g.bytesPerDay,
        0,
        'bytes',
      ),
      row('growth.bytesPerYear', 'bytes per year', 'estimate', g.bytesPerYear, 0, 'bytes'),
    ],
  };
}
