/**
 * The database's own limit on this machine, in the same run as Accord's job engine: `pgbench`'s
 * TPC-B-like script (five statements per transaction: three updates, a select, an insert) with 4
 * clients on 2 threads, against a scratch database on the same PostgreSQL server.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { withDatabaseName } from '../src/testkit/databases';
import type { Measured } from './escalations';

const run = promisify(execFile);

export interface PgbenchOptions {
  /** Scale factor of `pgbench -i` (10: a million accounts). */
  scale: number;
  clients: number;
  threads: number;
  seconds: number;
}

/** `tps = 1234.5 (without initial connection time)` in pgbench's report. */
export function tpsOf(report: string): number | undefined {
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(report);
  return m ? Number(m[1]) : undefined;
}

export async function pgbench(adminUrl: string, o: PgbenchOptions): Promise<{ rows: Measured[]; notes: string[] }> {
  const name = `accord_pgbench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabaseName(adminUrl, name);
  try {
    await run('pgbench', ['-i', '-q', '-s', String(o.scale), url], { maxBuffer: 1 << 24 }).catch((err: unknown) => {
      throw new Error(
        `pgbench could not prepare its tables (is it installed? Debian: postgresql-client): ${String(err)}`,
      );
    });
    const { stdout } = await run(
      'pgbench',
      ['-c', String(o.clients), '-j', String(o.threads), '-T', String(o.seconds), url],
      { maxBuffer: 1 << 24 },
    );
    const tps = tpsOf(stdout);
    if (tps === undefined) throw new Error(`pgbench printed no tps:\n${stdout.slice(-800)}`);
    const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
    return {
      rows: [
        {
          scenario: `pgbench TPC-B (scale ${o.scale}, ${o.clients} clients, ${o.threads} threads, ${o.seconds} s) on the same PostgreSQL: the database's own limit`,
          samples: latency === undefined ? [] : [Number(latency)],
          figures: { 'pgbench.tps': tps },
          extra: `${Math.round(tps)} tps${latency === undefined ? '' : ` (latency average ${latency} ms, shown as p50/p99/max)`}`,
        },
      ],
      notes: [],
    };
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end({ timeout: 2 });
  }
}
