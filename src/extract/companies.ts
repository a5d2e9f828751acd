import type { Root } from 'mdast';
import type { VFile } from 'vfile';

export function extractCompanies() {
  return (_tree: Root, file: VFile): void => {
    file.data.extraction!.companies = [];
  };
}
