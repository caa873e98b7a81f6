import { z } from 'zod';
import { attentionItemSchema, healthResponseSchema, meResponseSchema } from '../api/common';
import { catalogSourceSchema } from '../api/catalog';
import { defineOperation } from './operation';

/** The caller, the plugin's health, and the catalog provider's source. */
export const rootOperations = {
  getHealth: defineOperation({
    method: 'get',
    path: '/health',
    summary: 'Liveness, version and database',
    response: healthResponseSchema,
    audience: 'anyone',
  }),
  getMe: defineOperation({ method: 'get', path: '/me', summary: 'The caller and their ownership refs', response: meResponseSchema }),
  getMyAttention: defineOperation({
    method: 'get',
    path: '/me/attention',
    summary: "What needs the caller's attention",
    response: z.object({ items: z.array(attentionItemSchema) }),
  }),
  getCatalogSource: defineOperation({
    method: 'get',
    path: '/catalog-source',
    summary: 'Organisations, teams, projects and environments for the catalog provider (Backstage services only)',
    response: catalogSourceSchema,
    audience: 'services',
  }),
};
