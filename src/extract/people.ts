import type { Root } from 'mdast';
import type { VFile } from 'vfile';

export function extractPeople() {
  return (_tree: Root, file: VFile): void => {
    file.data.extraction!.people = [];
  };
}
