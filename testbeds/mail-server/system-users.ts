import { readFileSync } from 'node:fs';

/**
 * The system users the daemons switch to, which Debian's packages create: `postfix` (and the
 * group `postdrop`) for Postfix, `dovecot` and `dovenull` for Dovecot, and `mail` (from
 * base-passwd, on every Debian system) that owns the test mailbox's files. The test bed never
 * creates or changes a user.
 */
function lookup(file: '/etc/passwd' | '/etc/group', name: string): { id: number; gid: number } {
	const line = readFileSync(file, 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${name}:`));
	if (!line)
		throw new Error(
			`The mail server test bed needs the system ${file === '/etc/passwd' ? 'user' : 'group'} "${name}", ` +
				`which its Debian packages create: reinstall them (bash scripts/dev/mail-server-install.sh).`,
		);
	const fields = line.split(':');
	return { id: Number(fields[2]), gid: Number(fields[3]) };
}

export const userIds = (name: string): { uid: number; gid: number } => {
	const { id, gid } = lookup('/etc/passwd', name);
	return { uid: id, gid };
};
export const groupId = (name: string): number => lookup('/etc/group', name).id;
