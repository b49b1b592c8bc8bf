export { BackendUrl } from './backend-url';
