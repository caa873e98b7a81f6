import { mockServices } from '@backstage/backend-test-utils';
import { juanieContract } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { createJuanie } from './createJuanie';
import { createOpenApiDocument } from './openApiDocument';

const contractRoutes = Object.values(juanieContract).map(op => `${op.method} ${op.path}`).sort();

describe('the contract', () => {
  it('is served in full, and nothing else is', () => {
    const { operations } = createJuanie({
      db: {} as Knex,
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
      httpAuth: mockServices.httpAuth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      permissionsRegistry: mockServices.permissionsRegistry.mock({
        getPermissionRuleset: () => ({ getRuleByName: () => undefined }) as any,
      }),
      auditor: mockServices.auditor.mock(),
      version: 'test',
    });
    expect(operations.map(op => `${op.method} ${op.path}`).sort()).toEqual(contractRoutes);
  });

  it('is the only way a route is declared (besides the OpenAPI document itself)', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return sources(file);
        return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !file.includes(`${path.sep}testing${path.sep}`) ? [file] : [];
      });
    const declaring = sources(path.resolve(__dirname, '..')).flatMap(file =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\brouter\.(get|post|put|patch|delete)\(\s*'([^']*)'/g)].map(
        ([, method, route]) => `${path.basename(file)}: ${method} ${route}`,
      ),
    );
    expect(declaring).toEqual(['rootRouter.ts: get /openapi.json']);
  });

  it('is what the OpenAPI document describes, responses included', () => {
    const document = createOpenApiDocument('test');
    const described = Object.entries(document.paths).flatMap(([route, methods]) =>
      Object.keys(methods).map(method => `${method} ${route}`),
    );
    expect(described.sort()).toEqual(contractRoutes);
    const getProject = document.paths['/orgs/{org}/projects/{project}'].get as any;
    expect(getProject.operationId).toBe('getProject');
    expect(getProject.responses['200'].content['application/json'].schema.properties).toHaveProperty('myRole');
    const deleteProject = document.paths['/orgs/{org}/projects/{project}'].delete as any;
    expect(deleteProject.responses['204']).toEqual({ description: 'Done' });
  });
});
