import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { splitSentences } from './sentences.ts';

/** Splits the cleaned text into sentences once, for every later extractor. */
export function extractSentences() {
  return (_tree: Root, file: VFile): void => {
    file.data.extraction!.sentences = splitSentences(file.data.doc!.text);
  };
}
