export { customFieldOperations } from './definitions.js';
export { loadCustomFieldsFor, writeCustomFieldValues } from './values.js';
