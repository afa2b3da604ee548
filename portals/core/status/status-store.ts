import { REASONS, type ReasonCode } from '../outcomes/reasons';
import { succeeded, type RunResult } from '../outcomes/result';
import type { ConnectionIdentity, ConnectionRecord } from './connection-record';
import { chooseStore } from '../store/choose-store';
import { FileStatuses } from '../store/files/file-statuses';
import type { RecordResource } from '../store/store';
import { retained, type CredentialCheck } from './overview/retention';
import { withRun } from './run-history';

/**
 * Connection statuses, shared by every workflow and node of the installation (the trigger's
 * runs show up in Get Status): files on one instance, n8n's Redis in queue mode.
 */
export class StatusStore {
	private readonly records: RecordResource;

	/** A folder (tests) or a store's statuses; by default the installation's (store/choose-store.ts). */
	constructor(where: string | RecordResource = chooseStore().statuses) {
		this.records = typeof where === 'string' ? new FileStatuses(where) : where;
	}

	async get(connection: string): Promise<ConnectionRecord | undefined> {
		return (await this.records.get(connection)) as ConnectionRecord | undefined;
	}

	/**
	 * Every connection the installation knows, after retention: records of deleted credentials
	 * and of connections that have not run for 400 days are removed (overview/retention.ts).
	 */
	async all(credentialExists?: CredentialCheck, now = new Date()): Promise<ConnectionRecord[]> {
		const records = (await this.records.list()).filter(isRecord);
		const { keep, drop } = await retained(records, now, credentialExists);
		await Promise.all(drop.map((record) => this.records.remove(record.connection)));
		return keep;
	}

	/** Records a run's outcome, keeping the last success time and the history across failures. */
	async record(
		connection: ConnectionIdentity,
		result: RunResult,
		source: string,
		run: { manual: boolean; now?: Date } = { manual: false },
	): Promise<ConnectionRecord> {
		const previous = await this.get(connection.key);
		const record: ConnectionRecord = {
			portal: result.portal,
			connection: connection.key,
			...identityOf(connection, previous),
			status: result.status,
			reason: result.reason,
			message: result.message,
			remedy: result.remedy,
			method: result.challenge?.method,
			lastRunAt: result.finishedAt,
			lastSuccessAt: succeeded(result) ? result.finishedAt : previous?.lastSuccessAt,
			lastCounts: result.counts,
			...withRun(previous, {
				startedAt: result.startedAt,
				manual: run.manual,
				downloaded: result.counts.downloaded,
				now: run.now ?? new Date(),
			}),
			source,
		};
		await this.records.put(record.connection, record);
		return record;
	}

	/**
	 * Records that nothing runs for now (downloads switched off, or a rejected login waiting for
	 * new login data), keeping the last run's facts. Written only when it differs from what is there.
	 */
	async recordPaused(
		connection: ConnectionIdentity,
		portal: string,
		reason: ReasonCode,
		message: string,
		source: string,
		now = new Date(),
	): Promise<ConnectionRecord> {
		const previous = await this.get(connection.key);
		const identity = identityOf(connection, previous);
		const same =
			previous?.status === 'paused' &&
			previous.reason === reason &&
			previous.label === identity.label &&
			previous.credentialId === identity.credentialId;
		if (same) return previous;
		const record: ConnectionRecord = {
			...previous,
			portal,
			connection: connection.key,
			...identity,
			status: 'paused',
			reason,
			message,
			remedy: REASONS[reason].remedy,
			method: undefined,
			lastRunAt: previous?.lastRunAt ?? now.toISOString(),
			source,
		};
		await this.records.put(record.connection, record);
		return record;
	}
}

/** The label and credential as given now (a renamed credential shows its new name). */
function identityOf(
	connection: ConnectionIdentity,
	previous: ConnectionRecord | undefined,
): Pick<ConnectionRecord, 'label' | 'credentialId'> {
	return {
		label: connection.label ?? previous?.label,
		credentialId: connection.credentialId ?? previous?.credentialId,
	};
}

/** A record the overview can show: anything else in the store (edited by hand) is left out. */
function isRecord(value: unknown): value is ConnectionRecord {
	const record = value as Partial<ConnectionRecord> | null;
	return !!record?.connection && !!record.status;
}
