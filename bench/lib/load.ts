/**
 * The HTTP load generator, run in its own process (see `runLoad`) so that autocannon does not share
 * the event loop of the server it measures. The parent sends one job; the child warms up, measures,
 * and sends back one summary.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Options, type Result } from 'autocannon';

export interface LoadJob {
  url: string;
  path: string;
  /** JSON bodies, used in turn (cycling when the run needs more). Ignored for GET. */
  bodies: string[];
  /** POST (default) or GET. */
  method?: 'GET' | 'POST';
  /** Extra request headers (e.g. a bearer token). */
  headers?: Record<string, string>;
  /** For GET: paths used in turn instead of `path`. */
  paths?: string[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadSummary {
  /** Completed responses in the measured part (warm-up excluded). */
  completed: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Status code → count, measured part only. */
  statusCodes: Record<string, number>;
  /** Status code → count seen during the warm-up. */
  warmupStatusCodes: Record<string, number>;
}

function statusCounts(result: Result): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
}

async function drive(job: LoadJob): Promise<LoadSummary> {
  let next = 0;
  const options = (seconds: number): Options => ({
    url: job.url,
    connections: job.connections,
    duration: seconds,
    timeout: 30,
    requests: [
      job.method === 'GET'
        ? {
            method: 'GET',
            path: job.path,
            headers: { ...job.headers },
            setupRequest: (request) => (job.paths?.length ? { ...request, path: job.paths[next++ % job.paths.length]! } : request),
          }
        : {
            method: 'POST',
            path: job.path,
            headers: { 'content-type': 'application/json', ...job.headers },
            setupRequest: (request) => ({ ...request, body: job.bodies[next++ % job.bodies.length]! }),
          },
    ],
  });
  const warmup = job.warmupSeconds > 0 ? await autocannon(options(job.warmupSeconds)) : null;
  const result = await autocannon(options(job.seconds));
  const statusCodes = statusCounts(result);
  const completed = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    completed,
    seconds: result.duration,
    perSecond: completed / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    warmupStatusCodes: warmup ? statusCounts(warmup) : {},
  };
}

/** Runs one load job in a child process and resolves with its summary. */
export function runLoad(job: LoadJob): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let summary: LoadSummary | undefined;
    child.on('message', (message: { summary?: LoadSummary; error?: string }) => {
      if (message.error) reject(new Error(`load generator: ${message.error}`));
      summary = message.summary;
    });
    child.on('error', reject);
    child.on('exit', (code) => (summary ? resolve(summary) : reject(new Error(`load generator exited with ${code} and no result`))));
    child.send(job);
  });
}

// In the child: wait for the job, run it, report, exit.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  process.once('message', (job: LoadJob) => {
    drive(job).then(
      (summary) => process.send!({ summary }, () => process.exit(0)),
      (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
    );
  });
}
