/**
 * Turns chatload's SQL Server settings into the driver's pool configuration (node-mssql on
 * tedious). Kept apart from the target so the TLS and protocol choices can be tested without a
 * server.
 */
import type { SecureContextOptions } from 'node:tls';
import type { ConnectionPool, config as MssqlPoolConfig } from 'mssql';
import type { MssqlTargetConfig } from './config.js';

/** Connections of one target when the caller does not say (provisioning, tests). */
export const DEFAULT_POOL_SIZE = 4;

/**
 * TLS settings for `legacyTls`: an unpatched SQL Server 2008 R2 offers only TLS 1.0, which
 * Node 20 refuses twice over: its minimum protocol is TLS 1.2, and OpenSSL 3 allows TLS 1.0/1.1
 * only at security level 0. Both are lowered for this connection alone, never process-wide.
 */
export const LEGACY_TLS: SecureContextOptions = {
  minVersion: 'TLSv1',
  ciphers: 'DEFAULT@SECLEVEL=0',
};

export function toPoolConfig(config: MssqlTargetConfig, poolSize: number): MssqlPoolConfig {
  const usePort = config.port !== null || config.instanceName === null;
  return {
    server: config.host,
    ...(usePort ? { port: config.port ?? 1433 } : {}),
    database: config.database,
    user: config.user,
    password: config.password,
    connectionTimeout: config.connectTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    // All opened up front (see openConnections) and kept: a run's connections are part of its
    // set-up, not of the first transactions' latency, and an idle reaper would make the count
    // reported for the run untrue.
    pool: { min: poolSize, max: poolSize, idleTimeoutMillis: 60_000 },
    // A pooled connection whose socket died (server restart) is dropped on acquire, cheaply.
    validateConnection: 'socket',
    options: {
      encrypt: config.encrypt,
      trustServerCertificate: config.trustServerCertificate,
      tdsVersion: config.tdsVersion,
      appName: config.appName,
      // Ticks are bigint and datetimes UTC: nothing in the store is local time.
      useUTC: true,
      ...(usePort ? {} : { instanceName: config.instanceName as string }),
      ...(config.legacyTls ? { cryptoCredentialsDetails: LEGACY_TLS } : {}),
    },
  };
}

/**
 * Opens the pool's `count` connections now (the driver opens them lazily), by holding that many
 * at once and handing them back.
 */
export async function openConnections(pool: ConnectionPool, count: number): Promise<void> {
  const held = await Promise.allSettled(
    Array.from({ length: count }, () => pool.pool.acquire().promise),
  );
  for (const result of held) {
    if (result.status === 'fulfilled') pool.pool.release(result.value);
  }
  const failed = held.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}
