import { codeTests } from './queue/codes';
import { duplicateTests, loadTests } from './queue/load';
import { outageTests } from './queue/outages';
import { useQueueWorld } from './queue/world';

/**
 * Issue 19: n8n's queue mode on loopback. Redis and PostgreSQL from Debian's packages, the real
 * n8n server (2.8.4) as one main and two workers, each with its own user folder; the package
 * installed in each as users install it. Counts go to queue-results.json.
 *
 * One cluster serves every test (starting it takes minutes), so the tests are registered here, in
 * their original order, from one file per idea under queue/.
 */
useQueueWorld();
loadTests();
codeTests();
duplicateTests();
outageTests();
