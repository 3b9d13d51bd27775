/** Entry point of the `strata` bin (built to out/main/cli.js). */
import { runCli } from './strata';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

void runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  signal: controller.signal,
}).then((code) => {
  process.exitCode = code;
});
