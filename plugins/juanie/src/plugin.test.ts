import { juaniePlugin } from './plugin';

describe('juanie', () => {
  it('should export plugin', () => {
    expect(juaniePlugin).toBeDefined();
  });
});
