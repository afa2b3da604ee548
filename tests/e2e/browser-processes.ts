import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Chromium, Chrome or Playwright's headless shell, by the command line `ps` shows. */
const BROWSER = /chrom|headless_shell/i;

/**
 * The browser processes running under `rootPid` (its children, their children, ...), as
 * `pid command` lines. Only that process tree counts: other test runs on the same machine start
 * their own browsers, and those are none of this server's.
 */
export async function browsersUnder(rootPid: number): Promise<string[]> {
	const { stdout } = await run('ps', ['-A', '-o', 'pid=,ppid=,args='], {
		maxBuffer: 16 * 1024 * 1024,
	});
	const processes = stdout
		.split('\n')
		.map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
		.filter((m): m is RegExpMatchArray => !!m)
		.map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
	const tree = new Set([rootPid]);
	// Parents may be listed after their children: repeat until the tree stops growing.
	for (let grew = true; grew; ) {
		grew = false;
		for (const p of processes)
			if (tree.has(p.ppid) && !tree.has(p.pid)) {
				tree.add(p.pid);
				grew = true;
			}
	}
	return processes
		.filter((p) => p.pid !== rootPid && tree.has(p.pid) && BROWSER.test(p.args))
		.map((p) => `${p.pid} ${p.args.slice(0, 200)}`);
}

/**
 * Looks at `rootPid`'s process tree every 200 ms until stopped, and returns every browser
 * process seen in it. A browser a run starts lives for seconds at least (it has pages to load),
 * far longer than the interval.
 */
export function watchBrowsersUnder(rootPid: number): { stop(): Promise<string[]> } {
	const seen = new Set<string>();
	let running = true;
	const loop = (async () => {
		while (running) {
			for (const line of await browsersUnder(rootPid)) seen.add(line);
			await new Promise((r) => setTimeout(r, 200));
		}
	})();
	let stopped: Promise<string[]> | undefined;
	return {
		stop() {
			running = false;
			stopped ??= (async () => {
				await loop;
				// One last look: a browser started in the last interval is still there.
				for (const line of await browsersUnder(rootPid)) seen.add(line);
				return [...seen];
			})();
			return stopped;
		},
	};
}
