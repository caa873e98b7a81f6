import { ReactNode } from 'react';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  JUANIE_PROJECT_ANNOTATION,
  JuanieProjectRef,
  juanieProjectOf,
} from './annotations';

/**
 * Renders `children` for the Juanie project of the current entity; without a
 * well-formed annotation (a legacy app that shows the view unconditionally),
 * says which annotation is missing.
 */
export function EntityJuanieProject(props: {
  children: (project: JuanieProjectRef) => ReactNode;
}) {
  const { entity } = useEntity();
  const project = juanieProjectOf(entity);
  if (!project) {
    return (
      <MissingAnnotationEmptyState annotation={JUANIE_PROJECT_ANNOTATION} />
    );
  }
  return <>{props.children(project)}</>;
}
