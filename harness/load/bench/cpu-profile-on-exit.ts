// A CPU profile of any Node process of the project, the local cluster's pods included, written when it exits.
// `--cpu-prof` would do, but Node refuses it in NODE_OPTIONS, and a pod's argv is its image's (only `args`
// follow the script); NODE_OPTIONS does carry `--import`, so a container env entry
//   NODE_OPTIONS=--import /path/to/harness/load/bench/cpu-profile-on-exit.ts
// with GAUNTLET_CPU_PROFILE_DIR=<dir> profiles the controller pod. Open the .cpuprofile in Chrome DevTools or
// summarise it with `node harness/load/bench/summarise-cpu-profile.ts <file>`.
// A process killed by SIGKILL writes nothing: stop pods gracefully (the local cluster sends SIGTERM first).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const directory = process.env.GAUNTLET_CPU_PROFILE_DIR;
if (directory) {
  const session = new Session();
  session.connect();
  // A finer sampling interval than the default 1 ms: control-plane work comes in bursts of a few ms.
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 250 });
  session.post('Profiler.start');
  const write = () => {
    // The in-process inspector answers synchronously, so this works inside an 'exit' handler.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(directory, { recursive: true });
      writeFileSync(path.join(directory, `${path.basename(process.argv[1] ?? 'node')}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.once('exit', write);
}
