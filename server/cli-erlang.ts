/**
 * `balcao erlang`: the planner's queueing maths for one service hour, for scripts and for checking
 * against published Erlang tables. Call-centre words on the command line (agents, AHT), because
 * that is how the tables are written; counters in the code.
 */
import { InvalidArgumentError } from 'commander';
import { erlangA, erlangC, fewestCounters, MAX_COUNTERS, type QueueResult } from '../core/planner/erlang.ts';

export interface ErlangOptions {
  arrivalsPerHour: number;
  aht: number;
  agents?: number;
  target: number;
  patience?: number;
  serviceLevel: number;
}

export interface ErlangReport {
  agents: number;
  p_wait: number;
  service_level: number;
  /** Null when the queue is unstable (Erlang C at utilisation ≥ 1). */
  asa_s: number | null;
  occupancy: number;
  p_abandon?: number;
  unstable?: true;
}

function parseNumber(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

export function nonNegativeNumber(value: string, name: string): number {
  const n = parseNumber(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number of 0 or more`);
  return n;
}

export function positiveNumber(value: string, name: string): number {
  const n = parseNumber(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number above 0`);
  return n;
}

export function agentCount(value: string, name: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_COUNTERS) throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${MAX_COUNTERS}`);
  return n;
}

export function fraction(value: string, name: string): number {
  const n = parseNumber(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError(`${name} must be a fraction between 0 and 1 (0.8 for 80%)`);
  return n;
}

export function erlangReport(opts: ErlangOptions): ErlangReport {
  const load = { arrivalsPerHour: opts.arrivalsPerHour, meanHandlingSeconds: opts.aht };
  let result: QueueResult;
  if (opts.agents === undefined) {
    const target = { kind: 'service-level', level: opts.serviceLevel, withinSeconds: opts.target } as const;
    result = fewestCounters({ ...load, patienceSeconds: opts.patience }, target).outlook;
  } else if (opts.patience !== undefined) {
    result = erlangA({ ...load, patienceSeconds: opts.patience }, opts.agents, opts.target);
  } else {
    result = erlangC(load, opts.agents, opts.target);
  }
  return {
    agents: result.counters,
    p_wait: result.pWait,
    service_level: result.serviceLevel,
    asa_s: result.asaSeconds,
    occupancy: result.occupancy,
    ...(opts.patience !== undefined ? { p_abandon: result.pAbandon } : {}),
    ...(result.stable ? {} : { unstable: true as const }),
  };
}

export function erlangLine(report: ErlangReport, opts: ErlangOptions): string {
  const load = ((opts.arrivalsPerHour / 3600) * opts.aht).toFixed(2);
  const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
  if (report.unstable) {
    return `${report.agents} agents cannot keep up with ${load} erlangs: the queue grows without limit (infinite wait). Add agents, or give --patience for Erlang A.`;
  }
  const who = opts.agents === undefined ? `${report.agents} agents needed for ${pct(opts.serviceLevel)} within ${opts.target} s` : `${report.agents} agents`;
  const abandon = report.p_abandon === undefined ? '' : `, ${pct(report.p_abandon)} abandon`;
  const asa = report.asa_s === null ? 'nobody answered' : `average speed of answer ${report.asa_s.toFixed(1)} s`;
  return `${who} (${load} erlangs${opts.patience === undefined ? ', Erlang C' : `, Erlang A, patience ${opts.patience} s`}): ${pct(report.p_wait)} wait, ${pct(report.service_level)} answered within ${opts.target} s${abandon}, ${asa}, occupancy ${pct(report.occupancy)}`;
}
