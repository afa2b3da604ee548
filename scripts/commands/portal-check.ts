import { checkDefinition } from './portal-check/check-definition';
import { discover } from './portal-check/discover';
import { runMode } from './portal-check/main';

/**
 * `npm run portal:check -- <definition.json> [options]` (`--help` lists them and the
 * INVOICE_PORTALS_CHECK_* variables for unattended runs), or
 * `npm run portal:check -- --discover <login URL> [--documents-url <url>] [--save <file>]`,
 * which writes a definition from the login page alone (portal-check/discover.ts).
 *
 * Tries a portal definition against the real site, step by step: the definition itself, the
 * login (answering code prompts from the terminal or the authenticator secret), the documents
 * list, one download. The parts live in portal-check/: args.ts (options and help), prompts.ts
 * (terminal questions, refused without a terminal), credentials.ts, steps.ts (what each step
 * prints), definition-mistakes.ts, check-definition.ts (this mode), main.ts (exit codes).
 */
const argv = process.argv.slice(2);
runMode(argv.includes('--discover') ? discover : checkDefinition, argv);
