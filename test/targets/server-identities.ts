/**
 * What real servers answered to @@VERSION and SERVERPROPERTY, as recorded in public sources
 * (found with the search tool; quoted, not invented). Where a source recorded only @@VERSION,
 * the SERVERPROPERTY values are the ones that same build reports (its version, level and edition
 * are in the @@VERSION text; Babelfish's come from its serverproperty() source: ProductVersion
 * 12.0.2000.8, ProductLevel "SP<minor>.<patch>" of its own version or "RTM" for x.0, Edition
 * "Standard Edition", EngineEdition 2). `expected` is the name chatload must give each.
 */
import type { ServerFamily } from '../../src/core/vocabulary.js';
import type { VersionRow } from '../../src/targets/mssql/identity.js';

export interface ServerFixture {
  /** Where the text was recorded. */
  source: string;
  row: VersionRow;
  family: ServerFamily;
  product: string;
  edition: string | null;
  /** The sys.dm_os_sys_info memory column the gating must choose. */
  memoryColumn: 'physical_memory_kb' | 'physical_memory_in_bytes';
}

export const SERVERS = {
  sql2008r2: {
    source:
      'a SQL Server 2008 R2 SP3 Standard instance, @@VERSION pasted into a public T-SQL script (comment block)',
    row: {
      banner:
        'Microsoft SQL Server 2008 R2 (SP3) - 10.50.6000.34 (X64) \n\tAug 19 2014 12:21:34 \n\tCopyright (c) Microsoft Corporation\n\tStandard Edition (64-bit) on Windows NT 6.1 <X64> (Build 7601: Service Pack 1)\n',
      productVersion: '10.50.6000.34',
      productLevel: 'SP3',
      edition: 'Standard Edition (64-bit)',
      engineEdition: 2,
      compatibilityLevel: 100,
      babelfishVersion: null,
    },
    family: 'sqlserver',
    product: 'Microsoft SQL Server 2008 R2 SP3 (database compatibility level 100: 2008/2008 R2)',
    edition: 'Standard Edition (64-bit)',
    memoryColumn: 'physical_memory_in_bytes',
  },
  sql2012: {
    source:
      'a SQL Server 2012 SP4 instance, @@VERSION as quoted (on one line) in a conversion error message in a public write-up',
    row: {
      banner:
        'Microsoft SQL Server 2012 (SP4) (KB4018073) - 11.0.7001.0 (X64) Aug 15 2017 10:23:29 Copyright (c) Microsoft Corporation Standard Edition (64-bit) on Windows NT 6.3 (Build 17763: ) (Hypervisor) ',
      productVersion: '11.0.7001.0',
      productLevel: 'SP4',
      edition: 'Standard Edition (64-bit)',
      engineEdition: 2,
      compatibilityLevel: 110,
      babelfishVersion: null,
    },
    family: 'sqlserver',
    product: 'Microsoft SQL Server 2012 SP4 (database compatibility level 110: 2012)',
    edition: 'Standard Edition (64-bit)',
    memoryColumn: 'physical_memory_kb',
  },
  sql2019: {
    source:
      'the error log of a SQL Server 2019 CU15 Developer container on Linux (public repository)',
    row: {
      banner:
        'Microsoft SQL Server 2019 (RTM-CU15) (KB5008996) - 15.0.4198.2 (X64) \n\tJan 12 2022 22:30:08 \n\tCopyright (C) 2019 Microsoft Corporation\n\tDeveloper Edition (64-bit) on Linux (Ubuntu 20.04.3 LTS) <X64>',
      productVersion: '15.0.4198.2',
      productLevel: 'RTM',
      edition: 'Developer Edition (64-bit)',
      engineEdition: 3,
      compatibilityLevel: 150,
      babelfishVersion: null,
    },
    family: 'sqlserver',
    product: 'Microsoft SQL Server 2019 CU15 (database compatibility level 150: 2019)',
    edition: 'Developer Edition (64-bit)',
    memoryColumn: 'physical_memory_kb',
  },
  azureSqlDatabase: {
    source:
      "Microsoft's SAP BusinessObjects on Azure deployment guide (select @@version against Azure SQL Database)",
    row: {
      banner:
        'Microsoft SQL Azure (RTM) - 12.0.2000.8 \n\tFeb 20 2021 17:51:58 \n\tCopyright (C) 2019 Microsoft Corporation\n',
      productVersion: '12.0.2000.8',
      productLevel: 'RTM',
      edition: 'SQL Azure',
      engineEdition: 5,
      compatibilityLevel: 150,
      babelfishVersion: null,
    },
    family: 'azure-sql',
    product: 'Azure SQL Database (reports 12.0; database compatibility level 150: 2019)',
    edition: null,
    memoryColumn: 'physical_memory_kb',
  },
  azureManagedInstance: {
    source:
      "Microsoft's Azure SQL Managed Instance documentation, 'Programmatically identify a managed instance' (@@VERSION, Edition 'SQL Azure', EngineEdition 8)",
    row: {
      banner:
        'Microsoft SQL Azure (RTM) - 12.0.2000.8 2018-03-07 Copyright (C) 2018 Microsoft Corporation.',
      productVersion: '12.0.2000.8',
      productLevel: 'RTM',
      edition: 'SQL Azure',
      engineEdition: 8,
      compatibilityLevel: 150,
      babelfishVersion: null,
    },
    family: 'azure-sql',
    product: 'Azure SQL Managed Instance (reports 12.0; database compatibility level 150: 2019)',
    edition: null,
    memoryColumn: 'physical_memory_kb',
  },
  babelfishAurora: {
    source:
      'awsdocs/amazon-aurora-user-guide doc_source/babelfish-information-identify-version.md (@@VERSION and SERVERPROPERTY(BabelfishVersion) = 3.1.0)',
    row: {
      banner:
        'Babelfish for Aurora PostgreSQL with SQL Server Compatibility - 12.0.2000.8\nMar 23 2023 07:55:24\nCopyright (c) Amazon Web Services\nPostgreSQL 15.2 on aarch64-unknown-linux-gnu (Babelfish 3.1.0)',
      productVersion: '12.0.2000.8',
      productLevel: 'SP1.0',
      edition: 'Standard Edition',
      engineEdition: 2,
      compatibilityLevel: 120,
      babelfishVersion: '3.1.0',
    },
    family: 'babelfish',
    product: 'Babelfish for Aurora PostgreSQL 3.1.0 on PostgreSQL 15.2 (TDS, reports 12.0)',
    edition: null,
    memoryColumn: 'physical_memory_kb',
  },
  babelfishWiltonDb: {
    source:
      'pgsty/pgext stub/babelfishpg_tds.md (WiltonDB 3.3, go-sqlcmd `select @@version`; BabelfishVersion not recorded, so @@VERSION alone)',
    row: {
      banner:
        'Babelfish for PostgreSQL with SQL Server Compatibility - 12.0.2000.8\nOct 22 2023 17:48:32\nCopyright (c) Amazon Web Services\nPostgreSQL 15.4 (EL 1:15.4.wiltondb3.3_2-2.el8) on x86_64-redhat-linux-gnu (Babelfish 3.3.0)',
      productVersion: '12.0.2000.8',
      productLevel: 'SP3.0',
      edition: 'Standard Edition',
      engineEdition: 2,
      compatibilityLevel: 120,
      babelfishVersion: null,
    },
    family: 'babelfish',
    product: 'Babelfish for PostgreSQL 3.3.0 on PostgreSQL 15.4 (TDS, reports 12.0)',
    edition: null,
    memoryColumn: 'physical_memory_kb',
  },
  babelfish1: {
    source:
      'babelfishpg.org/docs/faq (Babelfish 1.0.0: @@VERSION without the Babelfish version, SERVERPROPERTY(BabelfishVersion) = 1.0.0)',
    row: {
      banner:
        'Babelfish for PostgreSQL with SQL Server Compatibility - 12.0.2000.8\nOct 19 2021 13:21:04\nCopyright (c) Amazon Web Services\nPostgreSQL 13.4 on x86_64-pc-linux-gnu',
      productVersion: '12.0.2000.8',
      productLevel: 'RTM',
      edition: 'Standard Edition',
      engineEdition: 2,
      compatibilityLevel: 120,
      babelfishVersion: '1.0.0',
    },
    family: 'babelfish',
    product: 'Babelfish for PostgreSQL 1.0.0 on PostgreSQL 13.4 (TDS, reports 12.0)',
    edition: null,
    memoryColumn: 'physical_memory_kb',
  },
} as const satisfies Record<string, ServerFixture>;
