import type { Root } from 'mdast';
import type { VFile } from 'vfile';

export function extractPlaces() {
  return (_tree: Root, file: VFile): void => {
    file.data.extraction!.places = [];
  };
}
