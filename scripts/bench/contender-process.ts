import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContenderName, ContenderRequest, ContenderResult } from './contender';
import { startPeakSampler } from './memory';

export interface Measured extends ContenderResult {
	peakMb: number;
	startMb: number;
	browserTrees: number;
}

type Reply =
	| { ready: true }
	| { id: number; result: ContenderResult }
	| { id: number; error: string };

/** A contender's process (contender.ts), asked to run one thing at a time. */
export class ContenderProcess {
	private next = 0;
	private readonly waiting = new Map<
		number,
		{ resolve: (r: ContenderResult) => void; reject: (e: Error) => void }
	>();

	private constructor(
		readonly name: ContenderName,
		private readonly child: ChildProcess,
	) {
		child.on('message', (reply: Reply) => {
			if ('ready' in reply) return;
			const call = this.waiting.get(reply.id);
			this.waiting.delete(reply.id);
			if ('error' in reply) call?.reject(new Error(`${name}: ${reply.error}`));
			else call?.resolve(reply.result);
		});
		child.on('exit', (code) => {
			for (const call of this.waiting.values())
				call.reject(new Error(`${name}'s process ended (exit code ${code})`));
			this.waiting.clear();
		});
	}

	static start(name: ContenderName, concurrency: number): Promise<ContenderProcess> {
		const child = fork(join(__dirname, 'contender.js'), [name, String(concurrency)], {
			// Each its own n8n user folder: n8n-core writes its encryption key there when it starts.
			env: { ...process.env, N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), `bench-${name}-`)) },
		});
		return new Promise((resolve, reject) => {
			child.once('exit', (code) =>
				reject(new Error(`${name}'s process ended (exit code ${code})`)),
			);
			child.once('message', () => resolve(new ContenderProcess(name, child)));
		});
	}

	private call(request: ContenderRequest): Promise<ContenderResult> {
		const id = this.next++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, { resolve, reject });
			this.child.send({ id, request });
		});
	}

	/**
	 * Runs one thing after a full garbage collection of the contender's process (its peak is then
	 * its own, not the garbage of the run before), sampling the memory (PSS) of that process and
	 * of the browsers below it.
	 */
	async measure(request: ContenderRequest): Promise<Measured> {
		await this.call({ op: 'gc' });
		const sampler = startPeakSampler(this.child.pid!);
		const result = await this.call(request);
		const { peakMb, startMb, maxBrowserTrees } = sampler.stop();
		return { ...result, peakMb, startMb, browserTrees: maxBrowserTrees };
	}

	stop(): void {
		this.child.kill();
	}
}
