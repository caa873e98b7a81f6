import { withSchemaDefaults, withTemplateDefaults } from './schemaDefaults';

describe('withSchemaDefaults', () => {
  it.each([
    ['a left-out value', { default: 1 }, undefined, 1],
    ['a given value', { default: 1 }, 2, 2],
    ['null, which is given', { default: 1 }, null, null],
    ['false, which is given', { default: true }, false, false],
    [
      'properties of an object',
      { properties: { a: { default: 'x' }, b: { default: 'y' } } },
      { a: 'given' },
      { a: 'given', b: 'y' },
    ],
    [
      'nested objects',
      { properties: { inner: { properties: { deep: { default: 3 } } } } },
      { inner: {} },
      { inner: { deep: 3 } },
    ],
    [
      'each object of an array',
      { items: { properties: { kind: { default: 'development' } } } },
      [{ slug: 'a' }, { slug: 'b', kind: 'staging' }],
      [
        { slug: 'a', kind: 'development' },
        { slug: 'b', kind: 'staging' },
      ],
    ],
    [
      'the objects of a default array',
      {
        default: [{ slug: 'dev' }],
        items: { properties: { kind: { default: 'development' } } },
      },
      undefined,
      [{ slug: 'dev', kind: 'development' }],
    ],
  ])('fills in %s', (_, schema, value, expected) => {
    expect(withSchemaDefaults(schema, value)).toEqual(expected);
  });

  it('never changes the schema or the given value', () => {
    const schema = { properties: { list: { default: [{ a: 1 }] } } };
    const value = {};
    const filled = withSchemaDefaults(schema, value) as any;
    filled.list[0].a = 2;
    expect(schema.properties.list.default).toEqual([{ a: 1 }]);
    expect(value).toEqual({});
  });
});

describe('withTemplateDefaults', () => {
  it("fills in the defaults of every page of a template's parameters", () => {
    expect(
      withTemplateDefaults(
        [
          { properties: { a: { default: 1 } } },
          { properties: { b: { default: 2 } } },
        ],
        { c: 3 },
      ),
    ).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('takes one page as well as a list, and none', () => {
    expect(
      withTemplateDefaults({ properties: { a: { default: 1 } } }, {}),
    ).toEqual({ a: 1 });
    expect(withTemplateDefaults(undefined, { a: 1 })).toEqual({ a: 1 });
  });
});
