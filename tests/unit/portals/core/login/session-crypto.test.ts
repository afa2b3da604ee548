import { seal, unseal } from '../../../../../portals/core/login/session-crypto';

const scope = (password: string) => ({
	purpose: 'session' as const,
	portal: 'demo',
	secrets: [password],
});

test('keys of many new credentials derived at once do not hold up the process until the last is ready', async () => {
	const order: string[] = [];
	const sealed = Array.from({ length: 6 }, (_, i) =>
		seal({ n: i }, Date.now() + 60_000, scope(`password-${i}`)).then(() => order.push(`key ${i}`)),
	);
	// Another run's I/O due meanwhile: served before the last key, not after all six.
	setTimeout(() => order.push('timer'), 0);
	await Promise.all(sealed);
	expect(order.indexOf('timer')).toBeGreaterThan(-1);
	expect(order.indexOf('timer')).toBeLessThan(order.length - 1);
	// Each blob opens with its own credential only.
	const blob = await seal({ n: 7 }, Date.now() + 60_000, scope('password-7'));
	await expect(unseal(blob, scope('password-7'))).resolves.toEqual({ n: 7 });
	await expect(unseal(blob, scope('password-6'))).rejects.toThrow(/another credential/);
});
