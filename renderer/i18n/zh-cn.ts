// Old name of the catalogue, kept only while app.tsx (owned by the visit pass) still imports it;
// delete once that import reads '../i18n/messages'.
export { messages } from './messages';
