import { measureOcr, measureSuggest } from './bench/measures/ocr.js';
console.log(JSON.stringify(await measureSuggest('/tmp/ocrt/bench'), null, 1));
console.log(JSON.stringify(await measureOcr('/tmp/ocrt/bench', 1), null, 1));
