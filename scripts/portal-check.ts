import { checkDefinition } from './portal-check/check-definition';
import { runMode } from './portal-check/main';

/**
 * `npm run portal:check -- <definition.json> [options]` (`--help` lists them and the
 * INVOICE_PORTALS_CHECK_* variables for unattended runs).
 *
 * Tries a portal definition against the real site, step by step: the definition itself, the
 * login (answering code prompts from the terminal or the authenticator secret), the documents
 * list, one download. The parts live in portal-check/: args.ts (options and help), prompts.ts
 * (terminal questions, refused without a terminal), credentials.ts, steps.ts (what each step
 * prints), definition-mistakes.ts, check-definition.ts (this mode), main.ts (exit codes).
 */
runMode(checkDefinition, process.argv.slice(2));
