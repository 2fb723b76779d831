// What `--cpu-prof --cpu-prof-dir=$BENCH_PROFILE_DIR` does, for Node 20, which refuses --cpu-prof in
// NODE_OPTIONS: loaded with NODE_OPTIONS=--import, it profiles this process from its start and writes
// <dir>/<pid>.cpuprofile when it exits (bench/http/run.ts with BENCH_PROFILE).
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  process.on("exit", () => {
    // A session of the main thread answers synchronously, so the profile is written before the exit.
    session.post("Profiler.stop", (err, result) => {
      if (!err) writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
