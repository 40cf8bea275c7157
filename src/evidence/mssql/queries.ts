/**
 * The T-SQL the evidence sampler sends: the views and columns of sqlserver-evidence.md, all
 * present on SQL Server 2008 R2 and 2012 (the T-SQL syntax test checks these texts with
 * chatload's other statements). Every view needs VIEW SERVER STATE; the sampler reports a view it
 * may not read as unknown with the reason.
 *
 * Nothing is filtered by name that the samples' readers must interpret (benign waits, counter
 * types): those rules live in TypeScript, as data with tests.
 */
import { p, statement, type TsqlStatement } from '../../targets/mssql/tsql.js';
import { COUNTERS } from './counters.js';

/** The statements read per sample (at most this many, most elapsed time first). */
export const QUERY_STATS_ROWS = 200;

export const WAIT_STATS = statement(
  'evidence: sys.dm_os_wait_stats',
  `
SELECT w.wait_type, w.waiting_tasks_count, w.wait_time_ms, w.signal_wait_time_ms
FROM sys.dm_os_wait_stats AS w
WHERE w.wait_time_ms > 0;`,
);

/**
 * One database's files. DB_ID(NULL) would make the function return every database's files, so
 * a name that does not resolve returns no row instead. sys.master_files hides rows from a login
 * without VIEW ANY DEFINITION; sys.database_files (readable by any user of the current database)
 * then still gives the type of the current database's files.
 */
export const FILE_STATS = statement(
  'evidence: sys.dm_io_virtual_file_stats',
  `
SELECT vfs.file_id, COALESCE(mf.type_desc, df.type_desc) AS type_desc,
       COALESCE(mf.name, df.name) AS file_name,
       vfs.num_of_reads, vfs.num_of_bytes_read, vfs.io_stall_read_ms,
       vfs.num_of_writes, vfs.num_of_bytes_written, vfs.io_stall_write_ms, vfs.size_on_disk_bytes
FROM sys.dm_io_virtual_file_stats(DB_ID(@database), NULL) AS vfs
LEFT JOIN sys.master_files AS mf
       ON mf.database_id = vfs.database_id AND mf.file_id = vfs.file_id
LEFT JOIN sys.database_files AS df
       ON vfs.database_id = DB_ID() AND df.file_id = vfs.file_id
WHERE DB_ID(@database) IS NOT NULL;`,
  [p('database', 'nvarchar(128)')],
);

const counterNames = [...new Set(COUNTERS.map((c) => c.counter))]
  .map((name) => `N'${name}'`)
  .join(', ');

export const PERFORMANCE_COUNTERS = statement(
  'evidence: sys.dm_os_performance_counters',
  `
SELECT pc.object_name, pc.counter_name, pc.instance_name, pc.cntr_value, pc.cntr_type
FROM sys.dm_os_performance_counters AS pc
WHERE pc.counter_name IN (${counterNames});`,
);

/**
 * The statements executed in the last @recentSeconds with the most elapsed time, and their batch
 * text (TOP is taken before the text is fetched). Times are microseconds; creation_time and the
 * sample time are on the server's clock.
 */
export const QUERY_STATS = statement(
  'evidence: sys.dm_exec_query_stats',
  `
SELECT q.sql_handle, q.plan_handle, q.statement_start_offset, q.statement_end_offset,
       q.creation_time, q.execution_count, q.total_worker_time, q.total_elapsed_time,
       q.total_logical_reads, q.total_logical_writes, GETDATE() AS sampled_at, st.text AS batch_text
FROM (SELECT TOP (${QUERY_STATS_ROWS}) qs.sql_handle, qs.plan_handle, qs.statement_start_offset,
             qs.statement_end_offset, qs.creation_time, qs.execution_count, qs.total_worker_time,
             qs.total_elapsed_time, qs.total_logical_reads, qs.total_logical_writes
      FROM sys.dm_exec_query_stats AS qs
      WHERE qs.last_execution_time >= DATEADD(second, -@recentSeconds, GETDATE())
      ORDER BY qs.total_elapsed_time DESC) AS q
CROSS APPLY sys.dm_exec_sql_text(q.sql_handle) AS st;`,
  [p('recentSeconds', 'int')],
);

/** Every statement the sampler sends, for the T-SQL checks and to leave them out of the top list. */
export function evidenceStatements(): TsqlStatement[] {
  return [WAIT_STATS, FILE_STATS, PERFORMANCE_COUNTERS, QUERY_STATS];
}
