import { createTwoFilesPatch } from 'diff';
import { readEnvironmentFiles } from '@juanie/plugin-juanie-node';
import { FIXTURE_FILES } from './fixtureRepository';

/** Files of the fixture repository under a path (all of them by default), by repository path. */
export async function readFixtureTree(
  under = '',
): Promise<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(FIXTURE_FILES).filter(
      ([file]) => !under || file === under || file.startsWith(`${under}/`),
    ),
  );
}

/** The files of one environment path of the fixture repository, bases included. */
export function fixtureEnvironment(
  environmentPath: string,
): Promise<Record<string, string>> {
  return readEnvironmentFiles(environmentPath, readFixtureTree);
}

/** The +/- lines of a unified diff, without file headers. */
export function diffLines(diff: string): string[] {
  return diff
    .split('\n')
    .filter(line => /^[+-]/.test(line) && !/^(\+\+\+|---)( |$)/.test(line));
}

/** The +/- lines between two texts. */
export function changedLines(before: string, after: string): string[] {
  return diffLines(createTwoFilesPatch('a', 'b', before, after));
}
