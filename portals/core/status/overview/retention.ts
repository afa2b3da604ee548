import type { ConnectionRecord } from '../connection-record';

/** A connection that has not run for this long is forgotten (the service it replaces does the same). */
export const RETENTION_DAYS = 400;

/**
 * Whether the credential still exists: false only when it is known to be deleted; undefined
 * when it cannot be told (the record is kept).
 */
export type CredentialCheck = (credentialId: string) => Promise<boolean | undefined>;

/**
 * Which records stay: a record drops out once it has not run for RETENTION_DAYS, once its
 * credential was deleted (a deleted credential never comes back: n8n gives new ones new ids), or
 * once a newer record of the same credential exists (its user name or portal was changed, say
 * after a typo made the login fail: the old row would otherwise ask for attention for 400 days).
 * Each credential is asked about once.
 */
export async function retained(
	records: ConnectionRecord[],
	now: Date,
	credentialExists?: CredentialCheck,
): Promise<{ keep: ConnectionRecord[]; drop: ConnectionRecord[] }> {
	const oldest = now.getTime() - RETENTION_DAYS * 86_400_000;
	const ids = [...new Set(records.map((r) => r.credentialId).filter((id): id is string => !!id))];
	const gone = new Set<string>();
	if (credentialExists)
		await Promise.all(
			ids.map(async (id) => {
				if ((await credentialExists(id).catch(() => undefined)) === false) gone.add(id);
			}),
		);
	const newest = new Map<string, ConnectionRecord>();
	for (const record of records) {
		const seen = record.credentialId ? newest.get(record.credentialId) : undefined;
		if (record.credentialId && (!seen || seen.lastRunAt < record.lastRunAt))
			newest.set(record.credentialId, record);
	}
	const keep: ConnectionRecord[] = [];
	const drop: ConnectionRecord[] = [];
	for (const record of records) {
		const idle = !(Date.parse(record.lastRunAt) >= oldest);
		const deleted = !!record.credentialId && gone.has(record.credentialId);
		const replaced = !!record.credentialId && newest.get(record.credentialId) !== record;
		(idle || deleted || replaced ? drop : keep).push(record);
	}
	return { keep, drop };
}
