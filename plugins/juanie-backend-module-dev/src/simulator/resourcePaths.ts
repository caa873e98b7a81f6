import {
  apiGroupList,
  apiResourceList,
  apiVersions,
  findTypeByPlural,
  ResourceType,
  versionInfo,
} from './resourceTypes';

/** A resource path: `/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/status]]`. */
export interface Target {
  type: ResourceType;
  namespace?: string;
  name?: string;
  status: boolean;
}

/** The discovery document at `path`, if it is one. */
export function discovery(path: string): unknown {
  if (path === '/version') return versionInfo();
  if (path === '/api') return apiVersions();
  if (path === '/apis') return apiGroupList();
  if (path === '/api/v1') return apiResourceList('', 'v1');
  const group = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
  return group ? apiResourceList(group[1], group[2]) : undefined;
}

/** The resource a path addresses; undefined when it is no resource of this server. */
export function parseTarget(path: string): Target | undefined {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let prefix: [string, string] | undefined;
  if (segments[0] === 'api') prefix = ['', segments[1]];
  else if (segments[0] === 'apis') prefix = [segments[1], segments[2]];
  if (!prefix) return undefined;
  const rest = segments.slice(segments[0] === 'api' ? 2 : 3);
  const [group, version] = prefix;
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest.length <= 5) {
    const type = findTypeByPlural(group, version, rest[2]);
    if (type?.namespaced && (rest.length < 5 || rest[4] === 'status'))
      return { type, namespace: rest[1], name: rest[3], status: !!rest[4] };
  }
  const type = findTypeByPlural(group, version, rest[0] ?? '');
  // A namespaced object is only addressed with its namespace; its plural alone lists all.
  if (!type || rest.length > 3 || (type.namespaced && rest.length > 1))
    return undefined;
  if (rest[2] !== undefined && rest[2] !== 'status') return undefined;
  return { type, name: rest[1], status: rest[2] === 'status' };
}
