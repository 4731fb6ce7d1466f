import pg from 'pg';

/** One connection to TEST_DATABASE_URL for the work, closed afterwards. */
export async function withPgClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes schema `target` a copy of schema `template` (tables with their rows, indexes, checks,
 * defaults, foreign keys and sequence positions): a seeded database for a test without running the
 * migrations and the seed again. Both names are generated identifiers, never user input.
 */
export async function cloneSchema(client: pg.Client, template: string, target: string): Promise<void> {
  await client.query(`do $clone$
declare
  src constant text := '${template}';
  dst constant text := '${target}';
  t record;
  s record;
  fk record;
  fks text[][] := '{}';
begin
  execute format('create schema %I', dst);
  for t in select tablename from pg_tables where schemaname = src loop
    execute format('create table %I.%I (like %I.%I including all)', dst, t.tablename, src, t.tablename);
    execute format('insert into %I.%I select * from %I.%I', dst, t.tablename, src, t.tablename);
  end loop;
  -- A copied serial default still names the template's sequence: give each column its own, at the same value.
  for s in
    select seq.relname as seqname, tab.relname as tabname, att.attname as colname
    from pg_class seq
    join pg_namespace n on n.oid = seq.relnamespace
    join pg_depend d on d.objid = seq.oid and d.deptype = 'a' and d.classid = 'pg_class'::regclass
    join pg_class tab on tab.oid = d.refobjid
    join pg_attribute att on att.attrelid = tab.oid and att.attnum = d.refobjsubid
    where seq.relkind = 'S' and n.nspname = src
  loop
    execute format('create sequence %I.%I owned by %I.%I.%I', dst, s.seqname, dst, s.tabname, s.colname);
    execute format('alter table %I.%I alter column %I set default nextval(%L::regclass)', dst, s.tabname, s.colname, format('%I.%I', dst, s.seqname));
    execute format('select setval(%L::regclass, last_value, is_called) from %I.%I', format('%I.%I', dst, s.seqname), src, s.seqname);
  end loop;
  -- Foreign keys last, once the rows are in; their definitions read with the template first on the path print unqualified names.
  perform set_config('search_path', format('%I', src), true);
  for fk in
    select tab.relname as tabname, con.conname, pg_get_constraintdef(con.oid) as def
    from pg_constraint con
    join pg_class tab on tab.oid = con.conrelid
    join pg_namespace n on n.oid = tab.relnamespace
    where con.contype = 'f' and n.nspname = src
  loop
    fks := fks || array[[fk.tabname, fk.conname, fk.def]];
  end loop;
  perform set_config('search_path', format('%I', dst), true);
  for i in 1 .. coalesce(array_length(fks, 1), 0) loop
    execute format('alter table %I.%I add constraint %I %s', dst, fks[i][1], fks[i][2], fks[i][3]);
  end loop;
end
$clone$`);
}
