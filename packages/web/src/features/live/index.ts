export { LiveProvider, type LivePresence, type LiveState, useLive, useLivePresence } from './live-provider';
export { PresenceAvatars } from './presence-avatars';
