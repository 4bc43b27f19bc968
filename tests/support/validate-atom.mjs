// Validates the Atom documents given on standard input (a JSON array of strings)
// against RFC 4287's RELAX NG schema with libxml2 (libxml2-wasm), offline.
// Prints a JSON array with, for each document, its validity errors (empty when valid).
// A separate process because libxml2-wasm is an ES module that jest's CommonJS transform cannot load.
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';
import { RelaxNGValidator, XmlDocument } from 'libxml2-wasm';

const schemaDoc = XmlDocument.fromString(readFileSync(new URL('./atom.rng', import.meta.url), 'utf8'));
const validator = RelaxNGValidator.fromDoc(schemaDoc);
const documents = JSON.parse(readFileSync(0, 'utf8'));
const results = documents.map((xml) => {
  let doc;
  try {
    doc = XmlDocument.fromString(xml);
    validator.validate(doc);
    return [];
  } catch (error) {
    const details = error.details ?? [];
    return details.length > 0 ? details.map((d) => `line ${d.line}: ${d.message.trim()}`) : [String(error.message ?? error)];
  } finally {
    doc?.dispose();
  }
});
validator.dispose();
schemaDoc.dispose();
process.stdout.write(JSON.stringify(results));
