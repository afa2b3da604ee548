import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContenderName, ContenderRequest, ContenderResult } from './contender';
import { collectGarbage, startPeakSampler } from '../../../testbeds/memory';

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
		private readonly userFolder: string,
	) {
		child.on('message', (reply: Reply) => {
			if ('ready' in reply) return;
			const call = this.waiting.get(reply.id);
			this.waiting.delete(reply.id);
			if ('error' in reply) call?.reject(new Error(`${name}: ${reply.error}`));
			else call?.resolve(reply.result);
		});
		child.on('exit', (code) =>
			this.failAll(new Error(`${name}'s process ended (exit code ${code})`)),
		);
		// A message to a process that has gone: the waiting call fails, the benchmark does not crash.
		child.on('error', (error) => this.failAll(error));
	}

	private failAll(error: Error): void {
		for (const call of this.waiting.values()) call.reject(error);
		this.waiting.clear();
	}

	static start(name: ContenderName, concurrency: number): Promise<ContenderProcess> {
		// Each its own n8n user folder: n8n-core writes its encryption key there when it starts, and
		// the binary data of ours' runs goes there.
		const userFolder = mkdtempSync(join(tmpdir(), `bench-${name}-`));
		const child = fork(join(__dirname, 'contender.js'), [name, String(concurrency)], {
			env: { ...process.env, N8N_USER_FOLDER: userFolder },
		});
		return new Promise((resolve, reject) => {
			child.once('exit', (code) =>
				reject(new Error(`${name}'s process ended (exit code ${code})`)),
			);
			child.once('message', () => resolve(new ContenderProcess(name, child, userFolder)));
		});
	}

	private call(request: ContenderRequest): Promise<ContenderResult> {
		const id = this.next++;
		return new Promise((resolve, reject) => {
			if (!this.child.connected) return reject(new Error(`${this.name}'s process has ended`));
			this.waiting.set(id, { resolve, reject });
			this.child.send({ id, request }, (error) => {
				if (!error) return;
				this.waiting.delete(id);
				reject(error);
			});
		});
	}

	/**
	 * Runs one thing after a full garbage collection of the contender's process (its peak is then
	 * its own, not the garbage of the run before), sampling the memory of that process and of the
	 * browsers below it.
	 */
	async measure(request: ContenderRequest): Promise<Measured> {
		// The portal's garbage too (the naive script's twenty browsers leave plenty), so that its
		// collection does not fall into the next contender's run.
		collectGarbage();
		await this.call({ op: 'gc' });
		const sampler = startPeakSampler(this.child.pid!);
		const result = await this.call(request).catch((error: unknown) => {
			sampler.stop();
			throw error;
		});
		const { peakMb, startMb, maxBrowserTrees } = sampler.stop();
		return { ...result, peakMb, startMb, browserTrees: maxBrowserTrees };
	}

	stop(): void {
		this.child.kill();
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}
