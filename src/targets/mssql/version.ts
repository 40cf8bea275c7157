/**
 * What chatload needs to know about a SQL Server's version (mgc-schema.md §5): the release
 * behind `SERVERPROPERTY('ProductVersion')`, the engine edition, the database compatibility
 * level, and which optional features the server has.
 *
 * Policy: every statement chatload sends is in the 2008 R2 (10.50) subset and runs unchanged on
 * every later version. Only diagnostics and optional extras may branch on the version, and only
 * through {@link FEATURE_GATES}, so the list of version-dependent behaviour stays in one place.
 * The number alone never names the product (identity.ts) nor decides a gate (gating.ts): TDS
 * servers that are not SQL Server report a SQL Server version too.
 */
import { statement, type TsqlStatement } from './tsql.js';

export interface ProductVersion {
  major: number;
  minor: number;
  build: number;
  revision: number;
  text: string;
}

/** `10.50.6000.34` → parts; null when the text is not a dotted version. */
export function parseProductVersion(text: string): ProductVersion | null {
  const m = /^\s*(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (m === null) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    build: Number(m[3]),
    revision: m[4] === undefined ? 0 : Number(m[4]),
    text: text.trim(),
  };
}

const RELEASES: { major: number; minor: number; name: string }[] = [
  { major: 9, minor: 0, name: '2005' },
  { major: 10, minor: 0, name: '2008' },
  { major: 10, minor: 50, name: '2008 R2' },
  { major: 11, minor: 0, name: '2012' },
  { major: 12, minor: 0, name: '2014' },
  { major: 13, minor: 0, name: '2016' },
  { major: 14, minor: 0, name: '2017' },
  { major: 15, minor: 0, name: '2019' },
  { major: 16, minor: 0, name: '2022' },
  { major: 17, minor: 0, name: '2025' },
];

/** `2008 R2`, `2012`...; versions chatload does not know by name say their number. */
export function releaseName(v: Pick<ProductVersion, 'major' | 'minor'>): string {
  const release = RELEASES.find((r) => r.major === v.major && r.minor === v.minor);
  return release?.name ?? `(version ${v.major}.${v.minor})`;
}

export function atLeast(
  v: Pick<ProductVersion, 'major' | 'minor'>,
  major: number,
  minor = 0,
): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** SQL Server 2008 (10.0) is the oldest that has every type and statement chatload uses. */
export const OLDEST_SUPPORTED = { major: 10, minor: 0 } as const;

export function isSupported(v: ProductVersion): boolean {
  return atLeast(v, OLDEST_SUPPORTED.major, OLDEST_SUPPORTED.minor);
}

const ENGINE_EDITIONS: Record<number, string> = {
  1: 'Personal or Desktop Engine',
  2: 'Standard',
  3: 'Enterprise',
  4: 'Express',
  5: 'Azure SQL Database',
  6: 'Azure Synapse Analytics',
  8: 'Azure SQL Managed Instance',
  9: 'Azure SQL Edge',
  11: 'Azure Synapse serverless SQL pool',
};

/** SERVERPROPERTY('EngineEdition') by name; Express caps a database at 10 GB on 2008 R2/2012. */
export function engineEditionName(engineEdition: number): string {
  return ENGINE_EDITIONS[engineEdition] ?? `engine edition ${engineEdition}`;
}

/** Compatibility level → the release whose behaviour it selects (100 = 2008/2008 R2). */
export function compatibilityName(level: number): string {
  const byLevel: Record<number, string> = {
    80: '2000',
    90: '2005',
    100: '2008/2008 R2',
    110: '2012',
    120: '2014',
    130: '2016',
    140: '2017',
    150: '2019',
    160: '2022',
    170: '2025',
  };
  return byLevel[level] ?? `level ${level}`;
}

/**
 * Optional, version-dependent behaviour: what needs which version. Nothing chatload sends on the
 * hot path is here; a new entry is the only way to use anything newer than 2008 R2.
 */
export const FEATURE_GATES = {
  /** sys.dm_os_sys_info.physical_memory_kb (2012); 2008 R2 has physical_memory_in_bytes. */
  physicalMemoryKb: { major: 11, minor: 0 },
} as const;
export type Feature = keyof typeof FEATURE_GATES;

export function supports(v: Pick<ProductVersion, 'major' | 'minor'>, feature: Feature): boolean {
  const gate = FEATURE_GATES[feature];
  return atLeast(v, gate.major, gate.minor);
}

/**
 * One row: @@VERSION (the product's own words), version, level, edition, engine edition,
 * Babelfish's version (NULL on Microsoft's servers: an unknown property name gives NULL on every
 * SQL Server version) and the current database's compatibility level. See identity.ts.
 */
export const VERSION_QUERY: TsqlStatement = statement(
  'serverinfo: version',
  `
SELECT @@VERSION AS banner,
       CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS productVersion,
       CAST(SERVERPROPERTY('ProductLevel') AS nvarchar(128)) AS productLevel,
       CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
       CAST(SERVERPROPERTY('EngineEdition') AS int) AS engineEdition,
       CAST(SERVERPROPERTY('BabelfishVersion') AS nvarchar(128)) AS babelfishVersion,
       (SELECT d.compatibility_level FROM sys.databases AS d WHERE d.name = DB_NAME()) AS compatibilityLevel;
`,
);

/** CPUs and memory (MB) from sys.dm_os_sys_info, whose memory column depends on the version. */
export function sysInfoQuery(v: Pick<ProductVersion, 'major' | 'minor'>): TsqlStatement {
  return supports(v, 'physicalMemoryKb')
    ? statement(
        'serverinfo: sys.dm_os_sys_info (2012+)',
        'SELECT i.cpu_count AS cpus, i.physical_memory_kb / 1024 AS memoryMb FROM sys.dm_os_sys_info AS i;',
      )
    : statement(
        'serverinfo: sys.dm_os_sys_info (2008 R2)',
        'SELECT i.cpu_count AS cpus, i.physical_memory_in_bytes / 1048576 AS memoryMb FROM sys.dm_os_sys_info AS i;',
      );
}

/** Both variants, for the statement checks. */
export function versionStatements(): TsqlStatement[] {
  return [
    VERSION_QUERY,
    sysInfoQuery({ major: 10, minor: 50 }),
    sysInfoQuery({ major: 11, minor: 0 }),
  ];
}
