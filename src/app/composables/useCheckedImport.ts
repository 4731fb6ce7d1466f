import { ref, type Ref } from 'vue';

/**
 * An office file import checked before it writes: choosing a file sends it to be checked (commit
 * false), `write` sends it again to be written (commit true). `report` is the last answer. Both run
 * through the page's office action (`useOfficeAction().run`), so busy, notice and failure are the page's.
 */
export function useCheckedImport<Report extends { written: boolean }>(
  send: (file: File, commit: boolean) => Promise<Report>,
  run: (work: () => Promise<string | void>) => Promise<void>,
  writtenNotice: (report: Report) => string,
) {
  const file = ref<File | null>(null);
  const report = ref<Report | null>(null) as Ref<Report | null>;

  function choose(event: Event): Promise<void> {
    file.value = (event.target as HTMLInputElement).files?.[0] ?? null;
    report.value = null;
    const chosen = file.value;
    return chosen ? run(async () => void (report.value = await send(chosen, false))) : Promise.resolve();
  }

  function write(): Promise<void> {
    const chosen = file.value;
    if (!chosen) return Promise.resolve();
    return run(async () => {
      const written = await send(chosen, true);
      report.value = written;
      return written.written ? writtenNotice(written) : undefined;
    });
  }

  return { file, report, choose, write };
}
