/** What the scale bench requests. The own-stack and bare floors answer at the same path. */
export const CONTACTS_LIST_PATH = '/api/contacts?limit=50';
export const OWN_STACK_FLOOR_PATH = '/api/bench/fixed-bytes';
/** A name every copy of the demo holds (Michael and Amy Chen of the Chen Family Trust): the search has matches to present. */
export const SEARCH_TERM = 'chen';
export const DASHBOARD_PATH = '/api/reports/dashboard';
export const LP_TRACKER_PATH = '/api/reports/lp-tracker';
