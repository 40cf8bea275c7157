/** The schema definition rendered to T-SQL (render-tsql.ts), checked against the definition. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TICKS_AT_SQL_DATETIME_ZERO, TICKS_PER_DAY } from '../../src/core/ticks.js';
import {
  createTableBatch,
  isRenderableForeignKey,
  renderTsqlSchema,
  tablesFor,
  tsqlType,
} from '../../src/targets/schema/render-tsql.js';
import { META_TABLE, TABLES, tableDef, tablesOf } from '../../src/targets/schema/tables.js';

const both = renderTsqlSchema({ mgc: true, mgccomp: true });

function tableOfBatch(text: string): string {
  return /\b(?:CREATE TABLE|DROP TABLE|ALTER TABLE|ON) \[dbo\]\.\[(\w+)\]/.exec(text)?.[1] ?? '';
}

describe('CREATE TABLE', () => {
  it('creates every table of both stores and chatload_meta once, guarded, in dbo', () => {
    const created = both.tables.map((b) => tableOfBatch(b.text));
    assert.deepEqual(created, [META_TABLE.name, ...TABLES.map((t) => t.name)]);
    for (const batch of both.tables) {
      const name = tableOfBatch(batch.text);
      assert.ok(
        batch.text.startsWith(
          `IF OBJECT_ID(N'dbo.${name}', N'U') IS NULL\nCREATE TABLE [dbo].[${name}] (`,
        ),
        batch.text,
      );
    }
  });

  it('declares every column with its type, nullability and bracket-quoted name', () => {
    for (const table of [META_TABLE, ...TABLES]) {
      const text = createTableBatch(table).text;
      for (const column of table.columns) {
        const declaration = `[${column.name}] ${tsqlType(column.type)}${column.identity ? ' IDENTITY(1,1)' : ''} ${column.nullable ? 'NULL' : 'NOT NULL'}`;
        assert.ok(text.includes(`    ${declaration}`), `${table.name}: ${declaration}`);
      }
    }
    assert.match(
      createTableBatch(tableDef('tblPrincipalAffiliations')).text,
      /\[index\] int NOT NULL/,
    );
    assert.match(
      createTableBatch(tableDef('tblComplianceData')).text,
      /\[cmplEventID\] bigint IDENTITY\(1,1\) NOT NULL/,
    );
    assert.match(
      createTableBatch(tableDef('tblChat')).text,
      /\[content\] nvarchar\(max\) NOT NULL,\n {4}\[rtf\] varchar\(max\) NULL/,
    );
    assert.match(createTableBatch(tableDef('tblADCookie')).text, /\[adcContent\] image NULL/);
    assert.match(
      createTableBatch(tableDef('tblComplianceState')).text,
      /\[lockExpirationTime\] datetime2 NOT NULL/,
    );
  });

  it('keeps the published primary keys, including the key update tblLastChatId pays for', () => {
    for (const table of TABLES) {
      const text = createTableBatch(table).text;
      if (table.primaryKey === null) {
        assert.ok(!text.includes('PRIMARY KEY'), table.name);
      } else {
        const columns = table.primaryKey.map((c) => `[${c}]`).join(', ');
        assert.ok(
          text.includes(`CONSTRAINT [PK_${table.name}] PRIMARY KEY CLUSTERED (${columns})`),
          table.name,
        );
      }
    }
    assert.match(
      createTableBatch(tableDef('tblLastChatId')).text,
      /PRIMARY KEY CLUSTERED \(\[nodeID\], \[lastChatID\]\)/,
    );
    assert.match(
      createTableBatch(tableDef('tblChat')).text,
      /PRIMARY KEY CLUSTERED \(\[channelId\], \[chatId\]\)/,
    );
  });
});

describe('indexes and foreign keys', () => {
  it('creates every simulator-added index, unique where defined, guarded by name', () => {
    const expected = [META_TABLE, ...TABLES].flatMap((t) => t.indexes.map((i) => ({ t, i })));
    assert.equal(both.indexes.length, expected.length);
    expected.forEach(({ t, i }, k) => {
      const text = both.indexes[k]?.text ?? '';
      assert.ok(
        text.includes(
          `WHERE i.name = N'${i.name}' AND i.object_id = OBJECT_ID(N'dbo.${t.name}', N'U')`,
        ),
        text,
      );
      assert.ok(
        text.includes(
          `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX [${i.name}] ON [dbo].[${t.name}] (${i.columns.map((c) => `[${c}]`).join(', ')});`,
        ),
        text,
      );
    });
    assert.ok(
      both.indexes.some((b) => b.text.includes('CREATE UNIQUE INDEX [UX_tblPrincipal_prinUri]')),
    );
  });

  it('adds every foreign key whose column types agree (checked by default, no explicit WITH CHECK), referencing a key or unique index', () => {
    const keys = TABLES.flatMap((t) => t.foreignKeys.map((k) => ({ t, k })));
    const rendered = keys.filter(({ t, k }) => isRenderableForeignKey(t, k));
    assert.deepEqual(
      keys.filter((x) => !rendered.includes(x)).map(({ t, k }) => `${t.name}.${k.columns.join()}`),
      ['tblComplianceFanout.fanoutEventID'],
    );
    assert.equal(both.foreignKeys.length, rendered.length);
    const order = [META_TABLE, ...TABLES].map((t) => t.name);
    for (const batch of both.foreignKeys) {
      const m =
        /ALTER TABLE \[dbo\]\.\[(\w+)\] ADD CONSTRAINT \[(\w+)\] FOREIGN KEY \(([^)]*)\) REFERENCES \[dbo\]\.\[(\w+)\] \(([^)]*)\);$/.exec(
          batch.text,
        );
      assert.ok(m, batch.text);
      const [, from, name, , to, refColumns] = m as unknown as string[];
      assert.ok(batch.text.startsWith(`IF OBJECT_ID(N'dbo.${name}', N'F') IS NULL\n`), batch.text);
      assert.ok(order.indexOf(to as string) <= order.indexOf(from as string), `${from} -> ${to}`);
      const target = tableDef(to as string);
      const refs = (refColumns as string).replace(/[[\]\s]/g, '').split(',');
      const unique = [
        target.primaryKey ?? [],
        ...target.indexes.filter((i) => i.unique).map((i) => i.columns),
      ];
      assert.ok(
        unique.some((cols) => cols.length === refs.length && cols.every((c, i) => c === refs[i])),
        `${name} references ${to}(${refs}) which is neither its key nor a unique index`,
      );
    }
  });
});

describe('store selection, drops and the ticks function', () => {
  it('renders only the tables of the requested stores, with chatload_meta in each', () => {
    const mgc = renderTsqlSchema({ mgc: true, mgccomp: false });
    assert.deepEqual(
      mgc.tables.map((b) => tableOfBatch(b.text)),
      [META_TABLE.name, ...tablesOf('mgc').map((t) => t.name)],
    );
    assert.notEqual(mgc.ticksFunction, null);
    const comp = renderTsqlSchema({ mgc: false, mgccomp: true });
    assert.deepEqual(
      comp.tables.map((b) => tableOfBatch(b.text)),
      [META_TABLE.name, ...tablesOf('mgccomp').map((t) => t.name)],
    );
    assert.equal(comp.ticksFunction, null);
    for (const part of [mgc, comp]) {
      for (const batch of [...part.tables, ...part.indexes, ...part.foreignKeys]) {
        assert.ok(
          [...both.tables, ...both.indexes, ...both.foreignKeys].some((b) => b.text === batch.text),
        );
      }
    }
    assert.deepEqual(tablesFor({ mgc: false, mgccomp: false }), [META_TABLE]);
  });

  it('drops every chatload table in reverse creation order, guarded, then the function', () => {
    const dropped = both.drops.map((b) => tableOfBatch(b.text)).filter((n) => n !== '');
    assert.deepEqual(dropped, [META_TABLE.name, ...TABLES.map((t) => t.name)].reverse());
    for (const batch of both.drops.slice(0, -1)) {
      const name = tableOfBatch(batch.text);
      assert.equal(
        batch.text,
        `IF OBJECT_ID(N'dbo.${name}', N'U') IS NOT NULL\nDROP TABLE [dbo].[${name}];`,
      );
    }
    assert.equal(
      both.drops.at(-1)?.text,
      "IF OBJECT_ID(N'dbo.fnTicksToDate', N'FN') IS NOT NULL\nDROP FUNCTION [dbo].[fnTicksToDate];",
    );
    assert.deepEqual(renderTsqlSchema({ mgc: true, mgccomp: false }).drops, both.drops);
  });

  it('creates dbo.fnTicksToDate alone in its batch, with the .NET tick constants', () => {
    const text = both.ticksFunction?.text ?? '';
    assert.ok(
      text.startsWith('CREATE FUNCTION [dbo].[fnTicksToDate] (@ticks bigint)\nRETURNS datetime'),
      text,
    );
    assert.equal(text.match(/CREATE /g)?.length, 1);
    assert.equal(TICKS_AT_SQL_DATETIME_ZERO / TICKS_PER_DAY, 693_595n);
    assert.ok(text.includes(`@ticks / ${TICKS_PER_DAY} - 693595`), text);
    assert.ok(text.includes(`(@ticks % ${TICKS_PER_DAY}) / 10000`), text);
  });
});
