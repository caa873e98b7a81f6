import { mockServices } from '@backstage/backend-test-utils';
import os from 'node:os';
import path from 'node:path';
import { readJuaniePaths } from './juaniePaths';

const configOf = (data: object) => mockServices.rootConfig({ data });

describe('readJuaniePaths', () => {
  const backendDir = '/home/dev/juanie/packages/backend';

  it('makes the relative paths of app-config.yaml absolute from the working directory', () => {
    const config = configOf({
      juanie: {
        dataDir: '../../data',
        gitops: { cacheDir: '../../data/gitops-cache' },
        demo: { gitopsRepositoryDir: '../../data/gitops/shop.git' },
        repositories: { localRoots: ['../../data/gitops'] },
      },
    });

    expect(readJuaniePaths(config, { cwd: backendDir })).toEqual({
      dataDir: '/home/dev/juanie/data',
      gitopsCacheDir: '/home/dev/juanie/data/gitops-cache',
      demoGitOpsRepositoryDir: '/home/dev/juanie/data/gitops/shop.git',
      localRepositoryRoots: ['/home/dev/juanie/data'],
      repositoryLocalRoots: ['/home/dev/juanie/data/gitops'],
    });
  });

  it("reads from the process's working directory by default", () => {
    const config = configOf({ juanie: { dataDir: 'data' } });

    expect(readJuaniePaths(config).dataDir).toBe(path.join(process.cwd(), 'data'));
  });

  it('keeps absolute paths and resolves each local repository root', () => {
    const config = configOf({
      juanie: {
        dataDir: '/srv/juanie',
        demo: { gitopsRepositoryDir: '/srv/demo/shop.git' },
        scaffolder: { localRepositoryRoots: ['/srv/repos', 'scaffolded'] },
      },
    });

    expect(readJuaniePaths(config, { cwd: backendDir })).toEqual({
      dataDir: '/srv/juanie',
      gitopsCacheDir: path.join(os.tmpdir(), 'juanie-gitops'),
      demoGitOpsRepositoryDir: '/srv/demo/shop.git',
      localRepositoryRoots: ['/srv/repos', `${backendDir}/scaffolded`],
      repositoryLocalRoots: [],
    });
  });

  it('puts the demo repository in the data directory, else in the temporary directory', () => {
    const inData = readJuaniePaths(configOf({ juanie: { dataDir: '/srv/juanie' } }));
    expect(inData.demoGitOpsRepositoryDir).toBe('/srv/juanie/gitops/shop.git');

    expect(readJuaniePaths(configOf({}))).toEqual({
      dataDir: undefined,
      gitopsCacheDir: path.join(os.tmpdir(), 'juanie-gitops'),
      demoGitOpsRepositoryDir: path.join(os.tmpdir(), 'juanie-demo', 'shop.git'),
      localRepositoryRoots: [],
      repositoryLocalRoots: [],
    });
  });
});
