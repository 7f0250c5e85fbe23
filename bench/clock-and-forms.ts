/**
 * Measures the two computations every reception does on the hot path: the legal clock (appointment
 * and step plan of a dossier, a timeliness judgement) and the rendering of the standard forms as PDF.
 * Prints the numbers; record them in docs/benchmarks.md with the machine they came from.
 *
 *   node --import tsx bench/clock-and-forms.ts [--clock-runs=N] [--form-runs=N]
 *
 * Pure computation: no database, no engine, no network.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { OFFICIAL_SCHEDULES, createLegalClock, createWorkingCalendar } from '@motcua/common/calendar';
import {
  renderApology,
  renderControlSheet,
  renderReceipt,
  renderRefusal,
  renderRegister,
  renderSupplementRequest,
} from '../server/src/forms/index.js';
import {
  apologyData,
  controlSheetData,
  receiptData,
  refusalData,
  registerData,
  registerRows,
  supplementRequestData,
} from '../server/test/forms/fixtures.js';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const clockRuns = Number(option('clock-runs') ?? 100_000);
const formRuns = Number(option('form-runs') ?? 20);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** Deterministic receipt instants spread over 2025–2027, so every run measures the same work. */
function receiptInstants(count: number): Date[] {
  const start = Date.parse('2025-01-01T00:00:00+07:00');
  const span = Date.parse('2027-12-31T00:00:00+07:00') - start;
  let seed = 20261127;
  return Array.from({ length: count }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return new Date(start + (seed / 2 ** 31) * span);
  });
}

function benchClock(): void {
  const calendar = createWorkingCalendar({ days: OFFICIAL_SCHEDULES });
  const clock = createLegalClock({ calendar });
  const instants = receiptInstants(clockRuns);
  const steps = [
    { id: 'received', budgetMinutes: clock.parseBudget('0.5d') },
    { id: 'appraisal', budgetMinutes: clock.parseBudget('6.5d') },
    { id: 'partner-review', budgetMinutes: clock.parseBudget('4d') },
    { id: 'leader-approval', budgetMinutes: clock.parseBudget('3d') },
    { id: 'return-result', budgetMinutes: clock.parseBudget('1d') },
  ];
  const measure = (label: string, work: (at: Date) => unknown) => {
    const began = performance.now();
    for (const at of instants) work(at);
    const ms = performance.now() - began;
    console.log(`${label.padEnd(44)} ${((clockRuns / ms) * 1000).toFixed(0).padStart(9)} per second  (${((ms * 1000) / clockRuns).toFixed(2)} µs each)`);
  };
  measure('appointment, 15 working days', (at) => clock.appointment(at, 15));
  measure('step plan, 5 steps (construction permit)', (at) => clock.planSteps(clock.countingStart(at), steps));
  measure('pause and resume (remaining time)', (at) => {
    const due = clock.appointment(at, 15);
    return clock.resumedDue(new Date(at.getTime() + 3 * 86_400_000), clock.remainingAt(due, at));
  });
  measure('timeliness of an open dossier', (at) =>
    clock.timeliness({ status: 'in_progress', dueAt: at, now: new Date(at.getTime() - 3_600_000) }),
  );
}

async function benchForms(): Promise<void> {
  const forms: [string, () => Promise<Buffer>][] = [
    ['Mẫu 01 receipt (A5)', () => renderReceipt(receiptData())],
    ['Mẫu 02 supplement request (A5)', () => renderSupplementRequest(supplementRequestData())],
    ['Mẫu 03 refusal (A5)', () => renderRefusal(refusalData())],
    ['Mẫu 04 apology (A5)', () => renderApology(apologyData())],
    ['Mẫu 05 control sheet (A5)', () => renderControlSheet(controlSheetData())],
    ['Mẫu 06 register, 200 rows (A4)', () => renderRegister(registerData({ rows: registerRows(200) }))],
  ];
  await forms[0]![1](); // loads the fonts once, as a running server has
  for (const [label, render] of forms) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < formRuns; run += 1) {
      const began = performance.now();
      bytes = (await render()).length;
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(36)} median ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  ${(bytes / 1024).toFixed(0).padStart(4)} KiB`,
    );
  }
}

console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`);
console.log(`\nLegal clock, ${clockRuns} receipt instants over 2025–2027 with the official schedules:`);
benchClock();
console.log(`\nForms, ${formRuns} renders each (PDF with embedded font and QR code):`);
await benchForms();
