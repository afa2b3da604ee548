import { closeBrowser } from '../../../portals/core/browser/launch';
import { PortalError } from '../../../portals/core/outcomes/errors';
import { NoAnswer } from './prompts';

/**
 * Runs one of the checker's modes and exits with its code. Errors a user can act on (no answer
 * possible, a bad option, a setup problem) are printed as one line, never as a stack trace; the
 * browser is closed in every case.
 */
export function runMode(
	mode: (argv: string[]) => Promise<number>,
	argv: string[],
	help = 'npm run portal:check -- --help',
): void {
	mode(argv)
		.then((code) => {
			process.exitCode = code;
		})
		.catch((error) => {
			if (error instanceof NoAnswer) console.log(`✗ ${error.message}`);
			else if (error instanceof PortalError) console.log(`✗ ${error.code}: ${error.message}`);
			else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
				// Node's own wording is long and about positional arguments: name the option only.
				const option = /'(-[^']*)'/.exec((error as Error).message)?.[1];
				console.log(
					`✗ ${option ? `unknown option ${option}, or it needs a value` : (error as Error).message} (${help} lists the options)`,
				);
				process.exitCode = 2;
				return;
			} else console.log(`✗ ${(error as Error).message}`);
			process.exitCode = 1;
		})
		.finally(() => closeBrowser());
}
