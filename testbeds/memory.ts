import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const PAGE = 4096;

function parentOf(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name is in parentheses and may contain spaces: the fields start after the last ')'.
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined;
	}
}

/**
 * Proportional set size: each shared page counted once across the processes that share it, so
 * that summing Chromium's many processes does not count its shared libraries twenty times.
 * Falls back to the resident size where smaps_rollup is missing.
 */
function memoryBytes(pid: number): number {
	try {
		const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
		if (pss) return Number(pss[1]) * 1024;
	} catch {
		// no smaps_rollup (or the process ended): its resident size, or 0
	}
	return residentBytes(pid);
}

/** Resident size of one process, shared pages counted in full. */
function residentBytes(pid: number): number {
	try {
		return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
	} catch {
		return 0;
	}
}

/** This process and every process below it (the browsers it started), from /proc. */
export function processTree(root = process.pid): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		const parent = parentOf(pid);
		if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
	}
	const tree: number[] = [];
	const walk = (pid: number) => {
		tree.push(pid);
		for (const child of children.get(pid) ?? []) walk(child);
	};
	walk(root);
	return tree;
}

function isChromium(pid: number): boolean {
	try {
		// A zombie (state Z) has exited and holds no memory; it lasts until its parent reaps it,
		// which a busy machine may do a little late.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		if (/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))) return false;
		return /chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
	} catch {
		return false;
	}
}

/** The Chromium processes among this process's descendants. */
export function chromiumProcesses(tree = processTree()): number[] {
	return tree.filter(isChromium);
}

/**
 * What each Chromium process below this one is: `browser`, `renderer`, `gpu-process`, `zygote`,
 * or `utility:<service>` (the network service, storage ...), counted per kind.
 */
export function chromiumProcessKinds(tree = processTree()): Record<string, number> {
	const kinds: Record<string, number> = {};
	for (const pid of chromiumProcesses(tree)) {
		let kind = 'gone';
		try {
			const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			kind = /--type=([\w-]+)/.exec(cmdline)?.[1] ?? 'browser';
			const service = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1];
			if (service) kind += `:${service}`;
		} catch {
			// exited between the two reads
		}
		kinds[kind] = (kinds[kind] ?? 0) + 1;
	}
	delete kinds.gone;
	return kinds;
}

/** Browser process trees below a process: its children whose command is a Chromium. */
export function browserTrees(tree = processTree(), root = process.pid): number {
	return tree.filter((pid) => parentOf(pid) === root && isChromium(pid)).length;
}

/** Memory (PSS) of this process and all its descendants, in bytes. */
export function treeMemoryBytes(tree = processTree()): number {
	return tree.reduce((sum, pid) => sum + memoryBytes(pid), 0);
}

/**
 * What a contender costs the machine: its own Node process at its resident size (RSS), shared
 * pages in full, as if no other Node process ran beside it (several contender processes share
 * Node's binary, and PSS would charge each only its share), plus the processes below it (its
 * browsers) at PSS, so that twenty renderers sharing Chromium's libraries count them once.
 */
function contenderBytes(tree: number[]): number {
	const [root, ...below] = tree;
	return residentBytes(root) + treeMemoryBytes(below);
}

/**
 * Samples the memory of a process (a contender's: its RSS) plus all its descendants (their PSS,
 * Linux /proc) and keeps the peak. Reading PSS makes the kernel walk each process's page
 * tables: with twenty browsers that costs real CPU, so it samples twice a second and the
 * measured run keeps the machine.
 */
export function startPeakSampler(
	root: number,
	intervalMs = 500,
): {
	stop(): { peakMb: number; startMb: number; maxBrowserTrees: number };
} {
	let peak = 0;
	let trees = 0;
	const sample = () => {
		const tree = processTree(root);
		const bytes = contenderBytes(tree);
		peak = Math.max(peak, bytes);
		trees = Math.max(trees, browserTrees(tree, root));
		return bytes;
	};
	const start = sample();
	const timer = setInterval(sample, intervalMs);
	return {
		stop: () => {
			clearInterval(timer);
			sample();
			const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
			return { peakMb: mb(peak), startMb: mb(start), maxBrowserTrees: trees };
		},
	};
}

let gc: (() => void) | undefined;

/**
 * A full garbage collection of this process (a contender's), before a scenario is measured: its
 * peak is then its own, not the garbage the run before it left behind (twenty browser logins
 * leave tens of MB of Playwright objects for the next full collection). Browsers are closed apart.
 */
export function collectGarbage(): void {
	if (!gc) {
		// The gc() that --expose-gc gives, without asking everyone who runs the script for the flag.
		setFlagsFromString('--expose-gc');
		gc = runInNewContext('gc') as () => void;
	}
	gc();
}

/**
 * Waits for some work while collecting garbage every `everyMs`: a timer or signal that only works
 * until the next full collection (Node 20's AbortSignal.any drops a timeout signal nothing else
 * holds) then fails in a short test as it would in a process that runs for hours.
 */
export async function whileCollectingGarbage<T>(work: Promise<T>, everyMs: number): Promise<T> {
	const collecting = setInterval(collectGarbage, everyMs);
	try {
		return await work;
	} finally {
		clearInterval(collecting);
	}
}
