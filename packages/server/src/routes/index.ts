import type { RouteSpec } from '../http/route.js';
import { authRoutes, userRoutes } from './access.js';
import { automationRoutes } from './automations.js';
import { batchRoutes } from './batch.js';
import { collectionRoutes } from './collections.js';
import { emailMessageRoutes } from './email-messages.js';
import { exportRoutes } from './exports.js';
import { gridRoutes } from './grid.js';
import { identityRoutes } from './identity.js';
import { identityMergeRoutes } from './identity-merges.js';
import { jobRoutes } from './jobs.js';
import { notificationRoutes } from './notifications.js';
import { relationshipRoutes } from './relationships.js';
import { reportRoutes } from './reports.js';
import { savedViewRoutes } from './saved-views.js';
import { searchRoutes } from './search.js';
import { trashRoutes } from './trash.js';

export const apiRoutes: RouteSpec[] = [...authRoutes, ...userRoutes, ...exportRoutes, ...collectionRoutes, ...batchRoutes, ...gridRoutes, ...reportRoutes, ...jobRoutes, ...searchRoutes, ...notificationRoutes, ...savedViewRoutes, ...trashRoutes, ...automationRoutes, ...identityMergeRoutes, ...relationshipRoutes, ...identityRoutes, ...emailMessageRoutes];
