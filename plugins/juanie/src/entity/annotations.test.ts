import {
  isJuanieProjectEntity,
  juanieProjectOf,
  parseJuanieProjectRef,
} from './annotations';
import { catalogEntity } from '../__testUtils__/renderEntityPage';

describe('isJuanieProjectEntity', () => {
  it.each([
    ['a Component', 'Component', 'acme/shop'],
    ['a System', 'System', 'acme/shop'],
    ['a kind spelt in lower case', 'component', 'acme/shop'],
    ['slugs with digits and dashes', 'Component', 'acme-2/web-shop-1'],
  ])('accepts %s naming a project', (_case, kind, annotation) => {
    expect(isJuanieProjectEntity(catalogEntity({ kind, annotation }))).toBe(
      true,
    );
  });

  it.each([
    ['no annotation', 'Component', undefined],
    ['a Resource (an environment)', 'Resource', 'acme/shop'],
    ['a Group', 'Group', 'acme/shop'],
    ['an empty value', 'Component', ''],
    ['an organisation alone', 'Component', 'acme'],
    ['an environment path', 'Component', 'acme/shop/staging'],
    ['an empty organisation', 'Component', '/shop'],
    ['an empty project', 'Component', 'acme/'],
    ['upper case', 'Component', 'Acme/Shop'],
    ['spaces', 'Component', 'acme/ shop'],
    ['a leading dash', 'Component', 'acme/-shop'],
    ['a URL', 'Component', 'https://juanie.example/acme/shop'],
    ['a slug over 63 characters', 'Component', `acme/${'a'.repeat(64)}`],
  ])('refuses %s', (_case, kind, annotation) => {
    expect(isJuanieProjectEntity(catalogEntity({ kind, annotation }))).toBe(
      false,
    );
  });
});

describe('juanieProjectOf', () => {
  it('reads the organisation and project of the annotation', () => {
    expect(juanieProjectOf(catalogEntity({ annotation: 'acme/shop' }))).toEqual(
      { org: 'acme', project: 'shop' },
    );
  });

  it('reads nothing from an entity without annotations', () => {
    const entity = catalogEntity({});
    delete entity.metadata.annotations;
    expect(juanieProjectOf(entity)).toBeUndefined();
    expect(parseJuanieProjectRef(undefined)).toBeUndefined();
  });
});
