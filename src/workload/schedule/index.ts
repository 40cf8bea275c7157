/** Executors and arrival schedules on simulated time: what the pool drives. */
export { buildSchedule, type Schedule } from './build.js';
export { ArrivalSchedule, type ArrivalSink, type ArrivalStreamInfo } from './arrivals.js';
export type { Iteration, VuPlan } from './vu-plan.js';
