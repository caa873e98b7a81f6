import { Knex } from 'knex';
import {
  attempt,
  badQuery,
  ExpectedRefusal,
  invalid,
  notFound,
  refusedWithoutChange,
} from '../testing/refusals';
import { CAST, expectSuccess, seedAcmeShop } from '../testing/seededOrganization';
import { HttpMethod } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';

jest.setTimeout(120_000);

interface BadRequest {
  name: string;
  method: HttpMethod;
  path: string | ((existing: string) => string);
  body?: unknown;
  refusal: ExpectedRefusal;
}

const ENV_SCOPE = { org: 'acme', project: 'shop', environment: 'prod' };
const ok = { scope: ENV_SCOPE, title: 'At most three', type: 'maxReplicas', params: { max: 3 } };
const MISSING = '00000000-0000-4000-8000-000000000000';
const existing = (suffix = '') => (id: string) => `/policies/${id}${suffix}`;
/** A 404 for a read: nothing is audited. */
const readNotFound = (message: RegExp): ExpectedRefusal => ({ status: 404, message });

/** Everything here is sent by the owner of `acme`, who may make every change it asks for. */
const BAD_REQUESTS: BadRequest[] = [
  // POST /policies
  { name: 'an empty policy', method: 'post', path: '/policies', body: {}, refusal: invalid(/scope: .*; title: .*; type: /) },
  { name: 'a policy sent as a JSON array', method: 'post', path: '/policies', body: [ok], refusal: invalid(/\(whole value\): /) },
  { name: 'a rule type name with a space', method: 'post', path: '/policies', body: { ...ok, type: 'no latest' }, refusal: invalid(/type: must be a rule type name/) },
  { name: 'a rule type nobody registered', method: 'post', path: '/policies', body: { ...ok, type: 'noSuchRule' }, refusal: invalid(/type: unknown rule type 'noSuchRule'; known types are noLatestTag/) },
  { name: 'params of the wrong type', method: 'post', path: '/policies', body: { ...ok, params: { max: 'three' } }, refusal: invalid(/params.max: .*expected number/) },
  { name: 'params without a required field', method: 'post', path: '/policies', body: { ...ok, params: undefined }, refusal: invalid(/params.max: /) },
  { name: 'params with an unknown field', method: 'post', path: '/policies', body: { ...ok, params: { max: 3, min: 1 } }, refusal: invalid(/params: Unrecognized key: "min"/) },
  { name: 'params of another rule type', method: 'post', path: '/policies', body: { ...ok, type: 'allowedRegistries' }, refusal: invalid(/params.patterns: .*; params: Unrecognized key: "max"/) },
  { name: 'an empty registry pattern list', method: 'post', path: '/policies', body: { ...ok, type: 'allowedRegistries', params: { patterns: [] } }, refusal: invalid(/params.patterns: must list at least one pattern/) },
  { name: 'a freeze window in an unknown time zone', method: 'post', path: '/policies', body: { ...ok, type: 'freezeWindow', params: { timeZone: 'Europe/Atlantis', days: ['fri'], from: '18:00', to: '08:00' } }, refusal: invalid(/params.timeZone: must be an IANA time zone/) },
  { name: 'a freeze window that ends before it starts', method: 'post', path: '/policies', body: { ...ok, type: 'freezeWindow', params: { timeZone: 'UTC', start: '2026-12-24T18:00', end: '2026-12-24T08:00' } }, refusal: invalid(/params.end: must be after start/) },
  { name: 'a minimum of approvals for an unknown kind', method: 'post', path: '/policies', body: { ...ok, type: 'minApprovals', params: { byKind: { qa: 1 } } }, refusal: invalid(/params.byKind: Unrecognized key: "qa"/) },
  { name: 'an unknown field', method: 'post', path: '/policies', body: { ...ok, priority: 1 }, refusal: invalid(/Unrecognized key: "priority"/) },
  { name: 'an enforcement that does not exist', method: 'post', path: '/policies', body: { ...ok, enforcement: 'block' }, refusal: invalid(/enforcement: /) },
  { name: 'enabled as a word', method: 'post', path: '/policies', body: { ...ok, enabled: 'yes' }, refusal: invalid(/enabled: /) },
  { name: 'an empty title', method: 'post', path: '/policies', body: { ...ok, title: ' ' }, refusal: invalid(/title: must not be empty/) },
  { name: 'a policy without scope', method: 'post', path: '/policies', body: { ...ok, scope: undefined }, refusal: invalid(/scope: /) },
  { name: 'an environment scope without its project', method: 'post', path: '/policies', body: { ...ok, scope: { org: 'acme', environment: 'prod' } }, refusal: invalid(/scope.environment: an environment scope needs its project/) },
  { name: 'a scope with an uppercase organisation', method: 'post', path: '/policies', body: { ...ok, scope: { org: 'ACME' } }, refusal: invalid(/scope.org: must be 1-63 lowercase/) },
  { name: 'a scope naming a team', method: 'post', path: '/policies', body: { ...ok, scope: { org: 'acme', team: 'web' } }, refusal: invalid(/scope: Unrecognized key: "team"/) },
  { name: 'a scope given as a string', method: 'post', path: '/policies', body: { ...ok, scope: 'acme/shop/prod' }, refusal: invalid(/scope: .*expected object/) },
  { name: 'a NUL character in the description', method: 'post', path: '/policies', body: { ...ok, description: 'a\u0000b' }, refusal: invalid(/description: must not contain NUL/) },
  { name: 'a policy for an unknown organisation', method: 'post', path: '/policies', body: { ...ok, scope: { org: 'ghost' } }, refusal: notFound(/Organisation 'ghost' does not exist/) },
  { name: 'a policy for an unknown project', method: 'post', path: '/policies', body: { ...ok, scope: { org: 'acme', project: 'ghost' } }, refusal: notFound(/Project 'ghost' does not exist in acme/) },
  { name: 'a policy for an unknown environment', method: 'post', path: '/policies', body: { ...ok, scope: { ...ENV_SCOPE, environment: 'ghost' } }, refusal: notFound(/Environment 'ghost' does not exist in project shop/) },
  // PATCH and DELETE /policies/{id}
  { name: 'a change to an unknown policy', method: 'patch', path: `/policies/${MISSING}`, body: { title: 'x' }, refusal: notFound(new RegExp(`Policy '${MISSING}' does not exist`)) },
  { name: 'a change to a policy named by something else than an id', method: 'patch', path: '/policies/max-replicas', body: { title: 'x' }, refusal: notFound(/Policy 'max-replicas' does not exist/) },
  { name: 'moving a policy to another scope', method: 'patch', path: existing(), body: { scope: { org: 'acme' } }, refusal: invalid(/Unrecognized key: "scope"/) },
  { name: 'changed params that do not fit', method: 'patch', path: existing(), body: { params: { max: -1 } }, refusal: invalid(/params.max: /) },
  { name: 'a new type without its params', method: 'patch', path: existing(), body: { type: 'requiredLabels' }, refusal: invalid(/params.labels: /) },
  { name: 'a new type nobody registered', method: 'patch', path: existing(), body: { type: 'noSuchRule', params: {} }, refusal: invalid(/unknown rule type 'noSuchRule'/) },
  { name: 'an enforcement of maybe', method: 'patch', path: existing(), body: { enforcement: 'maybe' }, refusal: invalid(/enforcement: /) },
  { name: 'a null title', method: 'patch', path: existing(), body: { title: null }, refusal: invalid(/title: /) },
  { name: 'deleting an unknown policy', method: 'delete', path: `/policies/${MISSING}`, refusal: notFound(/does not exist/) },
  // Reads
  { name: 'a list without organisation or environment', method: 'get', path: '/policies', refusal: badQuery(/org: name the organisation \(org\) or an environment \(effectiveFor\)/) },
  { name: 'a list by project without its organisation', method: 'get', path: '/policies?project=shop', refusal: badQuery(/org: name the organisation/) },
  { name: 'a list by environment without its project', method: 'get', path: '/policies?org=acme&environment=prod', refusal: badQuery(/environment: an environment filter needs its project/) },
  { name: 'effective policies of a project', method: 'get', path: '/policies?effectiveFor=acme/shop', refusal: badQuery(/effectiveFor: must be <org>\/<project>\/<environment>/) },
  { name: 'effective policies with a filter too', method: 'get', path: '/policies?effectiveFor=acme/shop/prod&org=acme', refusal: badQuery(/effectiveFor: use either effectiveFor or org/) },
  { name: 'an unknown query parameter', method: 'get', path: '/policies?org=acme&kind=production', refusal: badQuery(/Unrecognized key: "kind"/) },
  { name: 'an organisation given twice', method: 'get', path: '/policies?org=acme&org=globex', refusal: badQuery(/org: .*expected string/) },
  { name: 'a list for an unknown organisation', method: 'get', path: '/policies?org=ghost', refusal: readNotFound(/Organisation 'ghost' does not exist/) },
  { name: 'effective policies of an unknown environment', method: 'get', path: '/policies?effectiveFor=acme/shop/ghost', refusal: readNotFound(/Environment 'ghost' does not exist/) },
  { name: 'an unknown policy', method: 'get', path: `/policies/${MISSING}`, refusal: readNotFound(/does not exist/) },
];

describe('bad input to policies', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;
    let policyId: string;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      await seedAcmeShop(backend);
      const owner = backend.as(CAST.orgOwner);
      const env = { slug: 'prod', title: 'Production', kind: 'production' };
      expectSuccess(await owner.post('/orgs/acme/projects/shop/environments', env), 'create environment prod');
      policyId = expectSuccess(await owner.post('/policies', ok), 'create a policy').body.id;
    });

    it.each(BAD_REQUESTS)('refuses $name and changes nothing', async request => {
      const path = typeof request.path === 'function' ? request.path(policyId) : request.path;
      const policiesBefore = await knex('policies').select();
      const sent = await attempt(knex, () => backend.as(CAST.orgOwner).call(request.method, path, request.body));
      expect(sent).toEqual(refusedWithoutChange(request.refusal));
      expect(await knex('policies').select()).toEqual(policiesBefore);
    });
  });
});
