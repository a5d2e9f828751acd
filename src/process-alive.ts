// Whether a process still runs: a lock or a scratch folder named by a process id is stale once the
// process has ended (a killed build leaves them behind).
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
