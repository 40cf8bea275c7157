/**
 * How a results file's server is named in the terminal summary and the report: the product as
 * identified, followed by the version and edition only where they say something. For Azure SQL,
 * Babelfish and other TDS servers the reported version is a compatibility number, already shown
 * in the product's name ("reports 12.0"), and the edition an emulated one. Files written before
 * the product was identified (no `family`) read as they always did.
 */
import type { ResultsFile } from '../metrics/results.js';

type Server = Pick<ResultsFile['target'], 'product' | 'productVersion' | 'family'> & {
  edition?: string | null;
};

export function serverText(server: Server): string {
  if (server.family !== undefined && server.family !== 'sqlserver') return server.product;
  const edition = server.edition == null ? '' : `, ${server.edition}`;
  return `${server.product} ${server.productVersion}${edition}`;
}
