import type { RenderResult } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { JuanieApi, juanieApiRef } from '../api/JuanieApi';
import { rootRouteRef } from '../routes';

/** A catalog entity; `annotation` is its `juanie.io/project`, none when undefined. */
export function catalogEntity(options: {
  kind?: string;
  annotation?: string;
}): Entity {
  const { kind = 'Component', annotation } = options;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: 'shop-web',
      annotations:
        annotation === undefined ? {} : { 'juanie.io/project': annotation },
    },
    spec: { type: 'website', owner: 'group:default/web-team' },
  };
}

/**
 * Renders a catalog entity page of `entity` with the given entity content and
 * card extensions; as in the catalog, only those whose filter accepts the
 * entity show. Juanie's own pages are mounted at /juanie.
 */
export function renderEntityPage(
  entity: Entity,
  extensions: ExtensionDefinition[],
  options: { api: JuanieApi; signals?: SignalApi },
): RenderResult {
  const { api, signals } = options;
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), ...extensions],
    mountedRoutes: { '/juanie': rootRouteRef },
    apis: [
      [juanieApiRef, api],
      mockApis.alert(),
      mockApis.permission(),
      ...(signals ? [[signalApiRef, signals] as const] : []),
    ],
  });
}
