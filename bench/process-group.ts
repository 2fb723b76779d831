import type { ChildProcess } from "node:child_process";

/**
 * Stops a child started with `detached: true` (its own process group, so next and the worker go with
 * it): SIGTERM to the group, then SIGKILL if it is still there after `graceMs`.
 */
export async function stopProcessGroup(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null) return;
  process.kill(-child.pid!, "SIGTERM");
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
      resolve();
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
  });
}
