/**
 * Turns chatload's SQL Server settings into the driver's pool configuration (node-mssql on
 * tedious). Kept apart from the target so the TLS and protocol choices can be tested without a
 * server.
 */
import type { SecureContextOptions } from 'node:tls';
import type { config as MssqlPoolConfig } from 'mssql';
import type { MssqlTargetConfig } from './config.js';

/** Connections per worker when neither the target text nor the caller says. */
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

export function poolSizeOf(config: MssqlTargetConfig, requested: number | undefined): number {
  return config.poolSize ?? requested ?? DEFAULT_POOL_SIZE;
}

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
    pool: { min: 0, max: poolSize, idleTimeoutMillis: 60_000 },
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
