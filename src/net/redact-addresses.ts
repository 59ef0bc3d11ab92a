// Network errors name the address and port they failed on ("connect ECONNREFUSED
// 127.0.0.1:4207"). Shown to a user, that maps the private network behind Belfry, so
// error text that leaves the process goes through here first.

const IPV4_WITH_PORT = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g;
const IPV6_CANDIDATE = /\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%[\w.-]+)?\]?(?::\d{1,5})?/gi;

/**
 * Replaces every IPv4 and IPv6 address (with its port) in `text` by "[address]". An IPv6
 * candidate must contain "::" or at least five colons, so times such as 12:30:45 survive.
 */
export function redactAddresses(text: string): string {
  return text
    .replace(IPV6_CANDIDATE, (match) => (match.includes('::') || match.split(':').length > 5 ? '[address]' : match))
    .replace(IPV4_WITH_PORT, '[address]');
}
