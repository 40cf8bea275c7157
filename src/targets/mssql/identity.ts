/**
 * Which product answers on a SQL Server (TDS) target, from what it says about itself: @@VERSION
 * and SERVERPROPERTY, never the version number alone. TDS-compatible servers copy a SQL Server
 * version (Babelfish for PostgreSQL reports 12.0.2000.8 and an emulated "Standard Edition"; its
 * ProductLevel "SP2.0" is its own minor version), and Azure SQL reports 12.0 on every engine
 * it runs, so a name made from the number would be wrong for both.
 *
 * Evidence, strongest first: SERVERPROPERTY('BabelfishVersion') (NULL on Microsoft's servers,
 * and unlike @@VERSION not configurable on Babelfish), EngineEdition 5/6/8/9/11 (Azure), and the
 * first words of @@VERSION.
 */
import type { ServerFamily } from '../../core/vocabulary.js';
import {
  compatibilityName,
  engineEditionName,
  parseProductVersion,
  releaseName,
  type ProductVersion,
} from './version.js';

/** The row VERSION_QUERY returns (every column may be NULL; Babelfish answers '' for unknowns). */
export interface VersionRow {
  banner: string | null;
  productVersion: string | null;
  productLevel: string | null;
  edition: string | null;
  engineEdition: number | null;
  compatibilityLevel: number | null;
  babelfishVersion: string | null;
}

export interface ServerIdentity {
  family: ServerFamily;
  /** The product by name, e.g. `Babelfish for PostgreSQL 3.3.0 on PostgreSQL 15.4 (TDS, reports 12.0)`. */
  product: string;
  /** The edition, for products that have editions of their own; null for an emulated one. */
  edition: string | null;
  /** The first line of @@VERSION, verbatim; null when the server gave none. */
  banner: string | null;
  /** SERVERPROPERTY('ProductVersion') as reported (for Babelfish and Azure not a release). */
  productVersion: string | null;
  /** The same, parsed; null when absent or not a dotted version. */
  version: ProductVersion | null;
}

const AZURE_ENGINE_EDITIONS = new Set([5, 6, 8, 9, 11]);

/** Text or null: '' (Babelfish's answer for a property it lacks) and blanks count as missing. */
function present(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}

function firstLine(text: string | null): string | null {
  const line = text?.split(/\r?\n/)[0]?.trim() ?? '';
  return line === '' ? null : line;
}

function reports(version: ProductVersion | null): string {
  return version === null ? 'version unknown' : `reports ${version.major}.${version.minor}`;
}

function compatibility(level: number | null): string {
  return level === null ? '' : `database compatibility level ${level}: ${compatibilityName(level)}`;
}

function babelfish(row: VersionRow, version: ProductVersion | null): string {
  const banner = row.banner ?? '';
  const flavour = /^Babelfish for Aurora/i.test(banner)
    ? 'Babelfish for Aurora PostgreSQL'
    : 'Babelfish for PostgreSQL';
  const release =
    present(row.babelfishVersion) ?? /\(Babelfish (\d+(?:\.\d+)*)\)/.exec(banner)?.[1] ?? null;
  const postgres = /\bPostgreSQL (\d+(?:\.\d+)+)/.exec(banner)?.[1] ?? null;
  return (
    flavour +
    (release === null ? '' : ` ${release}`) +
    (postgres === null ? '' : ` on PostgreSQL ${postgres}`) +
    ` (TDS, ${reports(version)})`
  );
}

/** `SP3`, `CU15` (from `RTM-CU15`), `SP3-GDR`; null for RTM. @@VERSION carries the update. */
function updateLevel(row: VersionRow): string | null {
  const fromBanner = /^Microsoft SQL Server \d{4}(?: R2)? \(([^)]+)\)/.exec(row.banner ?? '')?.[1];
  const level = (fromBanner ?? present(row.productLevel) ?? '').replace(/^RTM-?/i, '');
  return level === '' ? null : level;
}

function microsoft(row: VersionRow, version: ProductVersion | null): string {
  const release = version === null ? '' : ` ${releaseName(version)}`;
  const level = updateLevel(row);
  const compat = compatibility(row.compatibilityLevel);
  return `Microsoft SQL Server${release}${level === null ? '' : ` ${level}`}${compat === '' ? '' : ` (${compat})`}`;
}

function azure(row: VersionRow, version: ProductVersion | null): string {
  const name =
    row.engineEdition !== null && AZURE_ENGINE_EDITIONS.has(row.engineEdition)
      ? engineEditionName(row.engineEdition)
      : 'Azure SQL';
  const compat = compatibility(row.compatibilityLevel);
  return `${name} (${reports(version)}${compat === '' ? '' : `; ${compat}`})`;
}

function familyOf(row: VersionRow): ServerFamily {
  const banner = row.banner ?? '';
  if (present(row.babelfishVersion) !== null || /^Babelfish\b/i.test(banner)) return 'babelfish';
  if (
    (row.engineEdition !== null && AZURE_ENGINE_EDITIONS.has(row.engineEdition)) ||
    /^Microsoft (SQL Azure|Azure SQL)\b/i.test(banner)
  ) {
    return 'azure-sql';
  }
  if (/^Microsoft SQL Server\b/i.test(banner)) return 'sqlserver';
  return 'tds';
}

export function identifyServer(row: VersionRow): ServerIdentity {
  const productVersion = present(row.productVersion);
  const version = productVersion === null ? null : parseProductVersion(productVersion);
  const family = familyOf(row);
  const banner = firstLine(row.banner);
  const facts = { family, banner, productVersion, version };
  switch (family) {
    case 'sqlserver': {
      const edition =
        present(row.edition) ??
        (row.engineEdition === null ? null : engineEditionName(row.engineEdition));
      return { ...facts, product: microsoft(row, version), edition };
    }
    case 'azure-sql':
      return { ...facts, product: azure(row, version), edition: null };
    case 'babelfish':
      return { ...facts, product: babelfish(row, version), edition: null };
    case 'tds': {
      const product = `${banner ?? 'an unidentified server'} (TDS, ${reports(version)})`;
      return { ...facts, product, edition: null };
    }
  }
}
