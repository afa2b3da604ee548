import { REASONS, type ReasonCode } from '../outcomes/reasons';
import { succeeded, type RunResult } from '../outcomes/result';
import type { ConnectionRecord } from './connection-record';
import { FileStatusBackend } from './file-status-backend';
import type { StatusBackend } from './status-backend';
import { statusBackend } from './status-backend-choice';

/**
 * Connection statuses, shared by every workflow and node of the installation (the trigger's
 * runs show up in Get Status): files on one instance, n8n's Redis in queue mode.
 */
export class StatusStore {
	private readonly backend: StatusBackend;

	/** A folder (tests) or a backend; by default the installation's (status-backend-choice.ts). */
	constructor(where: string | StatusBackend = statusBackend()) {
		this.backend = typeof where === 'string' ? new FileStatusBackend(where) : where;
	}

	get(connection: string): Promise<ConnectionRecord | undefined> {
		return this.backend.get(connection);
	}

	/** Records a run's outcome, keeping the last success time across failures. */
	async record(connection: string, result: RunResult, source: string): Promise<ConnectionRecord> {
		const previous = await this.get(connection);
		const record: ConnectionRecord = {
			portal: result.portal,
			connection,
			status: result.status,
			reason: result.reason,
			message: result.message,
			remedy: result.remedy,
			method: result.challenge?.method,
			lastRunAt: result.finishedAt,
			lastSuccessAt: succeeded(result) ? result.finishedAt : previous?.lastSuccessAt,
			lastCounts: result.counts,
			source,
		};
		await this.backend.put(record);
		return record;
	}

	/**
	 * Records that nothing runs for now (downloads switched off, or a rejected login waiting for
	 * new login data), keeping the last run's facts. Written only when it differs from what is there.
	 */
	async recordPaused(
		connection: string,
		portal: string,
		reason: ReasonCode,
		message: string,
		source: string,
		now = new Date(),
	): Promise<ConnectionRecord> {
		const previous = await this.get(connection);
		if (previous?.status === 'paused' && previous.reason === reason) return previous;
		const record: ConnectionRecord = {
			portal,
			connection,
			status: 'paused',
			reason,
			message,
			remedy: REASONS[reason].remedy,
			lastRunAt: previous?.lastRunAt ?? now.toISOString(),
			lastSuccessAt: previous?.lastSuccessAt,
			lastCounts: previous?.lastCounts,
			source,
		};
		await this.backend.put(record);
		return record;
	}
}
