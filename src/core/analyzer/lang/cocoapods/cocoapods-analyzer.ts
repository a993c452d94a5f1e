import { defineFileAnalyzer, fileNamed } from '../../define-file-analyzer.js';
import { parsePodfileLock } from './parse-podfile-lock.js';

/** CocoaPods' `Podfile.lock` (not the copy `Pods/Manifest.lock` CocoaPods keeps beside the pods). */
const kindOf = fileNamed('Podfile.lock', 'lock');

export const cocoapodsAnalyzer = defineFileAnalyzer({
  name: 'lang/cocoapods',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { lock: parsePodfileLock },
});
