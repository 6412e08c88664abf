import { describe, expect, it } from 'vitest';
import { columnsProbeSql, pitrWindowSql, SERVER_TIME_SQL, showTablesSql, TABLE_SIZES_SQL } from './read-statements';

/** Each statement here is the text MatrixOne (main, commit 7c27538f5a) accepted. */
describe('the reads behind precise refusals', () => {
  it('lists a database’s tables now and at a snapshot', () => {
    expect(showTablesSql('prod')).toBe('SHOW TABLES FROM `prod`');
    expect(showTablesSql('prod', 'prod_s1')).toBe("SHOW TABLES FROM `prod` {SNAPSHOT = 'prod_s1'}");
  });

  it('reads a table’s columns now and at a snapshot, without rows', () => {
    expect(columnsProbeSql({ database: 'qa', table: 'Orders' })).toBe('SELECT * FROM `qa`.`Orders` WHERE 1 = 0');
    expect(columnsProbeSql({ database: 'qa', table: 'Orders' }, 'qa_base')).toBe(
      "SELECT * FROM `qa`.`Orders` {SNAPSHOT = 'qa_base'} WHERE 1 = 0",
    );
  });

  it('refuses system databases and bad names before building anything', () => {
    expect(() => showTablesSql('mo_catalog')).toThrow(/system database/);
    expect(() => showTablesSql('prod', "x'")).toThrow(/snapshot name/);
  });

  it('reads the PITR window in the server’s local time', () => {
    expect(pitrWindowSql({ value: 2, unit: 'h' })).toBe(
      "SELECT DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s') AS now_local, " +
        "DATE_FORMAT(DATE_SUB(NOW(), INTERVAL 2 HOUR), '%Y-%m-%d %H:%i:%s') AS earliest_local",
    );
    expect(pitrWindowSql({ value: 1, unit: 'mo' })).toContain('INTERVAL 1 MONTH');
    expect(SERVER_TIME_SQL).toBe("SELECT DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s') AS now_local");
  });

  it('measures only the connected account’s tables (sys sees every account’s in mo_tables)', () => {
    expect(TABLE_SIZES_SQL).toContain('account_id = current_account_id()');
    expect(TABLE_SIZES_SQL).toContain("relkind = 'r'");
    expect(TABLE_SIZES_SQL).toContain("NOT IN ('mo_catalog', 'information_schema'");
  });
});
