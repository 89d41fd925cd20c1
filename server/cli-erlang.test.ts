import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { agentCount, erlangLine, erlangReport, fraction, nonNegativeNumber, positiveNumber } from './cli-erlang.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'balcao.js');
// No database is opened by `erlang`; an empty DATABASE_URL keeps a developer's from being read.
const balcao = (...args: string[]) => run(process.execPath, [BIN, 'erlang', ...args], { env: { ...process.env, DATABASE_URL: '' } });

// Each run loads the whole command line (about 2 s of CPU), so the process is started only for
// what needs a process — output and exit codes — and the rest is tested in-process.
describe('balcao erlang (the command)', () => {
  it('prints the published Erlang C figures for 200 an hour, 180 s, 11 agents, 20 s as JSON', async () => {
    const { stdout } = await balcao('--arrivals-per-hour', '200', '--aht', '180', '--agents', '11', '--target', '20', '--json');
    const out = JSON.parse(stdout) as Record<string, number>;
    expect(Object.keys(out).sort()).toEqual(['agents', 'asa_s', 'occupancy', 'p_wait', 'service_level']);
    expect(out.agents).toBe(11);
    expect(out.p_wait).toBeCloseTo(0.6821, 4);
    expect(out.service_level).toBeCloseTo(0.3896, 4);
    expect(out.asa_s).toBeCloseTo(122.78, 2);
    expect(out.occupancy).toBeCloseTo(0.9091, 4);
  });

  it('without --agents prints a readable line with the fewest agents meeting 80% within 20 s', async () => {
    const { stdout } = await balcao('--arrivals-per-hour', '200', '--aht', '180', '--target', '20');
    expect(stdout).toMatch(/^14 agents needed for 80\.0% within 20 s \(10\.00 erlangs, Erlang C\): 17\.4% wait, 88\.8% answered within 20 s, average speed of answer 7\.8 s, occupancy 71\.4%/);
  });

  it('refuses a bad value or a missing option with a clear message and exit code 2', async () => {
    await expect(balcao('--arrivals-per-hour', '200', '--aht', 'abc')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--aht must be a number above 0/) });
    await expect(balcao('--aht', '180')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/required option '--arrivals-per-hour/) });
  });
});

describe('balcao erlang (its report)', () => {
  const base = { arrivalsPerHour: 200, aht: 180, target: 20, serviceLevel: 0.8 };

  it('with patience answers by Erlang A and adds p_abandon', () => {
    const report = erlangReport({ ...base, agents: 11, patience: 300 });
    expect(report.p_wait).toBeCloseTo(0.4598, 4);
    expect(report.p_abandon).toBeCloseTo(0.0699, 4);
    expect(erlangLine(report, { ...base, agents: 11, patience: 300 })).toMatch(/Erlang A, patience 300 s.*7\.0% abandon/);
    expect(erlangReport({ ...base, patience: 300 }).agents).toBe(13);
  });

  it('searching for agents reports the count found and its figures', () => {
    expect(erlangReport(base)).toMatchObject({ agents: 14, service_level: expect.closeTo(0.8884, 4) });
    expect(erlangReport({ ...base, serviceLevel: 0.9 }).agents).toBe(15);
  });

  it('at utilisation 1 says unstable, with a null wait, and JSON has no NaN or Infinity', () => {
    const report = erlangReport({ ...base, agents: 10 });
    expect(JSON.parse(JSON.stringify(report))).toEqual({ agents: 10, p_wait: 1, service_level: 0, asa_s: null, occupancy: 1, unstable: true });
    expect(erlangLine(report, { ...base, agents: 10 })).toMatch(/cannot keep up.*infinite wait/);
  });

  it('parses options strictly, with commander\'s InvalidArgumentError', () => {
    expect(nonNegativeNumber('0', '--arrivals-per-hour')).toBe(0);
    expect(positiveNumber('180', '--aht')).toBe(180);
    expect(agentCount('11', '--agents')).toBe(11);
    expect(fraction('0.8', '--service-level')).toBe(0.8);
    for (const bad of [() => nonNegativeNumber('-1', 'x'), () => nonNegativeNumber('', 'x'), () => positiveNumber('0', 'x'), () => positiveNumber('1e400', 'x'), () => agentCount('2.5', 'x'), () => agentCount('0', 'x'), () => agentCount('1000000', 'x'), () => fraction('80', 'x'), () => fraction('1', 'x'), () => fraction('abc', 'x')]) {
      expect(bad).toThrow(InvalidArgumentError);
    }
  });
});
