import { spawn } from 'node:child_process';
import { auditText } from './secret-scan';

export interface CliOptions {
	env?: Record<string, string | undefined>;
	/** Answers each "Code: " prompt; the script then runs in a terminal (a pseudo-terminal). */
	onPrompt?: () => string;
	/** The prompt onPrompt answers, when not "Code: " ("Sign-in link: "). */
	prompt?: string;
	/** Standard input without a terminal: a pipe nobody writes to, or none at all (/dev/null). */
	stdin?: 'pipe' | 'ignore';
}

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

/**
 * Runs a built script as a user runs it: a child process, its output collected (and searched for
 * secrets). Questions need a terminal, so a run that answers one goes through util-linux
 * `script`, which gives it a pseudo-terminal (echo off: the typed code is not printed back).
 */
export function runCli(
	args: string[],
	options: CliOptions = {},
): Promise<{ code: number; out: string; ms: number }> {
	const env: Record<string, string | undefined> = { ...process.env, ...options.env };
	for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
	const started = Date.now();
	return new Promise((done) => {
		const child = options.onPrompt
			? spawn(
					'script',
					[
						'-qfec',
						`stty -echo; exec ${[process.execPath, ...args].map(quote).join(' ')}`,
						'/dev/null',
					],
					{ env },
				)
			: spawn(process.execPath, args, { env, stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'] });
		let out = '';
		let answered = 0;
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString().replace(/\r\n/g, '\n');
			if (options.onPrompt && out.split(options.prompt ?? 'Code: ').length - 1 > answered) {
				answered += 1;
				child.stdin!.write(`${options.onPrompt()}\r`);
			}
		});
		child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('exit', (code) => {
			auditText(`${args[0]} output`, out);
			done({ code: code ?? -1, out, ms: Date.now() - started });
		});
	});
}
