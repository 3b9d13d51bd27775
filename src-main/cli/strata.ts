/**
 * The headless command: `strata analyze <archive | image-ref>`, over the same code the app
 * uses, with no Electron. Exit codes: 0 ok, 1 a CI rule failed, 2 unusable input or usage.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeArchive, analyzeArchiveStream, type AnalyzeResult } from '../archive/analyze';
import { ArchiveError } from '../archive/model';
import type { EngineClient } from '../docker/engine-client';
import { DEFAULT_CI_RULES, evaluateCiRules, parseByteSize, parseRatio, type CiRules } from './ci-rules';
import { formatSummary } from './format-summary';
import { GRAPH_USAGE } from './graph-usage';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The engine for image references; default: DOCKER_HOST or the default socket. */
  engine?: () => EngineClient;
  signal?: AbortSignal;
}

const ANALYZE_USAGE = `usage: strata analyze <archive-file | image-ref> [options]

Analyze an image archive (docker save, OCI, any compression) or a local image of the engine.

options:
  --json                              one JSON document on stdout
  --verify                            check every layer's diffID against its content
  --platform os/arch[/variant]        pick a platform from a multi-platform archive
  --max-inflated SIZE                 refuse layers that inflate beyond SIZE (default 64GiB)
  --ci                                apply dive's CI rules; exit 1 when one fails
    --lowest-efficiency R             (default 0.9; "disabled" turns it off)
    --highest-wasted-bytes SIZE       (default disabled)
    --highest-user-wasted-percent R   (default 0.1)
`;

const USAGE = `${ANALYZE_USAGE}\n${GRAPH_USAGE}`;

class UsageError extends Error {}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  try {
    if (command === 'analyze') return await analyzeCommand(rest, io);
    // Loaded on demand: dockerode and its ssh/grpc dependencies cost ~0.13 s at start-up, which
    // analyzing a file never needs.
    if (command === 'graph') return await (await import('./graph')).graphCommand(rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`strata: ${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ArchiveError) {
      io.stderr(`strata: ${err.file}: ${err.reason}\n`);
      return 2;
    }
    io.stderr(`strata: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

async function analyzeCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        verify: { type: 'boolean' },
        platform: { type: 'string' },
        'max-inflated': { type: 'string' },
        ci: { type: 'boolean' },
        'lowest-efficiency': { type: 'string' },
        'highest-wasted-bytes': { type: 'string' },
        'highest-user-wasted-percent': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('analyze takes exactly one archive file or image reference');
  const target = positionals[0]!;
  let rules: CiRules;
  try {
    rules = {
      lowestEfficiency: values['lowest-efficiency'] !== undefined ? parseRatio(values['lowest-efficiency'], '--lowest-efficiency') : DEFAULT_CI_RULES.lowestEfficiency,
      highestWastedBytes: values['highest-wasted-bytes'] !== undefined ? parseByteSize(values['highest-wasted-bytes']) : DEFAULT_CI_RULES.highestWastedBytes,
      highestUserWastedPercent:
        values['highest-user-wasted-percent'] !== undefined ? parseRatio(values['highest-user-wasted-percent'], '--highest-user-wasted-percent') : DEFAULT_CI_RULES.highestUserWastedPercent,
    };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const maxInflated = values['max-inflated'] !== undefined ? parseByteSize(values['max-inflated']) : null;
  const opts = {
    verify: values.verify ?? false,
    ...(values.platform ? { platform: values.platform } : {}),
    ...(maxInflated !== null ? { maxInflatedBytes: maxInflated } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  };

  let result: AnalyzeResult;
  if (existsSync(target)) {
    result = await analyzeArchive(target, opts);
  } else {
    const engine = io.engine?.() ?? (await import('../docker/engine-client')).createEngineClient(process.env['DOCKER_HOST']);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await engine.getImage(target).get();
    } catch (err) {
      const e = err as { statusCode?: number; code?: string; message?: string };
      const reason =
        e.statusCode === 404
          ? 'no such file, and no such image in the engine'
          : e.code
            ? `no such file, and the engine cannot be reached (${e.code})`
            : `no such file, and the engine refused: ${e.message ?? String(err)}`;
      throw new ArchiveError(target, reason, 'NOT_AN_IMAGE');
    }
    result = await analyzeArchiveStream(stream as AsyncIterable<Buffer>, target, opts);
  }
  const { analysis } = result;
  if (values.json) io.stdout(JSON.stringify(analysis, null, 2) + '\n');
  else io.stdout(formatSummary(analysis));

  if (!values.ci) return 0;
  let failed = false;
  for (const img of analysis.images) {
    for (const o of evaluateCiRules(img, rules)) {
      failed ||= !o.passed;
      (values.json ? io.stderr : io.stdout)(`${o.passed ? 'PASS' : 'FAIL'} ${o.rule}: ${o.message} (${img.repoTags[0] ?? img.id})\n`);
    }
  }
  (values.json ? io.stderr : io.stdout)(failed ? 'Result: FAIL\n' : 'Result: PASS\n');
  return failed ? 1 : 0;
}
